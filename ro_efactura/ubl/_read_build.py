"""Make the model's frozen dataclasses quickly, for the reader's hot loops.

A frozen dataclass's ``__init__`` stores each field through ``object.__setattr__`` (to get
past its own refusing ``__setattr__``), which costs about three times an ordinary attribute
store: for a 25-field :class:`~ro_efactura.model.Line` read 500 times that is a measurable
share of reading. :func:`builder` makes a mutable twin of the class (same fields, defaults
and slots, so the same memory layout) whose constructor stores the fields plainly and then
turns the new object into the frozen class (``__class__`` assignment, which Python allows
between heap types of the same layout). The result is an ordinary instance of the frozen
class. Only classes whose ``__init__`` does nothing but store fields are accepted: slotted
dataclasses without ``__post_init__``, ``InitVar`` or default factories, so the model stays
the single place that says what a valid instance holds.

>>> from ro_efactura.model import Identifier
>>> make = builder(Identifier)
>>> made = make(value="RO123")
>>> type(made) is Identifier, made == Identifier(value="RO123")
(True, True)
>>> make()
Traceback (most recent call last):
...
TypeError: Identifier.__init__() missing 1 required keyword-only argument: 'value'
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

__all__ = ["builder"]


def _fields(cls: type) -> tuple[dataclasses.Field, ...]:
    if not (dataclasses.is_dataclass(cls) and "__slots__" in cls.__dict__):
        raise TypeError(f"{cls.__name__} is not a slotted dataclass")
    if hasattr(cls, "__post_init__"):
        raise TypeError(f"{cls.__name__} validates in __post_init__; build it normally")
    fields = dataclasses.fields(cls)
    for field in fields:
        if not field.init or field.default_factory is not dataclasses.MISSING:
            raise TypeError(f"{cls.__name__}.{field.name} is not a plain init field")
    return fields


def builder(cls: type) -> Callable[..., Any]:
    """A constructor taking the keywords ``cls`` takes and returning a ``cls`` instance.

    :raises TypeError: for a class whose ``__init__`` does more than store fields.
    """
    fields = _fields(cls)
    scope: dict = {"__frozen": cls}
    params, body = [], []
    for field in fields:
        name = field.name
        if field.default is dataclasses.MISSING:
            params.append(name)
        else:
            scope[f"__default_{name}"] = field.default
            params.append(f"{name}=__default_{name}")
        body.append(f"    __instance.{name} = {name}")
    code = [f"def __init__(__instance, *, {', '.join(params)}):", *body]
    code.append("    __instance.__class__ = __frozen")
    exec("\n".join(code), scope)  # the code comes from the class's fields alone
    init = scope["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    slots = tuple(field.name for field in fields)
    twin = type(cls.__name__, (), {"__slots__": slots, "__init__": init})
    twin.__qualname__ = cls.__qualname__
    object.__new__(twin).__class__ = cls  # fails now, not later, if the layouts differ
    return twin
