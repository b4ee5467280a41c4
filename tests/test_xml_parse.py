"""The hardened parser keeps its guarantees when its per-thread parser is reused."""

import threading

import pytest

from ro_efactura._xml import parse
from ro_efactura.errors import MalformedXMLError, UnsafeXMLError

INVOICE = b'<Invoice xmlns="urn:example"><a>%d</a></Invoice>'


def test_a_failed_parse_leaves_the_next_one_unaffected():
    with pytest.raises(MalformedXMLError):
        parse(b"<Invoice><a></Invoice>")
    with pytest.raises(UnsafeXMLError):
        parse(b'<!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>')
    assert parse(INVOICE % 1)[0].text == "1"
    with pytest.raises(UnsafeXMLError):  # the refusal does not wear off with reuse
        parse(b'<!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>')


def test_blank_text_choice_is_kept_per_call():
    indented = b"<x>\n  <y>1</y>\n</x>"
    assert parse(indented, blank_text=False).text is None
    assert parse(indented).text == "\n  "
    assert parse(indented, blank_text=False).text is None


def test_threads_parse_at_the_same_time():
    results, errors = {}, []

    def work(worker: int) -> None:
        try:
            for i in range(200):
                number = worker * 1000 + i
                results.setdefault(worker, []).append(int(parse(INVOICE % number)[0].text))
        except Exception as exc:  # reported below, not lost in the thread
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(w,)) for w in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert results == {w: [w * 1000 + i for i in range(200)] for w in range(4)}
