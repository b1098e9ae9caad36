"""The streaming log parser: any path bytes, any block boundaries, malformed output refused."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cto.errors import SourceError
from cto.sources.gitlog import LogParser, chunks
from cto.sources.interface import FileChange, RawCommit

paths = st.binary(min_size=1, max_size=12).filter(lambda raw: b"\0" not in raw)
counts = st.one_of(st.none(), st.integers(0, 10**6))
changes = st.builds(lambda path, old, n: (path, old, n), paths, st.one_of(st.none(), paths), counts)
commits = st.lists(st.lists(changes, max_size=4), max_size=5)


def render(
    commit_changes: list[list[tuple[bytes, bytes | None, int | None]]],
) -> tuple[bytes, list[RawCommit]]:
    """What git prints for these commits, and what the parser must return."""
    out, expected = b"", []
    for index, file_changes in enumerate(commit_changes):
        sha = f"{index:040x}"
        out += f"\x1e{sha}\n\n{1700000000 + index}\ne@x\nName {index}".encode() + b"\0"
        parsed = []
        for number, (path, old, n) in enumerate(file_changes):
            stat = b"-\t-\t" if n is None else b"%d\t%d\t" % (n, n // 2)
            prefix = b"\n" if number == 0 else b""
            out += prefix + stat + (b"\0" + old + b"\0" + path if old else path) + b"\0"
            text = path.decode("utf-8", "surrogateescape")
            old_text = old.decode("utf-8", "surrogateescape") if old else None
            parsed.append(FileChange(text, old_text, n, None if n is None else n // 2))
        expected.append(
            RawCommit(sha, (), f"Name {index}", "e@x", 1700000000 + index, tuple(parsed))
        )
    return out, expected


@given(commits, st.integers(1, 50))
def test_parser_is_independent_of_block_boundaries(commit_changes, block):
    output, expected = render(commit_changes)
    parser = LogParser()
    parsed = [
        c
        for start in range(0, len(output), block)
        for c in parser.feed(output[start : start + block])
    ]
    assert parsed + parser.close() == expected


@pytest.mark.parametrize(
    "output",
    [b"1\t2\tpath\0", b"\x1e" + b"0" * 40 + b"\nnot-a-time\n", b"\x1eabc\n\n1\ne\nn\0\nx\ty\tp\0",
     b"\x1e" + b"0" * 40 + b"\n\n1\ne\nn\0\n1\t2\t\0only-old"],
)  # fmt: skip
def test_malformed_output_is_a_source_error(output):
    parser = LogParser()
    with pytest.raises(SourceError):
        parser.feed(output)
        parser.close()


def test_chunks_are_contiguous_and_balanced():
    assert chunks(list("abcde"), 2) == [list("abc"), list("de")]
    assert chunks(list("ab"), 5) == [["a"], ["b"]]
    assert chunks([], 3) == []
    assert chunks(list("abc"), 0) == [list("abc")]
