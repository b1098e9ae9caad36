"""A throw-away PostgreSQL server for the test suite, started from the installed binaries.

The server lives in a temporary directory: its data, its log and its unix socket. It listens on a
free TCP port of 127.0.0.1 only, trusts local connections, and runs without fsync (a crash loses
nothing we care about). As root, PostgreSQL refuses to run, so the binaries run as the
``postgres`` user that Debian's package creates. A watchdog process stops the server and removes
the directory when the test run ends, however it ends.

CI installs PostgreSQL (see ``.ci/run``); a machine without it fails the tests that need it, with
a message saying how to install it, instead of skipping them.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import pwd
import shutil
import socket
import subprocess
import sys
import tempfile
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

import psycopg

BIN_GLOB = "/usr/lib/postgresql/*/bin"
SUPERUSER = "postgres"
START_TIMEOUT_S = 60
#: Settings for a server whose data is disposable: fast start, fast writes, quiet.
SETTINGS = {
    "listen_addresses": "'127.0.0.1'",
    "fsync": "off",
    "synchronous_commit": "off",
    "full_page_writes": "off",
    "max_connections": "50",
    "shared_buffers": "32MB",
    # Not UTC, so that a time read back in the session's zone would show (+05:30, no DST).
    "timezone": "'Asia/Kolkata'",
    "log_min_messages": "warning",
}


#: Stops the server and removes its directory once the test run ends, even when it is killed:
#: it waits for the end of its standard input, a pipe the test run holds open until it exits.
WATCHDOG = """
import os, shutil, subprocess, sys
sys.stdin.buffer.read()
pg_ctl, root, *as_user = sys.argv[1:]
data = os.path.join(root, "data")
if os.path.exists(os.path.join(data, "postmaster.pid")):
    command = [*as_user, pg_ctl, "stop", "-D", data, "-m", "immediate", "-w"]
    subprocess.run(command, cwd=root, capture_output=True, check=False)
