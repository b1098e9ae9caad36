"""The audit's one pass over history: any block boundaries give the same commits and lines."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cto.errors import SourceError
from cto.sources.git import GitRepository
from cto.sources.gitpass import HISTORY_ARGS, HistoryScanner
from cto.sources.gitpatch import keyword_pattern
from repo_builder import lines

TOKEN_FILE = "".join(f"line {n} token={n}\n" if n % 7 == 0 else f"line {n}\n" for n in range(60))


@pytest.fixture(scope="module")
def stream(tmp_path_factory):
    """Raw ``git log`` output of a history with renames, binaries, hunks and keyword lines."""
    from repo_builder import RepoBuilder

    builder = RepoBuilder(tmp_path_factory.mktemp("pass") / "repo")
    builder.commit({"a.txt": TOKEN_FILE, "logo.png": b"\x89PNG\x00\x01", "+++ odd.txt": "x\n"})
    builder.commit({"a.txt": TOKEN_FILE.replace("line 3\n", "token three\n") + "token end\n"})
    builder.commit({"b b.txt": lines(5) + "+++ token\n"}, renames={"a.txt": "dir/a.txt"})
    builder.commit({"dir/a.txt": None, "logo.png": b"\x89PNG\x00\x02"})
    repo = GitRepository.open(builder.path)
    assert repo.info.head is not None
    shas = repo.rev_list(repo.info.head)
    output = repo._git.run(*HISTORY_ARGS, stdin="".join(f"{s}\n" for s in shas).encode()).stdout
    return repo, shas, output


def scan(output: bytes, size: int):
    scanner = HistoryScanner(keyword_pattern(["token"]))
    found = []
    for start in range(0, len(output), size):
        found += scanner.feed(output[start : start + size])
    found += scanner.close()
    return scanner.done, found


def test_the_stream_gives_what_the_numstat_pass_and_the_patch_search_give(stream):
    repo, shas, output = stream
    commits, found = scan(output, 1 << 16)
    assert commits == list(repo.iter_commits(shas))
    assert sorted(found) == sorted(repo.iter_added_lines(shas, keywords=["token"]))
    assert len(found) == 12  # 9 seeded, "token three", "token end", "+++ token"


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.integers(1, 400))
def test_block_boundaries_change_nothing(stream, size):
    _, _, output = stream
    assert scan(output, size) == scan(output, len(output))


@pytest.mark.parametrize(
    "output",
    [b"\x1eabc\0only-two-fields\n", b"\x1e" + b"0" * 40 + b"\0\0not-a-time\0e\0n\n"],
)
def test_malformed_headers_are_a_source_error(output):
    scanner = HistoryScanner(None)
    with pytest.raises(SourceError):
        scanner.feed(output)
        scanner.close()


KEYWORDS = ["token", "to", "tok-en", "secret", "sec", "api_key", "apikey", "a"]
pieces = st.sampled_from(["tok", "en", "to", "-", "sec", "ret", "api", "_key", "key", "x", "\n"])


@given(st.lists(pieces, max_size=12), st.lists(st.sampled_from(KEYWORDS), min_size=1))
def test_the_keyword_trie_finds_what_a_plain_search_finds(parts, keywords):
    import re

    text = "".join(parts).encode()
    pattern = keyword_pattern(keywords)
    plain = [m.start() for k in keywords for m in re.finditer(re.escape(k.encode()), text)]
    found = [m.start() for m in pattern.finditer(text)]
    assert bool(found) == bool(plain)
    assert set(found) <= set(plain)  # every hit is the start of some keyword
