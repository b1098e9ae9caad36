"""One function run in a forked process while the caller keeps working, so both cores are busy.

The child is forked, so it starts with the caller's memory: arguments are never copied, only what
the caller sends later (:meth:`Forked.send`) and the result travel through a pipe, pickled. The
child must not touch what the parent keeps using concurrently (database connections, worker
pools, the terminal): it reads, computes and returns.

Where ``fork`` is unavailable, or ``fork=False``, the function runs in the caller, at
:meth:`Forked.result`, after every value was sent: the result is the same either way, only the
overlap is lost. An exception in the child is raised again in the caller, with its type when it
can be pickled.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import pickle
import queue
import sys
import threading
import traceback
import warnings
from collections import deque
from collections.abc import Callable
from multiprocessing.connection import Connection
from types import TracebackType
from typing import Any, Generic, Protocol, TypeVar

from cto.errors import CtoError

R = TypeVar("R")

_OK, _ERROR = "ok", "error"
_CLOSED = object()


class Channel(Protocol):
    """What the function running in the child receives from the caller."""

    def receive(self) -> Any:
        """The next value the caller sent, waiting for it if need be."""


class WorkerDiedError(CtoError):
    """The child process ended without sending a result (killed, or out of memory): reported to
    a user as one line, like any other failure to read a source."""


def can_fork() -> bool:
    """True when this platform can fork a process that shares the caller's memory."""
    return "fork" in multiprocessing.get_all_start_methods()


class Forked(Generic[R]):
    """``target(channel)`` running in a forked child; use as a context manager.

    Leaving the ``with`` block without having taken the result (an error in the caller) stops
    the child, so nothing outlives the caller's work.
    """

    def __init__(self, target: Callable[[Channel], R], *, fork: bool = True) -> None:
        self._target = target
        self._inline: deque[Any] | None = None
        self._process: Any = None
        self._done = False
        self._result: tuple[R] | None = None
        self._sender: threading.Thread | None = None
        self._outbox: queue.SimpleQueue[Any] = queue.SimpleQueue()
        if not (fork and can_fork()):
            self._inline = deque()
            return
        self._conn, child_end = multiprocessing.Pipe(duplex=True)
        context = multiprocessing.get_context("fork")
        self._process = context.Process(target=_child, args=(target, child_end), daemon=True)
        with warnings.catch_warnings():
            # Python 3.12+ warns about forking with other threads alive (a progress bar's): the
            # child never touches what they hold (see _child), so the warning says nothing here.
            warnings.filterwarnings(
                "ignore", "This process .* is multi-threaded", DeprecationWarning
            )
            self._process.start()
        child_end.close()

    @property
    def forked(self) -> bool:
        """True when the function runs in a child process (False: it runs at :meth:`result`)."""
        return self._process is not None

    def send(self, value: Any) -> None:
        """Hand ``value`` to the function (its next :meth:`Channel.receive`) without waiting.

        A pipe holds only so much: a large value is written by a thread of this process while
        the child is still busy, so the caller never waits for the child to read it.
        """
        if self._inline is not None:
            self._inline.append(value)
            return
        if self._sender is None:
            self._sender = threading.Thread(target=self._send_queued, daemon=True)
            self._sender.start()
        self._outbox.put(value)

    def _send_queued(self) -> None:
        while (value := self._outbox.get()) is not _CLOSED:
            try:
                self._conn.send(value)
            except OSError:  # the child is gone; result() says why
                return

    def result(self) -> R:
        """Wait for the function's return value (kept: later calls return it again); raise what
        it raised."""
        if self._result is None:
            self._result = (self._receive(),)
        return self._result[0]

    def _receive(self) -> R:
        if self._inline is not None:
            self._done = True
            return self._target(_Queued(self._inline))
        try:
            kind, value = self._conn.recv()
        except EOFError:
            ended = self._exitcode()
            raise WorkerDiedError(f"a worker process ended unexpectedly ({ended})") from None
        finally:
            self._done = True
            self._stop()
        if kind == _ERROR:
            raise value
        return value  # type: ignore[no-any-return]

    def __enter__(self) -> Forked[R]:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if not self._done:
            self._stop()

    def _stop(self) -> None:
        process = self._process
        if process is None:
            return
        if self._sender is not None:
            self._outbox.put(_CLOSED)
            if self._done:  # the child read everything it needed
                self._sender.join()
        self._conn.close()
        if process.is_alive() and not self._done:
            process.terminate()
        process.join(timeout=10)
        if process.is_alive():
            process.kill()
            process.join()

    def _exitcode(self) -> str:
        self._process.join(timeout=1)
        code = self._process.exitcode
        return "still running" if code is None else f"exit code {code}"


class _Queued:
    """The in-process channel: values the caller already sent, in order."""

    def __init__(self, values: deque[Any]) -> None:
        self._values = values

    def receive(self) -> Any:
        if not self._values:
            raise RuntimeError("the function asked for a value the caller never sent")
        return self._values.popleft()


class _Piped:
    """The child's end of the pipe."""

    def __init__(self, conn: Connection) -> None:
        self._conn = conn

    def receive(self) -> Any:
        try:
            return self._conn.recv()
        except EOFError:  # the caller went away: nothing left to do
            os._exit(1)


def _child(target: Callable[[Channel], Any], conn: Connection) -> None:
    """Run ``target``, send back ``(kind, value)`` (an exception travels with its type), and end.

    The standard streams are reopened first: a thread of the parent (a progress bar) may have
    held their locks at the moment of the fork, and a copied lock held by no one here would
    block the child's first write for ever. The child ends with ``os._exit``: nothing of the
    parent's state is flushed, finalised or torn down twice.
    """
    sys.stdout = open(1, "w", closefd=False)  # noqa: SIM115 - lives as long as the process
    sys.stderr = open(2, "w", closefd=False)  # noqa: SIM115
    try:
        message: tuple[str, Any] = (_OK, target(_Piped(conn)))
    except BaseException as error:  # every failure must reach the caller
        message = (_ERROR, _portable(error))
    try:
        conn.send(message)
    except (pickle.PicklingError, TypeError, AttributeError) as error:
        conn.send((_ERROR, RuntimeError(f"a worker's result could not be sent back: {error}")))
    conn.close()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError):
            stream.flush()
    os._exit(0)


def _portable(error: BaseException) -> BaseException:
    """``error`` itself when it survives pickling, else a RuntimeError with its text."""
    try:
        pickle.loads(pickle.dumps(error))  # noqa: S301 - our own bytes, made just now
    except Exception:  # any failure to round-trip means: send its text instead
        text = "".join(traceback.format_exception_only(type(error), error)).strip()
        return RuntimeError(text)
    return error
