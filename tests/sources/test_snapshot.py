"""The private copy of the tree: written from git objects, regular files only, never outside."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from cto.sources.git import GitRepository
from cto.sources.snapshot import (
    DirectorySnapshot,
    TreeWriter,
    materialize,
    materialize_tree,
    safe_relative,
)
from repo_builder import lines


def _files_under(root: Path) -> set[bytes]:
    base = os.fsencode(root)
    found = set()
    for directory, _, names in os.walk(base):
        found.update(os.path.relpath(os.path.join(directory, n), base) for n in names)
    return found


def test_materialize_writes_regular_files_and_counts_like_tree(make_repo, tmp_path):
    builder = make_repo()
    module = builder.commit({"a.txt": "1\n"})
    builder.write("run.sh", "#!/bin/sh\necho hi")
    os.chmod(builder.path / "run.sh", 0o755)
    os.symlink("/etc/passwd", builder.path / "passwd")
    os.symlink("loop", builder.path / "loop")
    builder.git("add", "run.sh", "passwd", "loop")
    builder.git("update-index", "--add", "--cacheinfo", f"160000,{module},module")
    deep = "/".join(["d"] * 100) + "/deep.py"
    head = builder.commit(
        {
            "big.txt": lines(100),
            "img.bin": b"GIF\x00\x01",
            "empty.txt": "",
            deep: "x = 1\n",
            b"caf\xe9.py": "y = 2\n",
        }
    )
    repo = GitRepository.open(builder.path)
    dest = tmp_path / "copy"
    dest.mkdir()
    copy = materialize_tree(repo, head, dest, max_file_bytes=100)
    assert copy.entries == repo.tree(head, max_file_bytes=100)
    assert copy.symlinks == ["loop", "passwd"]
    assert copy.submodules == ["module"]
    assert copy.refused == []
    written = {b"a.txt", b"run.sh", b"img.bin", b"empty.txt", deep.encode(), b"caf\xe9.py"}
    assert _files_under(dest) == written  # no big.txt (over the cap), no links, no module
    assert (dest / deep).read_text() == "x = 1\n"
    with open(os.fsencode(dest) + b"/caf\xe9.py", "rb") as handle:  # the name git stores
        assert handle.read() == b"y = 2\n"
    assert copy.written == {w.decode("utf-8", "surrogateescape") for w in written}


def test_materialize_returns_the_tree_entries(make_repo, tmp_path):
    builder = make_repo()
    head = builder.commit({"src/a.py": lines(3), "b.md": "x"})
    repo = GitRepository.open(builder.path)
    assert materialize(repo, head, tmp_path) == repo.tree(head)


@pytest.mark.parametrize(
    "path",
    [b"../escape.txt", b"a/../../escape.txt", b"/etc/passwd", b"a//b", b"./a", b"a/.", b"", b"a/"],
)
def test_writer_refuses_unsafe_paths(tmp_path, path):
    dest = tmp_path / "dest"
    dest.mkdir()
    assert not safe_relative(path)
    assert TreeWriter(dest).write(path, b"owned\n") is False
    assert _files_under(tmp_path) == set()


def test_writer_never_writes_through_a_symlink_or_over_a_file(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    dest = tmp_path / "dest"
    dest.mkdir()
    (dest / "link").symlink_to(outside)
    (dest / "file").symlink_to(outside / "target")
    writer = TreeWriter(dest)
    assert writer.write(b"link/x.txt", b"owned") is False
    assert writer.write(b"link/new/x.txt", b"owned") is False
    assert writer.write(b"file", b"owned") is False
    assert list(outside.iterdir()) == []
    assert writer.write(b"a/b.txt", b"one") is True
    assert writer.write(b"a/b.txt", b"two") is False  # never overwrites
    assert writer.write(b"a/b.txt/c", b"x") is False  # a file where a directory should be
    assert (dest / "a" / "b.txt").read_bytes() == b"one"


def test_directory_snapshot_reads_only_the_tree_files(tmp_path):
    root = tmp_path / "tree"
    root.mkdir()
    writer = TreeWriter(root)
    writer.write(b"a.py", b"print('x')\n")
    writer.write(b"bad.py", b"caf\xe9\n")
    writer.write(b"img.py", b"\x00\x01")
    writer.write(b"big.txt", b"x" * 2000)
    (tmp_path / "secret").write_text("s3cret")
    snapshot = DirectorySnapshot(root, ["img.py", "a.py", "bad.py", "big.txt", "gone.txt"])
    assert snapshot.root == root
    assert snapshot.paths() == ("a.py", "bad.py", "big.txt", "gone.txt", "img.py")
    assert snapshot.read_text("a.py") == "print('x')\n"
    assert snapshot.read_text("bad.py") == "caf\ufffd\n"
    assert snapshot.read_text("img.py") is None  # binary
    assert snapshot.read_text("big.txt", max_bytes=1000) is None
    assert snapshot.read_text("big.txt") == "x" * 2000
    assert snapshot.read_text("gone.txt") is None  # listed, not copied
    assert snapshot.read_text("../secret") is None  # not a tree file
    assert snapshot.read_bytes("img.py") == b"\x00\x01"


def test_contents_kept_in_memory_read_like_the_copy(make_repo, tmp_path):
    builder = make_repo()
    head = builder.commit({"a.py": "x = 1\n", "b.txt": "b" * 50, "same.py": "x = 1\n", "bin": "\0"})
    repo = GitRepository.open(builder.path)
    dest = tmp_path / "copy"
    dest.mkdir()
    copy = materialize_tree(repo, head, dest, keep_bytes=14)
    assert copy.contents == {"a.py": b"x = 1\n", "bin": b"\0", "same.py": b"x = 1\n"}
    assert materialize_tree(repo, head, tmp_path / "none").contents == {}  # nothing by default
    kept = DirectorySnapshot(dest, sorted(copy.written), copy.contents)
    disk = DirectorySnapshot(dest, sorted(copy.written))
    for path in [*copy.written, "gone", "../copy/a.py"]:
        for limit in (0, 1, 5, 6, 50, 1000):
            assert kept.read_bytes(path, limit) == disk.read_bytes(path, limit), (path, limit)
            assert kept.read_text(path, limit) == disk.read_text(path, limit), (path, limit)
    assert disk.read_bytes("b.txt", 50) == b"b" * 50 and disk.read_bytes("b.txt", 49) is None


def test_directory_snapshot_never_reads_through_a_symlink_or_a_directory(tmp_path):
    root = tmp_path / "tree"
    (root / "d").mkdir(parents=True)
    (tmp_path / "secret").write_text("s3cret")
    os.symlink(tmp_path / "secret", root / "link")
    snapshot = DirectorySnapshot(root, ["link", "d"])
    assert snapshot.read_bytes("link") is None
    assert snapshot.read_bytes("d") is None
