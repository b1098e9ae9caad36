"""Which contributors are tools, not people: Dependabot, Renovate, CI jobs that commit.

The accounts are data (``automated.toml`` beside this module), each with its rationale and
source. Their commits are left out of every history metric and listed, with how many commits
each made, in the report's activity area, so nothing disappears silently.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from cto.errors import InputError
from cto.tomldata import packaged, text_tables

_MATCHES = ("name-suffix", "email-suffix", "name", "email")


@dataclass(frozen=True, slots=True)
class AutomatedAccount:
    """One entry of ``automated.toml``.

    Attributes:
        match: what is compared: ``name-suffix``, ``email-suffix``, ``name`` or ``email``.
        value: the text compared with (case ignored).
        rationale: why such commits are a tool's, for people reading the data.
    """

    match: str
    value: str
    rationale: str

    @property
    def reason(self) -> str:
        """How a match is shown: ``"automated: <match> <value>"``."""
        return f"automated: {self.match} {self.value}"

    def matches(self, names: tuple[str, ...], emails: tuple[str, ...]) -> bool:
        """True when one of ``names`` or ``emails`` (lower-cased) matches this entry."""
        value = self.value
        if self.match == "name-suffix":
            return any(name.endswith(value) for name in names)
        if self.match == "email-suffix":
            return any(email.endswith(value) for email in emails)
        return value in (names if self.match == "name" else emails)


class AutomatedAccounts:
    """The automated accounts cto knows; the first entry that matches gives the reason."""

    def __init__(self, accounts: tuple[AutomatedAccount, ...]) -> None:
        self.accounts = accounts

    @classmethod
    def default(cls) -> AutomatedAccounts:
        """The accounts shipped with cto (``cto/sources/automated.toml``)."""
        return cls.from_toml(packaged("cto.sources", "automated.toml"), source="automated.toml")

    @classmethod
    def from_toml(cls, text: str, *, source: str) -> AutomatedAccounts:
        """Accounts from TOML ``[[account]]`` tables; a malformed one raises :class:`InputError`."""
        fields = ("match", "value", "rationale", "source")
        tables = text_tables(text, "account", fields, source=source)
        return cls(tuple(_account(table, source, n) for n, table in enumerate(tables, 1)))

    def reason(self, names: Iterable[str], emails: Iterable[str]) -> str | None:
        """Why an author known by ``names`` and ``emails`` (as recorded, and as mailmaps show
        them) is an automated account, or ``None`` for a person."""
        names = tuple(name.lower() for name in names)
        emails = tuple(email.lower() for email in emails)
        for account in self.accounts:
            if account.matches(names, emails):
                return account.reason
        return None


def _account(table: dict[str, str], source: str, index: int) -> AutomatedAccount:
    """Validate one ``[[account]]`` table's kind of match."""
    if table["match"] not in _MATCHES:
        raise InputError(f"{source}: account {index}: match must be one of {', '.join(_MATCHES)}")
    return AutomatedAccount(table["match"], table["value"].lower(), table["rationale"])
