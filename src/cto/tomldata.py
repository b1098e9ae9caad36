"""Detection data shipped as TOML beside the code: arrays of tables of plain text fields.

Exclusion rules and automated accounts are read the same way: every ``[[key]]`` table must hold
exactly the expected non-empty text fields, and a mistake is one line naming the file and entry.
"""

from __future__ import annotations

import tomllib
from importlib import resources

from cto.errors import InputError


def packaged(package: str, name: str) -> str:
    """The text of the data file ``name`` shipped in ``package``."""
    return resources.files(package).joinpath(name).read_text("utf-8")


def text_tables(
    text: str, key: str, fields: tuple[str, ...], *, source: str
) -> list[dict[str, str]]:
    """The ``[[key]]`` tables of ``text``, each with exactly the non-empty text ``fields``.

    Raises:
        InputError: the TOML is invalid, or an entry (numbered from 1) lacks a field, has
            another one, or holds something other than non-empty text.
    """
    try:
        tables = tomllib.loads(text).get(key, [])
    except tomllib.TOMLDecodeError as error:
        raise InputError(f"{source}: not valid TOML ({error})") from None
    for index, table in enumerate(tables, 1):
        if (
            not isinstance(table, dict)
            or set(table) != set(fields)
            or not all(isinstance(table[name], str) and table[name].strip() for name in fields)
        ):
            raise InputError(f"{source}: {key} {index} needs exactly non-empty {', '.join(fields)}")
    return list(tables)
