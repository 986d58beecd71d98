"""Downloads on a real file system with links, FIFOs, folders and locks where files are
expected: nothing is written outside the output folder or through a link; every refusal is
a FAILED result with a typed error naming the path (bytes from ``httpx.MockTransport``)."""

from __future__ import annotations

import errno
import hashlib
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from dnastack.client.drs import DownloadResult, DownloadStatus, IncompleteDownloadError
from dnastack.client.drs.local_files import FolderTree, open_part, place_file
from dnastack.exceptions import (
    DnastackError,
    LocalFileError,
    LocalFileInUseError,
    UnsafePathError,
)
from tests.unit.clients.drs_fake import FakeDrs, make_client

DATA = hashlib.shake_256(b"paths").digest(200_000)
VICTIM = b"precious bytes outside the download folder"


@pytest.fixture
def fake() -> FakeDrs:
    server = FakeDrs()
    server.add_blob("blob", DATA)
    return server


@pytest.fixture
def out(tmp_path: Path) -> Path:
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


@pytest.fixture
def victim(tmp_path: Path) -> Path:
    path = tmp_path / "victim.txt"
    path.write_bytes(VICTIM)
    return path


def download(
    fake: FakeDrs, tmp_path: Path, out: Path, ids: str | list[str] = "blob"
) -> list[DownloadResult]:
    with make_client(fake, tmp_path) as client:
        return client.download(ids, out)


def refused(result: DownloadResult, kind: type[DnastackError] = UnsafePathError) -> str:
    assert result.status is DownloadStatus.FAILED, result
    assert result.path is None
    assert isinstance(result.exception, kind), result.exception
    assert result.error is not None
    return result.error


def test_symlink_at_the_part_name_is_refused_and_its_target_untouched(
    fake: FakeDrs, tmp_path: Path, out: Path, victim: Path
) -> None:
    (out / ".blob.part").symlink_to(victim)

    [result] = download(fake, tmp_path, out)

    assert "symbolic link" in refused(result) and ".blob.part" in refused(result)
    assert victim.read_bytes() == VICTIM
    assert not (out / "blob").exists()
    assert (out / ".blob.part").is_symlink()


def test_dangling_symlink_at_the_part_name_creates_nothing(
    fake: FakeDrs, tmp_path: Path, out: Path
) -> None:
    (out / ".blob.part").symlink_to(tmp_path / "created-through-link")

    [result] = download(fake, tmp_path, out)

    refused(result)
    assert not (tmp_path / "created-through-link").exists()


@pytest.mark.parametrize("dangling", [False, True])
def test_symlink_at_the_final_name_is_refused_not_followed(
    fake: FakeDrs, tmp_path: Path, out: Path, victim: Path, dangling: bool
) -> None:
    pointee = tmp_path / "nowhere" if dangling else victim
    (out / "blob").symlink_to(pointee)

    [result] = download(fake, tmp_path, out)

    assert "symbolic link" in refused(result)
    assert victim.read_bytes() == VICTIM
    assert not (tmp_path / "nowhere").exists()
    assert sorted(p.name for p in out.iterdir()) == ["blob"]  # no part left, no suffix


def test_symlink_holding_the_right_bytes_is_not_taken_as_already_downloaded(
    fake: FakeDrs, tmp_path: Path, out: Path
) -> None:
    (tmp_path / "elsewhere").write_bytes(DATA)
    (out / "blob").symlink_to(tmp_path / "elsewhere")

    [result] = download(fake, tmp_path, out)

    refused(result)  # not SKIPPED: the link is not followed, not even to read


def test_hard_link_at_the_part_name_is_refused_and_its_other_name_untouched(
    fake: FakeDrs, tmp_path: Path, out: Path, victim: Path
) -> None:
    os.link(victim, out / ".blob.part")

    [result] = download(fake, tmp_path, out)

    assert "hard links" in refused(result)
    assert victim.read_bytes() == VICTIM


