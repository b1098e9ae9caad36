"""The history codec round-trips commits exactly, compactly and fast."""

from __future__ import annotations

import zlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cto.errors import WorkspaceError
from cto.record.codec import decode_commits, encode_commits
from cto.sources.interface import FileChange, RawCommit

# Text as git gives it to us: any character, plus lone surrogates standing for undecodable bytes.
# What git's bytes decode to with surrogateescape: any character but a surrogate, plus the lone
# low surrogates U+DC80..U+DCFF that stand for undecodable bytes. (A high surrogate never occurs,
# and a high-low pair would be read back as the one astral character JSON makes of it.)
texts = st.lists(
    st.one_of(
        st.characters(exclude_categories=("Cs",)),
        st.characters(min_codepoint=0xDC80, max_codepoint=0xDCFF),
    )
).map("".join)
counts = st.one_of(st.none(), st.integers(min_value=0, max_value=2**40))
changes = st.builds(FileChange, texts, st.one_of(st.none(), texts), counts, counts)
commits = st.builds(
    RawCommit,
    texts,
    st.lists(texts, max_size=3).map(tuple),
    texts,
    texts,
    st.integers(min_value=-(2**40), max_value=2**40),
    st.lists(changes, max_size=4).map(tuple),
)


@given(st.lists(commits, max_size=8))
def test_round_trip_is_exact(batch: list[RawCommit]) -> None:
    assert decode_commits(encode_commits(batch)) == batch


def test_non_utf8_names_and_binary_counts_survive() -> None:
    raw = b"caf\xe9/\xff.bin".decode("utf-8", "surrogateescape")
    batch = [
        RawCommit("a" * 40, (), "Jos\udce9", "j@x", 0, (FileChange(raw, raw, None, None),)),
    ]
    decoded = decode_commits(encode_commits(batch))
    assert decoded == batch
    assert decoded[0].changes[0].path.encode("utf-8", "surrogateescape") == b"caf\xe9/\xff.bin"


def test_repeated_strings_are_stored_once() -> None:
    batch = [
        RawCommit(f"{n:040x}", (), "Ada Lovelace", "ada@example.com", n, ()) for n in range(1000)
    ]
    text = zlib.decompress(encode_commits(batch)[1:])
    assert text.count(b"Ada Lovelace") == 1


@pytest.mark.parametrize(
    "blob", [b"", b"\x09garbage", b"\x01not zlib", b"\x01" + zlib.compress(b"[")]
)
def test_damaged_blob_is_a_workspace_error(blob: bytes) -> None:
    with pytest.raises(WorkspaceError):
        decode_commits(blob)


def test_forty_thousand_commits_load_well_under_a_second() -> None:
    batch = [
        RawCommit(
            f"{n:040x}",
            (f"{n + 1:040x}",),
            f"Author {n % 50}",
            f"author{n % 50}@example.com",
            1_600_000_000 + n,
            tuple(
                FileChange(f"src/pkg{(n * 7 + i) % 300}/module{(n + i) % 97}.py", None, n % 40, i)
                for i in range(3)
            ),
        )
        for n in range(40_000)
    ]
    blob = encode_commits(batch)
    assert decode_commits(blob) == batch
