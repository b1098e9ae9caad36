"""Exclusion rules: which paths are not the team's own work, and why."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cto.errors import InputError
from cto.sources.exclusions import ExclusionRules

CASES = {
    "src/app.py": None,
    "vendor/github.com/x/y.go": "vendored: vendor/",
    "a/b/vendor/lib.c": "vendored: vendor/",
    "vendor": None,  # a file, not the directory
    "src/vendors/x.py": None,
    "third_party/zlib/inflate.c": "third-party: third_party/",
    "libs/third-party/x.js": "third-party: third-party/",
    "web/node_modules/react/index.js": "dependencies: node_modules/",
    "bower_components/jquery/jquery.js": "dependencies: bower_components/",
    ".yarn/releases/yarn-4.js": "dependencies: .yarn/",
    "dist/bundle.js": "build output: dist/",
    "pkg/dist/app.css": "build output: dist/",
    "static/jquery.min.js": "minified: *.min.js",
    "static/site.min.css": "minified: *.min.css",
    "static/site.css.map": "source map: *.map",
    "src/map.py": None,
    "package-lock.json": "lockfile: package-lock.json",
    "web/yarn.lock": "lockfile: yarn.lock",
    "pnpm-lock.yaml": "lockfile: pnpm-lock.yaml",
    "poetry.lock": "lockfile: poetry.lock",
    "Pipfile.lock": "lockfile: Pipfile.lock",
    "uv.lock": "lockfile: uv.lock",
    "Cargo.lock": "lockfile: Cargo.lock",
    "go.sum": "lockfile: go.sum",
    "go.mod": None,
    "Gemfile.lock": "lockfile: Gemfile.lock",
    "composer.lock": "lockfile: composer.lock",
    "src/App/packages.lock.json": "lockfile: packages.lock.json",
    "api/user_pb2.py": "generated: *_pb2.py",
    "api/user_pb2_grpc.py": "generated: *_pb2_grpc.py",
    "api/user.pb.go": "generated: *.pb.go",
    "src/schema.generated.ts": "generated: *.generated.*",
    "lib/model.g.dart": "generated: *.g.dart",
    "lib/model.dart": None,
    "Vendor/x.c": None,  # matching is case-sensitive
    "vendor/jquery.min.js": "vendored: vendor/",  # the first rule wins
}


@pytest.mark.parametrize(("path", "expected"), list(CASES.items()))
def test_default_rules(path, expected):
    assert ExclusionRules.default().reason(path) == expected


def test_every_default_rule_has_a_rationale():
    rules = ExclusionRules.default().rules
    assert len(rules) >= 30
    assert all(rule.rationale.strip() and rule.kind.strip() for rule in rules)


@pytest.mark.parametrize(
    "text",
    [
        '[[rule]]\npattern = "x/"\nkind = "k"\n',
        '[[rule]]\npattern = "a/b/"\nkind = "k"\nrationale = "r"\n',
        '[[rule]]\npattern = ""\nkind = "k"\nrationale = "r"\n',
        '[[rule]]\npattern = "x"\nkind = "k"\nrationale = "r"\nextra = 1\n',
        "[[rule]\n",
    ],
)
def test_malformed_rules_are_refused(text):
    with pytest.raises(InputError, match=r"^custom\.toml: "):
        ExclusionRules.from_toml(text, source="custom.toml")


SEGMENTS = ["vendor", "src", "node_modules", "dist", "app.min.js", "yarn.lock", "a.py", "x.pb.go",
            "Cargo.lock", "third_party", "lib", "bundle.js.map", "README.md"]  # fmt: skip


@given(st.lists(st.sampled_from(SEGMENTS), min_size=1, max_size=5))
def test_indexed_rules_give_the_first_matching_rule_in_order(segments):
    rules = ExclusionRules.default()
    path = "/".join(segments)
    *directories, name = segments
    first = next((r for r in rules.rules if r.matches(directories, name)), None)
    assert rules.reason(path) == (None if first is None else first.reason)
