"""Terraform rules (AWS): public buckets, open admin ports, unencrypted storage, credentials.

Files are read with :mod:`cto.analyzers.infra_hcl`; only values written out as literals are
judged. A reference (``var.x``, ``data.…``, ``local.…``) is never a hit: its value is not in the
file, so an unencrypted volume whose flag comes from a variable is not reported either way.
"""

from __future__ import annotations

from cto.analyzers.infra_hcl import Block, Value, parse
from cto.analyzers.infra_hits import Hit, hit, is_literal

PUBLIC_BUCKET = "infrastructure.tf-public-bucket"
OPEN_SECURITY_GROUP = "infrastructure.tf-open-security-group"
UNENCRYPTED_STORAGE = "infrastructure.tf-unencrypted-storage"
HARDCODED_CREDENTIALS = "infrastructure.tf-hardcoded-credentials"
RULES = (PUBLIC_BUCKET, OPEN_SECURITY_GROUP, UNENCRYPTED_STORAGE, HARDCODED_CREDENTIALS)

#: Remote administration ports: SSH and RDP.
ADMIN_PORTS = (22, 3389)
_ANYWHERE = frozenset({"0.0.0.0/0", "::/0"})
_PUBLIC_ACLS = frozenset({"public-read", "public-read-write"})
_BLOCK_FLAGS = ("block_public_acls", "block_public_policy", "ignore_public_acls",
                "restrict_public_buckets")  # fmt: skip
#: Resource type -> the flag that must be true for its storage to be encrypted.
_ENCRYPTION_FLAGS = {
    "aws_db_instance": "storage_encrypted",
    "aws_rds_cluster": "storage_encrypted",
    "aws_ebs_volume": "encrypted",
}
#: Attributes that make a database a copy of another, inheriting its encryption.
_INHERITS = ("replicate_source_db", "snapshot_identifier")
#: Resource or provider type -> attributes that hold a credential.
_CREDENTIALS = {
    "aws": ("access_key", "secret_key", "token"),
    "aws_db_instance": ("password",),
    "aws_rds_cluster": ("master_password",),
}


def check(path: str, text: str) -> list[Hit]:
    """Every Terraform rule's hits in one ``.tf`` file."""
    lines = text.splitlines()
    places: list[tuple[str, int]] = []
    for block in parse(text).blocks:
        kind = block.labels[0] if block.labels else ""
        if block.type == "resource":
            places += _bucket(kind, block) + _security_group(kind, block)
            places += _encryption(kind, block)
        if block.type in {"resource", "provider"}:
            places += _credentials(kind, block)
    return [hit(rule, path, line, lines) for rule, line in places]


def _bucket(kind: str, block: Block) -> list[tuple[str, int]]:
    acl = block.attributes.get("acl")
    if kind in {"aws_s3_bucket", "aws_s3_bucket_acl"} and acl and acl.literal in _PUBLIC_ACLS:
        return [(PUBLIC_BUCKET, acl.line)]
    if kind == "aws_s3_bucket_public_access_block":
        flags = (block.attributes.get(f) for f in _BLOCK_FLAGS)
        return [(PUBLIC_BUCKET, f.line) for f in flags if f is not None and f.literal is False]
    return []


def _security_group(kind: str, block: Block) -> list[tuple[str, int]]:
    if kind == "aws_security_group":
        rules = [b for b in block.blocks if b.type == "ingress"]
    elif kind == "aws_vpc_security_group_ingress_rule" or (
        kind == "aws_security_group_rule" and _text(block.attributes.get("type")) == "ingress"
    ):
        rules = [block]
    else:
        return []
    return [(OPEN_SECURITY_GROUP, rule.line) for rule in rules if _open_to_admin(rule)]


def _open_to_admin(rule: Block) -> bool:
    """Open to any address, on SSH, RDP or every port."""
    attributes = rule.attributes
    sources = {s for key in ("cidr_blocks", "ipv6_cidr_blocks", "cidr_ipv4", "cidr_ipv6")
               for s in (attributes[key].strings if key in attributes else ())}  # fmt: skip
    if not sources & _ANYWHERE:
        return False
    protocol = _text(attributes.get("protocol") or attributes.get("ip_protocol"))
    if protocol in {"-1", "all"}:
        return True
    low, high = _number(attributes.get("from_port")), _number(attributes.get("to_port"))
    if low is None or high is None:
        return False
    return any(low <= port <= high for port in ADMIN_PORTS)


def _encryption(kind: str, block: Block) -> list[tuple[str, int]]:
    flag = _ENCRYPTION_FLAGS.get(kind)
    if flag is None or any(a in block.attributes for a in _INHERITS):
        return []
    value = block.attributes.get(flag)
    if value is None:
        return [(UNENCRYPTED_STORAGE, block.line)]
    return [(UNENCRYPTED_STORAGE, value.line)] if value.literal is False else []


def _credentials(kind: str, block: Block) -> list[tuple[str, int]]:
    places = []
    for name in _CREDENTIALS.get(kind, ()):
        value = block.attributes.get(name)
        if value is not None and isinstance(value.literal, str) and is_literal(value.literal):
            places.append((HARDCODED_CREDENTIALS, value.line))
    return places


def _text(value: Value | None) -> str:
    literal = value.literal if value is not None else None
    if isinstance(literal, float):
        return str(int(literal))
    return literal.lower() if isinstance(literal, str) else ""


def _number(value: Value | None) -> float | None:
    literal = value.literal if value is not None else None
    return literal if isinstance(literal, float) else None
