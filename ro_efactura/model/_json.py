"""The JSON form of the model, for ``ro-efactura convert`` and for people writing invoices by hand.

The form mirrors the dataclasses field for field: an object per dataclass with the field names
as keys, arrays for tuples, ``Decimal`` as a string (``"119.00"``, never a float), dates as
ISO strings (``"2026-11-26"``), enums by value (``"S"``, ``"380"``), attachment content in
base64. Fields left at their default are omitted by :func:`to_dict`; :func:`from_dict` accepts
them absent. Unknown keys and wrong types raise :class:`~ro_efactura.errors.DocumentError`
with the path of the offending key.

>>> from ro_efactura.model import Address
>>> to_dict(Address(city="Cluj-Napoca", subdivision="RO-CJ"))
{'city': 'Cluj-Napoca', 'subdivision': 'RO-CJ'}
>>> from_dict(Address, {"city": "SECTOR1", "subdivision": "RO-B"}).country
'RO'
"""

from __future__ import annotations

import base64
import binascii
import dataclasses
import types
import typing
from datetime import date
from decimal import Decimal, InvalidOperation
from enum import Enum
from functools import cache

from ..errors import DocumentError

__all__ = ["from_dict", "to_dict"]


def to_dict(obj) -> dict:
    """The JSON-ready dict of a model dataclass (fields at their default are left out)."""
    out = {}
    for f in dataclasses.fields(obj):
        value = getattr(obj, f.name)
        if f.default is not dataclasses.MISSING and value == f.default:
            continue
        out[f.name] = _dump(value)
    return out


def _dump(value):
    if dataclasses.is_dataclass(value):
        return to_dict(value)
    if isinstance(value, tuple):
        return [_dump(v) for v in value]
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bytes):
        return base64.b64encode(value).decode("ascii")
    return value


@cache
def _hints(cls) -> dict:
    return typing.get_type_hints(cls)


def from_dict(cls, data, *, path: str = "$"):
    """Build a ``cls`` instance from its JSON form; raise DocumentError naming the bad key."""
    if not isinstance(data, dict):
        raise DocumentError(f"Expected an object for {cls.__name__}.", location=path)
    hints = _hints(cls)
    unknown = sorted(set(data) - set(hints))
    if unknown:
        raise DocumentError(f"Unknown key {unknown[0]!r} in {cls.__name__}.", location=path)
    kwargs = {name: _load(hints[name], value, f"{path}.{name}") for name, value in data.items()}
    try:
        return cls(**kwargs)
    except TypeError as exc:
        raise DocumentError(f"Incomplete {cls.__name__}: {exc}", location=path) from exc


def _load(hint, value, path: str):
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        if value is None:
            return None
        (inner,) = (arg for arg in typing.get_args(hint) if arg is not type(None))
        return _load(inner, value, path)
    if origin is tuple:
        if not isinstance(value, list):
            raise DocumentError("Expected an array.", location=path)
        inner = typing.get_args(hint)[0]
        return tuple(_load(inner, v, f"{path}[{i}]") for i, v in enumerate(value))
    if dataclasses.is_dataclass(hint):
        return from_dict(hint, value, path=path)
    return _scalar(hint, value, path)


def _scalar(hint, value, path: str):
    try:
        if hint is Decimal and isinstance(value, (str, int)) and not isinstance(value, bool):
            result = Decimal(value)
            if result.is_finite():
                return result
        elif hint is date and isinstance(value, str):
            return date.fromisoformat(value)
        elif hint is bytes and isinstance(value, str):
            return base64.b64decode(value, validate=True)
        elif isinstance(hint, type) and issubclass(hint, Enum):
            return hint(value)
        elif hint in (str, bool) and type(value) is hint:
            return value
    except (InvalidOperation, ValueError, binascii.Error) as exc:
        raise DocumentError(f"Invalid value {value!r}: {exc}", location=path) from exc
    raise DocumentError(f"Invalid value {value!r} for a {hint.__name__}.", location=path)