def test_bundle_folder_that_is_a_symlink_is_refused(
    fake: FakeDrs, tmp_path: Path, out: Path
) -> None:
    fake.add_blob("m1", b"member one")
    fake.add_blob("m2", b"member two")
    fake.add_bundle(
        "bundle",
        "cohort",
        [
            {"name": "m1.txt", "id": "m1"},
            {"name": "sub", "contents": [], "id": "inner"},
        ],
    )
    fake.add_bundle("inner", "sub", [{"name": "m2.txt", "id": "m2"}])
    outside = tmp_path / "outside"
    outside.mkdir()
    (out / "cohort").mkdir()
    (out / "cohort" / "sub").symlink_to(outside)

    results = download(fake, tmp_path, out, "bundle")

    by_id = {r.object_id: r for r in results}
    assert by_id["m1"].status is DownloadStatus.SUCCESS
    assert "cohort/sub" in refused(by_id["m2"])
    assert list(outside.iterdir()) == []


@pytest.mark.parametrize("dangling", [False, True])
def test_top_bundle_folder_that_is_a_symlink_is_refused(
    fake: FakeDrs, tmp_path: Path, out: Path, dangling: bool
) -> None:
    fake.add_blob("m1", b"member one")
    fake.add_bundle("bundle", "cohort", [{"name": "m1.txt", "id": "m1"}])
    outside = tmp_path / "outside"
    if not dangling:
        outside.mkdir()
    (out / "cohort").symlink_to(outside)

    [result] = download(fake, tmp_path, out, "bundle")

    refused(result)
    assert not outside.exists() or list(outside.iterdir()) == []


def test_fifo_at_the_part_name_is_refused_without_blocking(
    fake: FakeDrs, tmp_path: Path, out: Path
) -> None:
    os.mkfifo(out / ".blob.part")

    [result] = download(fake, tmp_path, out)  # an open that blocked would hang here

    assert "FIFO" in refused(result)


@pytest.mark.parametrize("where", ["blob", ".blob.part"])
def test_folder_or_fifo_where_a_file_is_expected_is_refused(
    fake: FakeDrs, tmp_path: Path, out: Path, where: str
) -> None:
    (out / where).mkdir()
    [result] = download(fake, tmp_path, out)
    assert "a folder" in refused(result)

    (out / where).rmdir()
    os.mkfifo(out / where)
    [result] = download(fake, tmp_path, out)
    assert "FIFO" in refused(result)


def test_device_at_the_part_name_is_refused(fake: FakeDrs, tmp_path: Path, out: Path) -> None:
    try:
        os.mknod(out / ".blob.part", 0o600 | stat.S_IFCHR, os.makedev(1, 3))  # like /dev/null
    except (PermissionError, OSError):
        pytest.skip("cannot create a device node here")

    [result] = download(fake, tmp_path, out)

    assert "a device" in refused(result)


def test_file_where_a_bundle_folder_is_expected_is_typed(
    fake: FakeDrs, tmp_path: Path, out: Path
) -> None:
    fake.add_blob("m1", b"member one")
    fake.add_bundle("bundle", "cohort", [{"name": "m1.txt", "id": "m1"}])
    (out / "cohort").write_bytes(b"a file")

    [result] = download(fake, tmp_path, out, "bundle")

    assert "a regular file, not a folder" in refused(result)


def test_output_folder_under_a_file_is_a_typed_error(fake: FakeDrs, tmp_path: Path) -> None:
    (tmp_path / "file").write_bytes(b"x")
    with make_client(fake, tmp_path) as client, pytest.raises(LocalFileError) as caught:
        client.download("blob", tmp_path / "file" / "out")
    assert str(tmp_path / "file") in str(caught.value)


def test_part_locked_by_another_process_is_in_use(fake: FakeDrs, tmp_path: Path, out: Path) -> None:
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import fcntl, os, sys\n"
            "fd = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT)\n"
            "fcntl.flock(fd, fcntl.LOCK_EX)\n"
            "print('locked', flush=True)\n"
            "sys.stdin.read()\n",
            str(out / ".blob.part"),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "locked\n"
        [result] = download(fake, tmp_path, out)
    finally:
        holder.communicate("")

    assert "another download" in refused(result, LocalFileInUseError)
    assert not (out / "blob").exists()
    [again] = download(fake, tmp_path, out)  # the lock is gone with its process
    assert again.status is DownloadStatus.SUCCESS


