"""How this ships: container, deployment and infrastructure files, summarised in one sentence.

Kinds (Dockerfile, compose, Kubernetes, Helm, Kustomize, Terraform, Pulumi, CloudFormation/SAM,
CDK, Serverless, Heroku, Fly.io, Vercel, Netlify, Render, App Engine, Ansible) are data in
``delivery_detection.toml``. Most are recognised by file name; Kubernetes manifests (documents
with ``apiVersion`` and ``kind``) and Ansible playbooks (plays with ``hosts`` and ``tasks`` or
``roles``) by their YAML structure, read with the safe loader and capped in number.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from cto.analyzers.code_interface import TreeSnapshot
from cto.analyzers.delivery_patterns import compiled, detection, matches, select
from cto.analyzers.yaml_files import load_yaml_documents

#: At most this many YAML files are parsed for the structural checks.
MAX_YAML_FILES = 500
#: Roles of kinds that show how the application is deployed (a Dockerfile alone does not).
DEPLOYMENT_ROLES = ("platform", "tool", "infra")
_PLAY_KEYS = frozenset({"tasks", "roles", "import_playbook", "ansible.builtin.import_playbook"})


@dataclass(frozen=True, slots=True)
class ShippingKind:
    """One kind of deployment file found.

    Attributes:
        kind: stable key ("docker", "kubernetes").
        label: what it is, for tables ("Kubernetes manifests").
        role: package, platform, tool, infra or local (see the data file).
        files: the files of this kind, sorted.
    """

    kind: str
    label: str
    role: str
    files: tuple[str, ...]


@dataclass(frozen=True)
class Shipping:
    """How this ships, as far as the repository shows.

    Attributes:
        kinds: kinds found, in data order.
        sentence: one sentence summary ("Ships as a Docker image deployed to Kubernetes …").
        yaml_not_checked: YAML files left unparsed past :data:`MAX_YAML_FILES`.
    """

    kinds: tuple[ShippingKind, ...]
    sentence: str
    yaml_not_checked: int = 0

    @property
    def deployment_described(self) -> bool:
        """True when a platform, deployment tool or infrastructure-as-code file exists."""
        return any(k.role in DEPLOYMENT_ROLES for k in self.kinds)


def analyze(snapshot: TreeSnapshot) -> Shipping:
    """Find the deployment files of ``snapshot``."""
    paths = snapshot.paths()
    parsed: dict[str, list[Any] | None] = {}
    kinds: list[ShippingKind] = []
    # One regex over every path first: only the few candidates are looked at closely.
    named = select(paths, _spec_globs())
    for spec in detection()["shipping"]:
        candidates = select(named, (*spec.get("globs", ()), *spec.get("yaml_globs", ())))
        files = [p for p in candidates if _is_kind(p, spec, snapshot, parsed)]
        if files:
            kinds.append(ShippingKind(spec["kind"], spec["label"], spec["role"], tuple(files)))
    yaml_files = sum(1 for p in paths if p.endswith((".yml", ".yaml")))
    return Shipping(tuple(kinds), how_it_ships(kinds), max(0, yaml_files - MAX_YAML_FILES))


@cache
def _spec_globs() -> tuple[str, ...]:
    """Every shipping kind's globs and YAML globs."""
    keys = ("globs", "yaml_globs")
    return tuple(g for spec in detection()["shipping"] for key in keys for g in spec.get(key, ()))


def how_it_ships(kinds: Sequence[ShippingKind]) -> str:
    """The one-sentence summary of ``kinds``."""
    phrases = {str(s["kind"]): str(s["phrase"]) for s in detection()["shipping"]}
    roles: dict[str, list[str]] = {}
    for kind in kinds:
        roles.setdefault(kind.role, []).append(phrases[kind.kind])
    package, platform = _join(roles.get("package")), _join(roles.get("platform"))
    tool, infra = _join(roles.get("tool")), _join(roles.get("infra"))
    if not kinds:
        return (
            "Nothing in the repository shows how this ships: no container, deployment or "
            "infrastructure files."
        )
    if package or platform or tool:
        sentence = "Ships" + (f" as {package}" if package else "")
        sentence += (
            (f" deployed to {platform}" if package else f" to {platform}") if platform else ""
        )
        sentence += f" with {tool}" if tool else ""
        if not (platform or tool or infra):
            sentence += "; where it runs is not described in the repository"
        sentence += f"; infrastructure in {infra}." if infra else "."
    elif infra:
        sentence = f"Infrastructure in {infra}; how the application is deployed is not described."
    else:
        sentence = "No container, deployment target or infrastructure files."
    if "local" in roles:
        sentence += f" {_join(roles['local'])} describes how its services run together."
    return sentence


def _join(items: Sequence[str] | None) -> str:
    items = list(dict.fromkeys(items or ()))
    if len(items) < 2:
        return "".join(items)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + f" and {items[-1]}"


def _is_kind(
    path: str, spec: Mapping[str, Any], snapshot: TreeSnapshot, parsed: dict[str, list[Any] | None]
) -> bool:
    if spec.get("globs") and matches(path, spec["globs"]):
        if "content" not in spec:
            return True
        text = snapshot.read_text(path)
        return text is not None and bool(compiled(spec["content"]).search(text))
    if not spec.get("yaml_globs") or not matches(path, spec["yaml_globs"]):
        return False
    if path not in parsed:
        if len(parsed) >= MAX_YAML_FILES:
            return False
        text = snapshot.read_text(path)
        parsed[path] = load_yaml_documents(text) if text is not None else None
    documents = parsed[path]
    return bool(documents) and _STRUCTURE[spec["yaml"]](documents or [])


def _kubernetes(documents: list[Any]) -> bool:
    return any(
        isinstance(d, dict)
        and isinstance(d.get("apiVersion"), str)
        and isinstance(d.get("kind"), str)
        and d["kind"] != "Kustomization"
        for d in documents
    )


def _ansible(documents: list[Any]) -> bool:
    plays = documents[0] if len(documents) == 1 else None
    return isinstance(plays, list) and any(
        isinstance(p, dict)
        and (("hosts" in p and bool(_PLAY_KEYS & set(p))) or "import_playbook" in p)
        for p in plays
    )


_STRUCTURE = {"kubernetes": _kubernetes, "ansible": _ansible}