shutil.rmtree(root, ignore_errors=True)
"""


class PostgresStartError(RuntimeError):
    """PostgreSQL is not installed or would not start; the message says why and what to do."""


def _binary(name: str) -> Path:
    found = shutil.which(name)
    if found:
        return Path(found)

    def version(folder: Path) -> tuple[int, ...]:
        parts = folder.parent.name.split(".")
        return tuple(int(part) for part in parts if part.isdigit())

    candidates = sorted(Path("/").glob(BIN_GLOB.lstrip("/")), key=version, reverse=True)
    for folder in candidates:
        if (folder / name).is_file():
            return folder / name
    raise PostgresStartError(
        f"PostgreSQL's {name} is neither on PATH nor under {BIN_GLOB}: install PostgreSQL "
        "(Debian: apt-get install postgresql); the tests start a server of their own"
    )


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class PostgresServer:
    """A running server; :meth:`start` it, :meth:`create_database` per test, :meth:`stop` it."""

    def __init__(self, root: Path, port: int, as_user: list[str]) -> None:
        self.root = root
        self.port = port
        self._as_user = as_user
        self._pg_ctl = _binary("pg_ctl")
        self._names = itertools.count(1)
        # The next test's database is made while the current test runs.
        self._maker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="createdb")
        self._next: Future[str] | None = None
        self._watchdog: subprocess.Popen[bytes] | None = None

    @property
    def data(self) -> Path:
        """The cluster's data directory."""
        return self.root / "data"

    @property
    def log(self) -> Path:
        """The server's log file."""
        return self.root / "server.log"

    @classmethod
    def start(cls) -> PostgresServer:
        """Create a cluster in a new temporary directory and start a server on it.

        Raises:
            PostgresStartError: the binaries are missing or the server did not start; the
                directory is removed again.
        """
        initdb = _binary("initdb")
        as_user, owner = _run_as()
        # The postgres user must reach the directory: as root, keep it out of a private TMPDIR.
        root = Path(tempfile.mkdtemp(prefix="cto-pg-", dir="/tmp" if owner else None))
        server = cls(root, _free_port(), as_user)
        try:
            server._watchdog = subprocess.Popen(
                [sys.executable, "-c", WATCHDOG, str(server._pg_ctl), str(root), *as_user],
                stdin=subprocess.PIPE,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                start_new_session=True,  # out of reach of the terminal's Ctrl-C
            )
            (root / "socket").mkdir()
            if owner:
                for path in (root, root / "socket"):
                    os.chown(path, owner.pw_uid, owner.pw_gid)
            server._run(
                initdb, "-D", server.data, "-U", SUPERUSER, "--auth=trust", "--encoding=UTF8",
                "--locale=C", "--no-sync", "--no-instructions",
            )  # fmt: skip
            with (server.data / "postgresql.conf").open("a", encoding="utf-8") as conf:
                conf.write(f"port = {server.port}\n")
                conf.write(f"unix_socket_directories = '{root / 'socket'}'\n")
                conf.writelines(f"{key} = {value}\n" for key, value in SETTINGS.items())
            server._run(
                server._pg_ctl, "start", "-D", server.data, "-l", server.log, "-w",
                "-t", str(START_TIMEOUT_S),
            )  # fmt: skip
        except BaseException:
            server.stop()
            raise
        return server

    def url(self, database: str) -> str:
        """The SQLAlchemy URL (psycopg 3 driver) of ``database`` on this server."""
        return f"postgresql+psycopg://{SUPERUSER}@127.0.0.1:{self.port}/{database}"

    def create_database(self) -> str:
        """A new, empty database; returns its URL."""
        ready = self._next or self._maker.submit(self._create_database)
        self._next = self._maker.submit(self._create_database)
        return ready.result()

    def _create_database(self) -> str:
        name = f"test_{next(self._names)}"
        dsn = f"host=127.0.0.1 port={self.port} user={SUPERUSER} dbname=postgres"
        with psycopg.connect(dsn, autocommit=True) as connection:
            connection.execute(f'CREATE DATABASE "{name}"'.encode())
        return self.url(name)

    def stop(self) -> None:
        """Stop the server (fast: sessions are disconnected) and remove its directory."""
        self._maker.shutdown(wait=True, cancel_futures=True)
        try:
            if (self.data / "postmaster.pid").exists():
                with contextlib.suppress(PostgresStartError):
                    self._run(self._pg_ctl, "stop", "-D", self.data, "-m", "fast", "-w")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)
            if self._watchdog is not None and self._watchdog.stdin is not None:
                self._watchdog.stdin.close()
                self._watchdog.wait(timeout=30)

    def _run(self, *command: str | Path) -> None:
        try:
            subprocess.run(
                [*self._as_user, *map(str, command)],
                cwd=self.root,
                env=_environment(),
                stdin=subprocess.DEVNULL,
                capture_output=True,
                text=True,
                timeout=START_TIMEOUT_S + 30,
                check=True,
            )
        except (OSError, subprocess.SubprocessError) as error:
            output = getattr(error, "stderr", None) or getattr(error, "stdout", None) or ""
            with contextlib.suppress(OSError):
                output += "\n" + self.log.read_text(encoding="utf-8", errors="replace")[-2000:]
            name = Path(str(command[0])).name
            raise PostgresStartError(
                f"PostgreSQL's {name} failed ({error}): {output.strip() or 'no output'}"
            ) from error


def _run_as() -> tuple[list[str], pwd.struct_passwd | None]:
    """The command prefix that runs a binary as a user PostgreSQL accepts, and that user."""
    if os.geteuid() != 0:
        return [], None
    try:
        owner = pwd.getpwnam(SUPERUSER)
    except KeyError:
        raise PostgresStartError(
            f"running as root, but there is no '{SUPERUSER}' user to run PostgreSQL as "
            "(Debian's postgresql package creates it)"
        ) from None
    path = os.pathsep.join([os.environ.get("PATH", ""), "/usr/sbin", "/usr/bin", "/sbin", "/bin"])
    if runuser := shutil.which("runuser", path=path):
        return [runuser, "-u", SUPERUSER, "--"], owner
    if setpriv := shutil.which("setpriv", path=path):
        return [
            setpriv,
            f"--reuid={owner.pw_uid}",
            f"--regid={owner.pw_gid}",
            "--init-groups",
        ], owner
    raise PostgresStartError("running as root, and neither runuser nor setpriv is installed")


def _environment() -> dict[str, str]:
    # PG* variables of the caller (PGDATA, PGPORT…) must not steer the test server.
    env = {key: value for key, value in os.environ.items() if not key.startswith("PG")}
    return {**env, "LC_ALL": "C", "LANG": "C"}
