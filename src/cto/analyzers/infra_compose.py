"""Compose file rules: privileged services, host networking, exposed databases, literal secrets.

Each service of ``services:`` is checked. A database is recognised by its image name (the last
path part, without tag: ``postgres``, ``bitnami/postgresql`` …); any port it publishes without a
loopback host address (``127.0.0.1:5432:5432``) is reachable from every network the host is on,
and Docker's published ports bypass host firewalls such as ufw.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from cto.analyzers.infra_hits import Hit, hit, is_literal, is_secret_name
from cto.analyzers.infra_yaml import items, line_of

PRIVILEGED = "infrastructure.compose-privileged"
HOST_NETWORK = "infrastructure.compose-host-network"
EXPOSED_DATABASE = "infrastructure.compose-exposed-database"
ENVIRONMENT_CREDENTIALS = "infrastructure.compose-secret-in-environment"
RULES = (PRIVILEGED, HOST_NETWORK, EXPOSED_DATABASE, ENVIRONMENT_CREDENTIALS)

#: Image names (last path part, no tag) of databases, caches and search engines.
DATABASE_IMAGES = frozenset({
    "postgres", "postgresql", "postgis", "mysql", "mariadb", "mongo", "mongodb", "redis",
    "valkey", "elasticsearch", "opensearch", "memcached", "cassandra", "couchdb", "neo4j",
    "influxdb", "clickhouse-server", "mssql-server",
})  # fmt: skip
_LOOPBACK = ("127.", "localhost", "[::1]", "::1")


def check(path: str, text: str, document: Any) -> list[Hit]:
    """Every compose rule's hits in one parsed compose file."""
    services = document.get("services") if isinstance(document, Mapping) else None
    if not isinstance(services, Mapping):
        return []
    lines = text.splitlines()
    places: list[tuple[str, int]] = []
    for service in services.values():
        if not isinstance(service, Mapping):
            continue
        if service.get("privileged") is True:
            places.append((PRIVILEGED, line_of(service, "privileged")))
        if str(service.get("network_mode", "")).lower() == "host":
            places.append((HOST_NETWORK, line_of(service, "network_mode")))
        if _is_database(service.get("image")):
            ports = service.get("ports")
            places += [(EXPOSED_DATABASE, n) for n, port in items(ports) if _public(port)]
        places += [(ENVIRONMENT_CREDENTIALS, n) for n in _secret_lines(service.get("environment"))]
    return [hit(rule, path, line, lines) for rule, line in places]


def _is_database(image: Any) -> bool:
    if not isinstance(image, str):
        return False
    name = image.split("@")[0].rsplit("/", 1)[-1].split(":")[0].lower()
    return name in DATABASE_IMAGES


def _public(port: Any) -> bool:
    """True when a ``ports`` entry publishes on every interface of the host."""
    if isinstance(port, Mapping):
        host_ip = str(port.get("host_ip", ""))
        return not host_ip.startswith(_LOOPBACK)
    text = str(port).strip()
    if "-" in text.split(":")[0] or text.count(":") < 2:
        return True  # "5432", "5432:5432" or a range: every interface
    return not text.startswith(_LOOPBACK)


def _secret_lines(environment: Any) -> list[int]:
    """Lines of environment entries that set a secret-named variable to a literal value."""
    found = []
    if isinstance(environment, Mapping):
        for key, value in environment.items():
            if is_secret_name(str(key)) and is_literal(value):
                found.append(line_of(environment, key))
    for line, entry in items(environment):
        key, sep, value = str(entry).partition("=")
        if sep and is_secret_name(key) and is_literal(value):
            found.append(line)
    return found