def test_file_system_without_locks_still_downloads(
    fake: FakeDrs, tmp_path: Path, out: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import fcntl

    def no_locks(fd: int, operation: int) -> None:
        raise OSError(errno.ENOLCK, os.strerror(errno.ENOLCK))

    monkeypatch.setattr(fcntl, "flock", no_locks)
    [result] = download(fake, tmp_path, out)

    assert result.status is DownloadStatus.SUCCESS
    assert (out / "blob").read_bytes() == DATA


@pytest.mark.parametrize(
    ("code", "words"),
    [(errno.ENOSPC, "no space left"), (errno.EROFS, "read-only"), (errno.EDQUOT, "quota")],
)
def test_write_failures_are_typed_and_name_the_part_file(
    fake: FakeDrs,
    tmp_path: Path,
    out: Path,
    monkeypatch: pytest.MonkeyPatch,
    code: int,
    words: str,
) -> None:
    def failing_writev(fd: int, buffers: object) -> int:
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(os, "writev", failing_writev)
    [result] = download(fake, tmp_path, out)

    message = refused(result, LocalFileError)
    assert words in message and str(out / ".blob.part") in message
    assert not isinstance(result.exception, OSError)


def test_read_only_folder_is_typed(
    fake: FakeDrs, tmp_path: Path, out: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_open = os.open

    def read_only_open(path: str, flags: int, *args: object, **kwargs: object) -> int:
        if flags & os.O_CREAT:
            raise OSError(errno.EROFS, os.strerror(errno.EROFS), path)
        return real_open(path, flags, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", read_only_open)
    [result] = download(fake, tmp_path, out)

    assert "read-only file system" in refused(result, LocalFileError)


def test_compressed_body_never_writes_beyond_the_declared_size(
    fake: FakeDrs, tmp_path: Path, out: Path
) -> None:
    fake.add_blob("tiny", bytes(4 * 1024 * 1024), size=100)  # a 4 MiB body for 100 bytes
    fake.faults["tiny"] = ["gzip"] * 10

    [result] = download(fake, tmp_path, out, "tiny")

    assert "more than the object's size" in refused(result, IncompleteDownloadError)
    assert "gzip" in (result.error or "")
    part = out / ".tiny.part"
    assert not part.exists() or part.stat().st_size <= 100
    assert not (out / "tiny").exists()


def test_compressed_body_of_the_right_bytes_is_still_verified(
    fake: FakeDrs, tmp_path: Path, out: Path
) -> None:
    fake.faults["blob"] = ["gzip"]

    [result] = download(fake, tmp_path, out)

    assert result.status is DownloadStatus.SUCCESS and result.checksum_verified
    assert (out / "blob").read_bytes() == DATA


def test_part_swapped_for_a_link_before_placement_is_refused(
    tmp_path: Path, out: Path, victim: Path
) -> None:
    with FolderTree(out) as folders:
        fd = open_part(folders.root, ".x.part")
        try:
            os.write(fd, b"downloaded")
            os.unlink(out / ".x.part")
            (out / ".x.part").symlink_to(victim)
            with pytest.raises(UnsafePathError):
                place_file(folders.root, ".x.part", fd, "x")
        finally:
            os.close(fd)

    assert not os.path.lexists(out / "x")
    assert victim.read_bytes() == VICTIM


def test_placement_never_replaces_an_existing_name(tmp_path: Path, out: Path) -> None:
    (out / "x").write_bytes(b"theirs")
    with FolderTree(out) as folders:
        fd = open_part(folders.root, ".x.part")
        try:
            os.write(fd, b"ours")
            assert place_file(folders.root, ".x.part", fd, "x") is False
            assert place_file(folders.root, ".x.part", fd, "x (1)") is True
        finally:
            os.close(fd)

    assert (out / "x").read_bytes() == b"theirs"
    assert (out / "x (1)").read_bytes() == b"ours"
    assert not (out / ".x.part").exists()


def test_idle_folders_are_closed_beyond_the_bound_and_leased_ones_never(out: Path) -> None:
    from dnastack.client.drs.local_files import MAX_OPEN_FOLDERS

    with FolderTree(out) as folders:
        with folders.opened(["kept"], create=True) as kept:
            assert kept is not None
            for i in range(3 * MAX_OPEN_FOLDERS):
                with folders.opened([f"d{i}", "inner"], create=True) as folder:
                    assert folder is not None
                    assert os.fstat(folder.fd).st_ino == (out / f"d{i}" / "inner").stat().st_ino
            assert folders.open_count <= MAX_OPEN_FOLDERS
            assert os.fstat(kept.fd).st_ino == (out / "kept").stat().st_ino  # still open
        with folders.opened(["d0", "inner"], create=False) as again:  # opened again
            assert again is not None and os.path.samestat(
                os.fstat(again.fd), (out / "d0" / "inner").stat()
            )


def test_only_empty_folders_the_tree_created_are_removed_deepest_first(out: Path) -> None:
    (out / "before").mkdir()
    with FolderTree(out) as folders:
        for parts in (["before", "new"], ["a", "b", "c"], ["full", "inner"], ["busy"]):
            with folders.opened(parts, create=True):
                pass
        (out / "full" / "inner" / ".x.part").write_bytes(b"kept for a resume")
        with folders.opened(["busy"], create=False):
            folders.remove_empty_created()

    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*")) == [
        "before",  # there before the run
        "busy",  # in use
        "full",
        "full/inner",
        "full/inner/.x.part",
    ]


@pytest.mark.parametrize("replacement", ["link", "folder"])
def test_a_created_folder_replaced_since_is_not_removed_nor_followed(
    tmp_path: Path, out: Path, replacement: str
) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    with FolderTree(out) as folders:
        with folders.opened(["made"], create=True):
            pass
        (out / "made").rename(tmp_path / "moved")
        if replacement == "link":
            (out / "made").symlink_to(outside)
        else:
            (out / "made").mkdir()  # empty, but not the folder this run created
        folders.remove_empty_created()

    assert outside.is_dir() and (tmp_path / "moved").is_dir()
    assert (out / "made").is_symlink() if replacement == "link" else (out / "made").is_dir()


def test_missing_folders_claimed_for_other_trees_are_removed_when_left_empty(
    tmp_path: Path, out: Path
) -> None:
    (out / "there").mkdir()
    (out / "link").symlink_to(tmp_path)
    with FolderTree(out) as folders:
        for parts in (["there", "x", "y"], ["link", "out"], ["kept"]):
            folders.claim_missing(parts)
        (out / "there" / "x" / "y").mkdir(parents=True)  # as an executor task does
        (out / "kept").mkdir()
        (out / "kept" / "file").write_bytes(b"")
        folders.remove_empty_created()

    assert sorted(p.name for p in out.iterdir()) == ["kept", "link", "there"]
    assert list((out / "there").iterdir()) == [] and (out / "link").is_symlink()
    assert (tmp_path / "out").is_dir()  # (the output folder, seen through the link)


def test_a_bundle_of_more_folders_than_descriptors_downloads_every_member(
    tmp_path: Path, out: Path
) -> None:
    import resource

    fake = FakeDrs()
    count = 300
    for i in range(count):
        fake.add_blob(f"b{i}", DATA[:100])
    fake.add_bundle("bun", "bun", [{"name": f"d{i}/f", "id": f"b{i}"} for i in range(count)])
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    in_use = len(os.listdir("/proc/self/fd")) if os.path.isdir("/proc/self/fd") else 64
    resource.setrlimit(resource.RLIMIT_NOFILE, (min(soft, in_use + 150), hard))
    try:
        results = download(fake, tmp_path, out, "bun")
    finally:
        resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))

    assert [r.error for r in results if not r.ok] == []
    assert len(results) == count and (out / "bun" / f"d{count - 1}" / "f").exists()


def test_the_local_side_modules_keep_every_old_import_path() -> None:
    """FolderTree and the path vocabulary moved out of local_files; its names still work."""
    from dnastack.client.drs import folder_tree, local_files, local_paths

    old_names = {
        "MAX_OPEN_FOLDERS",
        "SAFE_FILES_SUPPORTED",
        "FolderTree",
        "LocalFolder",
        "check_final_name",
        "entry_exists",
        "local_file_error",
        "open_existing",
        "open_part",
        "os_errors_named",
        "place_file",
        "regular_file_size",
        "remove_if_ours",
    }
    assert old_names <= set(local_files.__all__)
    assert local_files.FolderTree is folder_tree.FolderTree
    assert local_files.MAX_OPEN_FOLDERS is folder_tree.MAX_OPEN_FOLDERS
    for name in ("LocalFolder", "SAFE_FILES_SUPPORTED", "local_file_error", "os_errors_named"):
        assert getattr(local_files, name) is getattr(local_paths, name)
