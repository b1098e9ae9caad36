"""The one way cto runs git: a minimal environment and config that neutralise the repository's.

An audited repository is hostile. Its ``.git/config`` (and anything it includes) can name programs
git would run: ``core.fsmonitor``, ``core.pager``, ``diff.external``, textconv and filter drivers,
``gpg.program``, hooks, remote helpers for lazy fetches. Every git call goes through
:class:`GitRunner`, which starts from an empty environment and overrides each of those settings on
the command line, where they beat the repository's own config. It also points the work tree and
index at an empty sandbox directory, so in-tree ``.gitattributes`` and the index are never read:
git sees objects only.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Sequence
from pathlib import Path
from typing import IO

from cto.errors import SourceError

# Command-line config beats the system, global, repository and included files. Grouped by why.
SAFE_CONFIG: tuple[tuple[str, str], ...] = (
    # Settings that name a program git would run.
    ("core.fsmonitor", "false"),
    ("core.hooksPath", "/dev/null"),
    ("core.pager", "cat"),
    ("core.sshCommand", "false"),
    ("core.askPass", "false"),
    ("diff.external", ""),
    ("gpg.program", "false"),
    ("gpg.openpgp.program", "false"),
    ("gpg.ssh.program", "false"),
    ("gpg.x509.program", "false"),
    ("log.showSignature", "false"),
    ("credential.helper", ""),
    ("protocol.allow", "never"),
    ("core.attributesFile", "/dev/null"),
    # The repository is often owned by another user; its config is neutralised above, so the
    # ownership check only gets in the way (git 2.39 honours safe.directory given with -c).
    ("safe.directory", "*"),
    # Settings that change what git prints or how it computes diffs.
    ("color.ui", "false"),
    ("color.diff", "false"),
    ("log.mailmap", "false"),
    ("log.showRoot", "true"),
    ("log.follow", "false"),
    ("log.decorate", "false"),
    ("i18n.logOutputEncoding", "UTF-8"),
    ("core.quotePath", "false"),
    ("core.useReplaceRefs", "false"),
    ("core.bigFileThreshold", "512m"),
    ("diff.renames", "true"),
    ("diff.renameLimit", "1000"),
    ("diff.algorithm", "myers"),
    ("diff.indentHeuristic", "true"),
    # Zero context for every diff: the churn of --numstat then equals the hunks of the -U0
    # patches an audit reads once for both churn and secrets (git's myers diff can count a
    # line or two differently with context; rare, and now the same in every cto pass).
    ("diff.context", "0"),
    ("diff.relative", "false"),
    ("diff.noprefix", "false"),
    ("diff.mnemonicPrefix", "false"),
    ("diff.orderFile", "/dev/null"),
    ("diff.submodule", "short"),
    ("diff.ignoreSubmodules", "none"),
    # Housekeeping git might otherwise start on its own.
    ("gc.auto", "0"),
    ("maintenance.auto", "false"),
)


def git_binary() -> str:
    """Absolute path of the git executable, or a :class:`SourceError` naming the problem."""
    found = shutil.which("git")
    if found is None:
        raise SourceError("git is not installed or not on PATH (cto needs it to read history)")
    return found


class GitRunner:
    """Runs git with a hardened environment, in ``cwd``, optionally bound to one git directory.

    Args:
        sandbox: an empty private directory used as HOME, work tree and cwd when ``git_dir`` is set.
        git_dir: the repository's git directory; ``None`` only while discovering it.
        cwd: where to run while discovering (the path the user gave).
    """

    def __init__(self, sandbox: Path, *, git_dir: Path | None = None, cwd: Path | None = None):
        self.git_dir = git_dir
        self.cwd = cwd if git_dir is None and cwd is not None else sandbox
        self._git = git_binary()
        self.env = self._environment(sandbox, self.cwd)

    def _environment(self, sandbox: Path, cwd: Path) -> dict[str, str]:
        env = {
            "PATH": os.environ.get("PATH", os.defpath),
            "LANG": "C.UTF-8",
            "HOME": str(sandbox),
            "XDG_CONFIG_HOME": str(sandbox),
            "GIT_CONFIG_NOSYSTEM": "1",
            "GIT_CONFIG_GLOBAL": os.devnull,
            "GIT_ATTR_NOSYSTEM": "1",
            "GIT_TERMINAL_PROMPT": "0",
            "GIT_OPTIONAL_LOCKS": "0",
            "GIT_PAGER": "cat",
            "PAGER": "cat",
            "GIT_NO_REPLACE_OBJECTS": "1",
            "GIT_GRAFT_FILE": str(sandbox / "no-grafts"),
            "GIT_LITERAL_PATHSPECS": "1",
            # No transport may run: a partial clone would otherwise lazily fetch missing objects
            # through whatever remote helper its config names.
            "GIT_ALLOW_PROTOCOL": "none",
            "GIT_NO_LAZY_FETCH": "1",
            "GIT_CEILING_DIRECTORIES": str(cwd.parent),
        }
        if self.git_dir is not None:
            # Objects only: an empty work tree and a missing index mean in-tree .gitattributes,
            # the index and core.worktree are never consulted.
            env["GIT_DIR"] = str(self.git_dir)
            env["GIT_WORK_TREE"] = str(sandbox)
            env["GIT_INDEX_FILE"] = str(sandbox / "no-index")
        return env

    def argv(self, *args: str | bytes) -> list[str | bytes]:
        """The full command line for ``git <args>`` with every safety override in front."""
        command: list[str | bytes] = [self._git, "--no-pager"]
        for key, value in SAFE_CONFIG:
            command += ["-c", f"{key}={value}"]
        return [*command, *args]

    def run(
        self, *args: str | bytes, stdin: bytes | None = None, ok: Sequence[int] = (0,)
    ) -> subprocess.CompletedProcess[bytes]:
        """Run git to completion; a return code outside ``ok`` raises :class:`SourceError`."""
        try:
            done = subprocess.run(
                self.argv(*args),
                cwd=self.cwd,
                env=self.env,
                input=stdin,
                capture_output=True,
                check=False,
            )
        except OSError as error:
            raise SourceError(f"cannot run git: {error.strerror}") from None
        if done.returncode not in ok:
            raise SourceError(failure_line(args, done.stderr))
        return done

    def popen(
        self, *args: str | bytes, stderr: int | IO[bytes] = subprocess.DEVNULL
    ) -> subprocess.Popen[bytes]:
        """Start git with piped stdin and stdout (the caller owns the process)."""
        try:
            return subprocess.Popen(
                self.argv(*args),
                cwd=self.cwd,
                env=self.env,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=stderr,
            )
        except OSError as error:
            raise SourceError(f"cannot run git: {error.strerror}") from None


def failure_line(args: Sequence[str | bytes], stderr: bytes) -> str:
    """One line saying which git command failed and git's own first complaint."""
    command = os.fsdecode(args[0]) if args else "git"
    for raw in stderr.decode("utf-8", "backslashreplace").splitlines():
        line = raw.strip()
        if line:
            return f"git {command} failed: {line.removeprefix('fatal: ').removeprefix('error: ')}"
    return f"git {command} failed"
