"""Build the model's frozen dataclasses from a dict of field values, for the reader's hot loop.

A frozen dataclass's ``__init__`` binds every keyword, then stores each field through
``object.__setattr__``; for a 25-field :class:`~ro_efactura.model.Line` read 500 times that
is a measurable share of reading. :func:`builder` stores the slots directly instead (absent
fields take their defaults). It only accepts classes whose ``__init__`` does nothing else:
slotted dataclasses without ``__post_init__``, ``InitVar`` or default factories, so the model
stays the single place that says what a valid instance holds.

>>> from ro_efactura.model import Identifier
>>> build = builder(Identifier)
>>> build({"value": "RO123"}) == Identifier(value="RO123")
True
>>> build({})
Traceback (most recent call last):
...
TypeError: Identifier needs value
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

__all__ = ["builder"]


def _stores(cls: type) -> tuple[list, list]:
    """(name, store) of the required fields and (name, default, store) of the others."""
    if not (dataclasses.is_dataclass(cls) and hasattr(cls, "__slots__")):
        raise TypeError(f"{cls.__name__} is not a slotted dataclass")
    if hasattr(cls, "__post_init__"):
        raise TypeError(f"{cls.__name__} validates in __post_init__; build it normally")
    required, optional = [], []
    for field in dataclasses.fields(cls):
        if not field.init or field.default_factory is not dataclasses.MISSING:
            raise TypeError(f"{cls.__name__}.{field.name} is not a plain init field")
        store = cls.__dict__[field.name].__set__
        if field.default is dataclasses.MISSING:
            required.append((field.name, store))
        else:
            optional.append((field.name, field.default, store))
    return required, optional


def builder(cls: type) -> Callable[[dict], Any]:
    """A function making a ``cls`` from ``{field: value}``, as ``cls(**values)`` would
    (keys that are not fields are ignored).

    :raises TypeError: at once, for a class whose ``__init__`` does more than store fields;
        when called, for a required field absent from ``values``.
    """
    required, optional = _stores(cls)
    new = object.__new__

    def build(values: dict):
        made = new(cls)
        for name, store in required:
            if name not in values:
                raise TypeError(f"{cls.__name__} needs {name}")
            store(made, values[name])
        get = values.get
        for name, default, store in optional:
            store(made, get(name, default))
        return made

    return build
