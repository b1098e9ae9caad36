"""A function run in a forked worker gives what it gives in the caller, errors included."""

from __future__ import annotations

import os
import signal
import time

import pytest

from cto.errors import CtoError, SourceError
from cto.forked import Channel, Forked, WorkerDiedError, can_fork

needs_fork = pytest.mark.skipif(not can_fork(), reason="this platform cannot fork")


def add_two_sent(channel: Channel) -> tuple[int, int]:
    first, second = channel.receive(), channel.receive()
    return (first + second, os.getpid())


@needs_fork
def test_a_forked_worker_computes_in_another_process_with_values_sent_later():
    with Forked(add_two_sent) as worker:
        assert worker.forked
        worker.send(2)
        worker.send(40)
        total, pid = worker.result()
    assert total == 42
    assert pid != os.getpid()


def test_without_fork_the_function_runs_in_the_caller_at_result():
    with Forked(add_two_sent, fork=False) as worker:
        assert not worker.forked
        worker.send(2)
        worker.send(40)
        total, pid = worker.result()
    assert (total, pid) == (42, os.getpid())


def test_the_result_is_computed_once_and_kept():
    calls: list[int] = []

    def counted(_channel: Channel) -> int:
        calls.append(1)
        return len(calls)

    with Forked(counted, fork=False) as worker:
        assert worker.result() == 1
        assert worker.result() == 1
    assert calls == [1]


def test_asking_for_a_value_never_sent_is_an_error_in_the_caller():
    with Forked(add_two_sent, fork=False) as worker, pytest.raises(RuntimeError, match="never"):
        worker.send(1)
        worker.result()


def fails_with_a_source_error(_channel: Channel) -> None:
    raise SourceError("git log failed: unable to read 02711d86")


class UnpicklableError(Exception):
    def __init__(self, a: int, b: int) -> None:
        super().__init__(f"{a} and {b}")


def fails_unpicklably(_channel: Channel) -> None:
    raise UnpicklableError(1, 2)


@needs_fork
@pytest.mark.parametrize("fork", [True, False])
def test_an_error_in_the_worker_is_raised_in_the_caller_with_its_type(fork):
    with (
        Forked(fails_with_a_source_error, fork=fork) as worker,
        pytest.raises(SourceError, match="unable to read 02711d86"),
    ):
        worker.result()


@needs_fork
def test_an_error_that_cannot_be_pickled_arrives_as_its_text():
    with Forked(fails_unpicklably) as worker, pytest.raises(RuntimeError, match="1 and 2"):
        worker.result()


def dies(_channel: Channel) -> None:
    os.kill(os.getpid(), signal.SIGKILL)


@needs_fork
def test_a_worker_killed_midway_is_reported_not_waited_for_forever():
    with Forked(dies) as worker, pytest.raises(WorkerDiedError, match="ended unexpectedly"):
        worker.result()
    assert issubclass(WorkerDiedError, CtoError)  # the command line says it in one line


def sleeps(_channel: Channel) -> int:
    time.sleep(60)
    return os.getpid()


@needs_fork
def test_leaving_the_block_without_the_result_stops_the_worker():
    started = time.monotonic()
    with pytest.raises(KeyError), Forked(sleeps) as worker:
        process = worker._process
        raise KeyError("the caller failed")
    assert not process.is_alive()
    assert time.monotonic() - started < 30


@needs_fork
def test_sending_a_large_value_never_waits_for_the_worker_to_read_it():
    import multiprocessing

    sent = multiprocessing.get_context("fork").Event()

    def reads_after_the_signal(channel: Channel) -> tuple[bool, int]:
        signalled = sent.wait(timeout=5)  # a blocking send would hold the signal back
        return signalled, len(channel.receive())

    with Forked(reads_after_the_signal) as worker:
        worker.send(b"x" * 5_000_000)  # far more than a pipe holds
        sent.set()
        assert worker.result() == (True, 5_000_000)
