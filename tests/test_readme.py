"""The README's Python examples run as written (they need ../shared for the ANAF example)."""

import re

import pytest

from tests.official import ROOT, require_standards

BLOCKS = re.findall(r"```python\n(.*?)```", (ROOT / "README.md").read_text(), re.S)


@pytest.mark.parametrize("number", range(len(BLOCKS)))
def test_readme_example_runs(number, monkeypatch):
    if "../shared" in BLOCKS[number]:
        require_standards()
    monkeypatch.chdir(ROOT)
    exec(compile(BLOCKS[number], f"README.md python block {number + 1}", "exec"), {})


def test_readme_has_examples():
    assert len(BLOCKS) >= 2
