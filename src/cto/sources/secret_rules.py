"""The secret detectors, loaded from ``secret_rules.toml`` beside this module, and line matching.

A line is tried only when it holds a keyword of some detector; then only those detectors run, and
a candidate is dropped when it is an example or placeholder value, a UUID or a hash, or too
regular (low entropy) to be a real key. Nothing here keeps a matched value beyond the call.
"""

from __future__ import annotations

import math
import re
import tomllib
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from fnmatch import fnmatchcase
from functools import cache
from importlib import resources
from typing import Any

from cto.errors import InputError

_HASH_LIKE = re.compile(
    r"[0-9a-fA-F]{40}|[0-9a-fA-F]{64}|[0-9a-fA-F]{8}(?:-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}"
)
_SEVERITIES = ("critical", "high", "medium", "low")


@dataclass(frozen=True)
class Detector:
    """One kind of secret (see the comments at the top of ``secret_rules.toml``)."""

    id: str
    name: str
    regex: re.Pattern[str]
    keywords: tuple[str, ...]
    severity: str
    grants: str
    rotate: str
    group: int = 1
    min_entropy: float = 0.0
    paths: tuple[str, ...] = ()

    def applies_to(self, path: str) -> bool:
        """True when files named like ``path`` are searched for this kind."""
        name = path.rsplit("/", 1)[-1]
        return not self.paths or any(fnmatchcase(name, glob) for glob in self.paths)


@dataclass(frozen=True)
class SecretRules:
    """Every detector, plus what is never a secret.

    Attributes:
        detectors: by id, in file order.
        exclusion_kinds: exclusion kinds (lockfile, …) whose files are not searched.
        markers: lowered substrings that make a value an example or a placeholder.
        values: lowered values that are placeholders.
    """

    detectors: Mapping[str, Detector]
    exclusion_kinds: frozenset[str]
    markers: tuple[str, ...]
    values: frozenset[str]

    @property
    def keywords(self) -> tuple[str, ...]:
        """Every detector's keywords: the one prefilter."""
        return tuple(sorted({k for d in self.detectors.values() for k in d.keywords}))

    def matches(self, path: str, text: str) -> Iterator[tuple[Detector, str]]:
        """Each (detector, secret) found in one line of ``path``, placeholders dropped.

        Detectors run in file order, specific ones first: a value an earlier detector took (an
        AWS key assigned to ``aws_secret_access_key``) is not reported again by a generic one.
        """
        lowered, taken = text.lower(), list[tuple[int, int]]()
        for detector in self.detectors.values():
            if not any(k in lowered for k in detector.keywords) or not detector.applies_to(path):
                continue
            for match in detector.regex.finditer(text):
                secret, span = match.group(detector.group), match.span(detector.group)
                if any(span[0] < end and start < span[1] for start, end in taken):
                    continue
                if secret and self._plausible(detector, secret, match):
                    taken.append(span)
                    yield detector, secret

    def _plausible(self, detector: Detector, secret: str, match: re.Match[str]) -> bool:
        lowered = secret.lower()
        if lowered in self.values or any(m in lowered for m in self.markers):
            return False
        if _HASH_LIKE.fullmatch(secret) or entropy(secret) < detector.min_entropy:
            return False
        # "postgres:postgres@": a local container's default user and password, not a leak
        return not (detector.id == "connection-string" and lowered == match.group(1).lower())


def entropy(text: str) -> float:
    """Shannon entropy of ``text`` in bits per character (0 for an empty string)."""
    if not text:
        return 0.0
    counts, size = Counter(text), len(text)
    return -sum(n / size * math.log2(n / size) for n in counts.values())


@cache
def default_rules() -> SecretRules:
    """The detectors shipped with cto (``cto/sources/secret_rules.toml``)."""
    text = resources.files("cto.sources").joinpath("secret_rules.toml").read_text("utf-8")
    return rules_from_toml(text, source="secret_rules.toml")


def rules_from_toml(text: str, *, source: str) -> SecretRules:
    """Parse a detectors file; a malformed detector raises :class:`InputError`."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise InputError(f"{source}: not valid TOML ({error})") from None
    ignore = data.get("ignore", {})
    return SecretRules(
        detectors={key: _detector(key, value, source) for key, value in data["detector"].items()},
        exclusion_kinds=frozenset(ignore.get("exclusion_kinds", ())),
        markers=tuple(m.lower() for m in ignore.get("markers", ())),
        values=frozenset(v.lower() for v in ignore.get("values", ())),
    )


def _detector(key: str, value: Mapping[str, Any], source: str) -> Detector:
    try:
        regex = re.compile(value["regex"])
        detector = Detector(
            id=key,
            name=value["name"],
            regex=regex,
            keywords=_lowered(value["keywords"]),
            severity=value["severity"],
            grants=value["grants"],
            rotate=value["rotate"],
            group=int(value.get("group", 1)),
            min_entropy=float(value.get("min_entropy", 0.0)),
            paths=tuple(value.get("paths", ())),
        )
    except (KeyError, TypeError, ValueError, re.error) as error:
        raise InputError(f"{source}: detector {key}: {error}") from None
    if detector.severity not in _SEVERITIES or not detector.keywords:
        raise InputError(f"{source}: detector {key}: needs keywords and a known severity")
    if detector.group > regex.groups:
        raise InputError(f"{source}: detector {key}: no group {detector.group} in its regex")
    return detector


def _lowered(keywords: Sequence[str]) -> tuple[str, ...]:
    return tuple(k.lower() for k in keywords if k)
