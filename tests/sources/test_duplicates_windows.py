"""Duplicate detection walks windows without slicing them, and finds what slicing found."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from cto.analyzers.code_interface import DuplicateBlock
from cto.sources import duplicates
from cto.sources.duplicates import LineFingerprints, find_duplicates

# Few distinct line hashes, so that windows repeat within and across files.
HASHES = st.lists(st.integers(0, 3), max_size=30).map(tuple)


def _sliced(files: list[LineFingerprints], min_lines: int) -> list[DuplicateBlock]:
    """The former loop: one slice per window."""
    index: dict[int, int] = {}
    blocks: list[DuplicateBlock] = []
    for number, current in enumerate(files):
        hashes, resume = current.hashes, 0
        for start in range(len(hashes) - min_lines + 1):
            here = number << 32 | start
            first = index.setdefault(hash(hashes[start : start + min_lines]), here)
            if first == here or start < resume:
                continue
            other, position = files[first >> 32], first & 0xFFFFFFFF
            length = duplicates._run(other, position, current, start, min_lines)
            if length:
                blocks.append(DuplicateBlock(other.path, other.lines[position], current.path,
                                             current.lines[start], length))  # fmt: skip
                resume = start + length - min_lines + 1
    return blocks


@given(HASHES, st.integers(-2, 8))
def test_windows_are_the_slices(hashes: tuple[int, ...], size: int) -> None:
    expected = [hashes[s : s + size] for s in range(len(hashes) - size + 1)]
    assert list(duplicates._windows(hashes, size)) == expected


@settings(max_examples=300, deadline=None)
@given(st.lists(HASHES, max_size=5), st.integers(1, 7))
def test_find_duplicates_finds_what_slicing_found(
    contents: list[tuple[int, ...]], min_lines: int
) -> None:
    files = [
        LineFingerprints(f"f{n}.py", tuple(range(1, len(h) + 1)), h) for n, h in enumerate(contents)
    ]
    assert find_duplicates(files, min_lines) == _sliced(files, min_lines)
