"""Who is who: git's mailmap syntax, then merging identities that share an email or a name.

A person commits under several identities (work and home email, an accented name typed two ways).
People metrics (truck factor, ownership, knowledge loss) are wrong unless those are merged. We apply
mailmaps first (the repository's ``.mailmap``, then the workspace ``aliases`` file, both in git's
syntax), then join identities with the same email or the same normalised name.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from cto.analyzers.interface import Person

Identity = tuple[str, str]  # (name, email) as recorded in a commit
_Replacement = tuple[str | None, str | None]  # (proper name, proper email); None keeps the original

# Identities nobody owns: joining on them would merge strangers. Git's own setup hint suggests
# "Your Name <you@example.com>", so many first commits carry exactly that.
PLACEHOLDER_EMAILS = frozenset(
    {"", "none", "(none)", "unknown", "noreply@github.com", "root@localhost", "you@example.com"}
)
PLACEHOLDER_NAMES = frozenset({"", "unknown", "root", "your name", "(no author)", "none"})


@dataclass(frozen=True)
class Mailmap:
    """A parsed mailmap. Emails and names are matched case-insensitively, as git does.

    Attributes:
        by_email: commit email (lower-cased) -> replacement, for lines without a commit name.
        by_name_email: (commit name, commit email), both lower-cased -> replacement; these win.
    """

    by_email: Mapping[str, _Replacement] = field(default_factory=dict)
    by_name_email: Mapping[tuple[str, str], _Replacement] = field(default_factory=dict)

    def map(self, name: str, email: str) -> Identity:
        """The identity a commit by ``name <email>`` is shown as."""
        key = email.lower()
        found = self.by_name_email.get((name.lower(), key)) or self.by_email.get(key)
        if found is None:
            return name, email
        return found[0] or name, found[1] or email


def _name_and_email(text: str, *, allow_empty: bool) -> tuple[str | None, str, str] | None:
    """``Name <email>`` at the start of ``text``: (name or None, email, the rest), as git parses."""
    left = text.find("<")
    right = text.find(">", left + 1)
    if left < 0 or right < 0 or (right == left + 1 and not allow_empty):
        return None
    return text[:left].strip() or None, text[left + 1 : right], text[right + 1 :]


def parse_mailmap(text: str) -> Mailmap:
    """Parse git's mailmap syntax (all four forms, ``#`` comments, text after the last ``>``)."""
    by_email: dict[str, _Replacement] = {}
    by_name_email: dict[tuple[str, str], _Replacement] = {}
    for line in text.splitlines():
        first = None if line.startswith("#") else _name_and_email(line, allow_empty=False)
        if first is None:
            continue
        name1, email1, rest = first
        second = _name_and_email(rest, allow_empty=True)
        if second is None:  # "Proper Name <commit@email>"
            by_email[email1.lower()] = _merge(by_email.get(email1.lower()), (name1, None))
            continue
        name2, email2, _ = second
        replacement = (name1, email1)
        if name2 is None:  # "<proper@email> <commit@email>" or "Name <proper> <commit>"
            by_email[email2.lower()] = _merge(by_email.get(email2.lower()), replacement)
        else:  # "Name <proper@email> Commit Name <commit@email>"
            by_name_email[(name2.lower(), email2.lower())] = replacement
    return Mailmap(by_email, by_name_email)


def _merge(old: _Replacement | None, new: _Replacement) -> _Replacement:
    """Later lines for the same email add to earlier ones, as in git."""
    if old is None:
        return new
    return new[0] or old[0], new[1] or old[1]


def normalise_name(name: str) -> str:
    """A name reduced for comparison: accents stripped (NFKD), case folded, spaces collapsed."""
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(plain.casefold().split())


class _Groups:
    """Union-find over identities and the email and name keys that join them."""

    def __init__(self) -> None:
        self._parent: dict[tuple[str, ...], tuple[str, ...]] = {}

    def find(self, node: tuple[str, ...]) -> tuple[str, ...]:
        """The representative of ``node``'s group (path halving keeps chains short)."""
        self._parent.setdefault(node, node)
        while self._parent[node] != node:
            self._parent[node] = self._parent[self._parent[node]]
            node = self._parent[node]
        return node

    def join(self, one: tuple[str, ...], other: tuple[str, ...]) -> None:
        """Put ``one`` and ``other`` in the same group, the smaller key as representative."""
        first, second = sorted((self.find(one), self.find(other)))
        self._parent[second] = first


def resolve_identities(
    identities: Iterable[Identity], mailmaps: Sequence[Mailmap]
) -> dict[Identity, Person]:
    """Map each raw (name, email) to the merged :class:`Person` it belongs to.

    Mailmaps apply in order, each to the result of the previous one. Repeats in ``identities``
    count as uses (pass one per commit): the most used email gives ``Person.id`` (lower-cased)
    and the most used name ``Person.name``; ties go to the alphabetically first.
    """
    uses = Counter(identities)
    mapped: dict[Identity, Identity] = {}
    groups = _Groups()
    for raw in sorted(uses):
        name, email = raw
        for mailmap in mailmaps:
            name, email = mailmap.map(name, email)
        mapped[raw] = (name, email)
        groups.find(("id", *raw))
        if email.lower() not in PLACEHOLDER_EMAILS:
            groups.join(("id", *raw), ("email", email.lower()))
        if normalise_name(name) not in PLACEHOLDER_NAMES:
            groups.join(("id", *raw), ("name", normalise_name(name)))
    members: dict[tuple[str, ...], list[Identity]] = {}
    for raw in sorted(uses):
        members.setdefault(groups.find(("id", *raw)), []).append(raw)
    people: dict[Identity, Person] = {}
    taken: set[str] = set()
    for group in members.values():
        person = _person(group, mapped, uses, taken)
        people.update(dict.fromkeys(group, person))
    return people


def _most_used(weights: Counter[str]) -> str:
    return min(weights, key=lambda value: (-weights[value], value))


def _person(
    group: list[Identity],
    mapped: Mapping[Identity, Identity],
    uses: Counter[Identity],
    taken: set[str],
) -> Person:
    """One person from a group of raw identities; ``taken`` keeps ids unique across people."""
    names: Counter[str] = Counter()
    emails: Counter[str] = Counter()
    for raw in group:
        name, email = mapped[raw]
        names[name] += uses[raw]
        if email.lower() not in PLACEHOLDER_EMAILS:
            emails[email.lower()] += uses[raw]
    shown = _most_used(names)
    base = _most_used(emails) if emails else shown
    key, suffix = base, 1
    while key in taken:  # only identities without a usable email or name can collide
        suffix += 1
        key = f"{base}#{suffix}"
    taken.add(key)
    every_email = {email for raw in group for email in (raw[1], mapped[raw][1]) if email}
    every_name = {name for raw in group for name in (raw[0], mapped[raw][0]) if name}
    return Person(key, shown, tuple(sorted(every_email)), tuple(sorted(every_name)))
