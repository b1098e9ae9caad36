"""Turning analysis results (frozen dataclasses, enums, mappings) into JSON-able data.

Every analysis result stores its metrics with the audit through :func:`jsonable`; one converter
keeps the stored shape the same for every analyzer family.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from enum import Enum
from typing import Any

_PLAIN = frozenset({str, int, float, bool, type(None)})
_FIELDS: dict[type, tuple[str, ...]] = {}


def jsonable(value: Any) -> Any:
    """``value`` as lists, dicts, strings and numbers: dataclasses become dicts of their fields,
    enums their values, tuples and lists lists, sets sorted lists, mapping keys strings."""
    kind = type(value)
    if kind in _PLAIN:  # most values, by far: answer them before any other test
        return value
    # Plain tuples, lists and dicts (exactly these types: never dataclasses, enums or anything
    # else) next; their plain items are copied without a call.
    if kind is tuple or kind is list:
        return [v if type(v) in _PLAIN else jsonable(v) for v in value]
    if kind is dict:
        return {str(k): v if type(v) in _PLAIN else jsonable(v) for k, v in value.items()}
    names = _FIELDS.get(kind)
    if names is None and dataclasses.is_dataclass(value) and not isinstance(value, type):
        names = _FIELDS[kind] = tuple(f.name for f in dataclasses.fields(value))
    if names is not None:
        fields = ((name, getattr(value, name)) for name in names)
        return {name: v if type(v) in _PLAIN else jsonable(v) for name, v in fields}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Mapping):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, tuple | list):
        return [jsonable(v) for v in value]
    if isinstance(value, set | frozenset):
        return sorted((jsonable(v) for v in value), key=repr)
    return value
