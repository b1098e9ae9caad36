"""Secrets in the tree: every planted kind found at its line, near-misses silent."""

from __future__ import annotations

import pytest
from test_secrets_samples import PLANTED, near_misses, planted_files, tok

from cto.analyzers.code_interface import MemorySnapshot
from cto.errors import InputError
from cto.sources.exclusions import ExclusionRules
from cto.sources.secret_rules import default_rules, entropy, rules_from_toml
from cto.sources.secrets import fingerprint, redact, scan_tree

EXCLUSIONS = ExclusionRules.default()


def test_every_detector_has_a_planted_sample() -> None:
    assert {kind for kind, *_ in PLANTED} == set(default_rules().detectors)


@pytest.mark.parametrize(("kind", "path", "line", "secret"), PLANTED, ids=[p[0] for p in PLANTED])
def test_each_kind_is_found_in_the_tree(kind: str, path: str, line: str, secret: str) -> None:
    files = {path: f"# first line\n{line}\n"}
    hits = scan_tree(MemorySnapshot(files), exclusions=EXCLUSIONS)
    assert [(h.kind, h.path, h.line, h.commit) for h in hits] == [(kind, path, 2, None)]
    identity = f"{path}\0{secret}" if kind == "private-key" else secret
    assert hits[0].fingerprint == fingerprint(kind, identity)
    assert hits[0].redacted == redact(secret)
    assert secret not in repr(hits)


def test_all_planted_files_together() -> None:
    hits = scan_tree(MemorySnapshot(planted_files()), exclusions=EXCLUSIONS)
    assert sorted(h.kind for h in hits) == sorted(kind for kind, *_ in PLANTED)


@pytest.mark.parametrize("path", sorted(near_misses()))
def test_near_misses_do_not_fire(path: str) -> None:
    assert scan_tree(MemorySnapshot({path: near_misses()[path]}), exclusions=EXCLUSIONS) == ()


def test_lockfiles_are_skipped_but_test_fixtures_are_not() -> None:
    kind, _, line, _ = PLANTED[2]
    files = {"yarn.lock": line, "tests/fixtures/config.sh": line, "go.sum": line}
    hits = scan_tree(MemorySnapshot(files), exclusions=EXCLUSIONS)
    assert [(h.kind, h.path) for h in hits] == [(kind, "tests/fixtures/config.sh")]


def test_generic_secret_only_in_configuration_files() -> None:
    line = f"api_secret = '{tok('g', 'abcdefghijklmnopqrstuvwxyz0123456789', 32)}'\n"
    files = {"app/settings.py": line, "config/app.toml": line, ".env.production": line}
    hits = scan_tree(MemorySnapshot(files), exclusions=EXCLUSIONS)
    assert sorted(h.path for h in hits) == [".env.production", "config/app.toml"]


def test_a_specific_detector_wins_over_the_generic_one() -> None:
    kind, path, line, _ = next(p for p in PLANTED if p[0] == "twilio-key")
    hits = scan_tree(MemorySnapshot({path: line}), exclusions=EXCLUSIONS)
    assert [h.kind for h in hits] == [kind]


def test_binary_and_oversized_files_are_not_read() -> None:
    _, _, line, _ = PLANTED[2]
    files: dict[str, str | bytes] = {"a.bin": b"\0" + line.encode()}
    assert scan_tree(MemorySnapshot(files), exclusions=EXCLUSIONS) == ()


def test_entropy() -> None:
    assert entropy("") == 0.0
    assert entropy("aaaa") == 0.0
    assert entropy("abcd") == pytest.approx(2.0)


def test_malformed_detectors_are_refused() -> None:
    with pytest.raises(InputError, match="severity"):
        rules_from_toml(
            '[detector.x]\nname="x"\nregex="(a)"\nkeywords=["a"]\nseverity="huge"\n'
            'grants="g"\nrotate="r"\n', source="t.toml",
        )  # fmt: skip
    with pytest.raises(InputError, match="group 2"):
        rules_from_toml(
            '[detector.x]\nname="x"\nregex="(a)"\ngroup=2\nkeywords=["a"]\nseverity="high"\n'
            'grants="g"\nrotate="r"\n', source="t.toml",
        )  # fmt: skip
    with pytest.raises(InputError, match="detector x"):
        rules_from_toml('[detector.x]\nname="x"\nregex="("\n', source="t.toml")
