"""Ruby: ``Gemfile`` (declared gems, read as text, never evaluated) and ``Gemfile.lock``.

In ``Gemfile.lock`` the ``specs:`` of the GEM and GIT sections list each locked gem at four
spaces of indentation (``    rack (2.2.8)``) and its own requirements at six; PATH sections are
the project's own gems. The DEPENDENCIES section lists what the Gemfile asks for: the direct gems.
A platform suffix (``nokogiri (1.15.4-x86_64-linux)``) is not part of the version.
"""

from __future__ import annotations

import re

from cto.analyzers.dependency_interface import Dependency
from cto.sources.manifests.common import DEV, RUNTIME, ManifestError, ManifestText, dependency

_SPEC = re.compile(r"^    ([A-Za-z0-9][\w.-]*) \(([^)\s]+)\)$")
_DEPENDENCY = re.compile(r"^  ([A-Za-z0-9][\w.-]*)(!?)(?: \(([^)]*)\))?$")
_PLATFORM = re.compile(
    r"-(?:x86|x64|i[36]86|arm|aarch64|universal|java|mswin|mingw|darwin|linux|freebsd|ruby)\S*$"
)
_GEM = re.compile(r"""^\s*gem\s*\(?\s*["']([^"']+)["']((?:\s*,\s*["'][^"']*["'])*)(.*)$""")
_GROUP = re.compile(r"^\s*group\s+(.+?)\s+do\b")
_BLOCK = re.compile(r"\bdo\s*(?:\|[^|]*\|)?\s*$")
_DEV_GROUPS = re.compile(r":(?:development|test)\b|[\"'](?:development|test)[\"']")


def parse_gemfile_lock(source: ManifestText) -> list[Dependency]:
    """Every locked gem; direct when the DEPENDENCIES section names it."""
    section, sections, locked, direct = "", set(), [], set()
    for number, line in enumerate(source.text.splitlines(), 1):
        if line and not line[0].isspace():
            section = line.strip()
            sections.add(section)
        elif section in ("GEM", "GIT") and (spec := _SPEC.match(line)):
            locked.append((spec.group(1), _PLATFORM.sub("", spec.group(2)), number))
        elif section == "DEPENDENCIES" and (declared := _DEPENDENCY.match(line)):
            direct.add(declared.group(1))
    if source.text.strip() and not sections & {"GEM", "GIT", "PATH"}:
        raise ManifestError("no GEM, GIT or PATH section")
    source.knows_direct = True
    return [
        dependency("RubyGems", name, version, None, direct=name in direct, scope=RUNTIME,
                   source=source, line=number)
        for name, version, number in locked
    ]  # fmt: skip


def parse_gemfile(source: ManifestText) -> list[Dependency]:
    """``gem "name", "~> 1.2"`` lines; dev inside a development or test group (or option)."""
    records, groups = [], []
    for number, line in enumerate(source.text.splitlines(), 1):
        code = line.split("#", 1)[0]
        if group := _GROUP.match(code):
            groups.append(bool(_DEV_GROUPS.search(group.group(1))))
        elif _BLOCK.search(code):
            groups.append(False)  # platforms, source, install_if … blocks
        elif re.match(r"^\s*end\b", code) and groups:
            groups.pop()
        elif gem := _GEM.match(code):
            specs = [s.strip(" ,\"'") for s in gem.group(2).split(",") if s.strip(" ,\"'")]
            options = gem.group(3)
            if re.search(r"\bpath:|:path\s*=>", options):
                continue  # the project's own code
            dev = any(groups) or bool(re.search(rf"groups?:.*(?:{_DEV_GROUPS.pattern})", options))
            one = specs[0] if len(specs) == 1 else ""
            exact = one.lstrip("= ") if re.match(r"^=?\s*\d[\w.]*$", one) else None
            records.append(dependency(
                "RubyGems", gem.group(1), exact, ", ".join(specs),
                direct=True, scope=DEV if dev else RUNTIME, source=source, line=number,
            ))  # fmt: skip
    return records
