"""The reading layer refuses every odd file by name, before it can hang or fill memory."""

from __future__ import annotations

import os
import threading

import pytest

from player.core.model.errors import FileRefused, HelsekorError
from player.core.model import files
from player.core.model.files import read_bytes, read_head, read_text, regular_file, resolve_path


def refused(fn, *args) -> FileRefused:
    with pytest.raises(FileRefused) as info:
        fn(*args)
    assert isinstance(info.value, HelsekorError)
    return info.value


def test_a_regular_file_is_read_and_its_path_resolved(tmp_path):
    (tmp_path / "a.yaml").write_bytes("\ufeffæøå\n".encode("utf-8"))
    os.symlink(tmp_path / "a.yaml", tmp_path / "link.yaml")
    assert regular_file(tmp_path / "link.yaml", "script") == tmp_path / "a.yaml"
    assert read_text(tmp_path / "link.yaml", "script") == "æøå\n"
    assert read_head(tmp_path / "a.yaml", 3, "audio") == b"\xef\xbb\xbf"


def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path):
    os.mkfifo(tmp_path / "s.yaml")
    done: list[FileRefused] = []
    reader = threading.Thread(target=lambda: done.append(refused(read_bytes, tmp_path / "s.yaml", "script")),
                              daemon=True)
    reader.start()
    reader.join(10)
    assert done, "reading a FIFO blocked"
    assert done[0].why == "not-regular" and "FIFO" in done[0].reason


@pytest.mark.parametrize("target, word", [("/dev/zero", "device"), ("/dev/null", "device")])
def test_a_link_to_a_device_is_refused(tmp_path, target, word):
    os.symlink(target, tmp_path / "s.yaml")
    err = refused(read_bytes, tmp_path / "s.yaml", "script")
    assert err.why == "not-regular" and word in err.reason and err.path == target
    assert err.named == str(tmp_path / "s.yaml") and str(err).startswith(f"{tmp_path / 's.yaml'} (a link to {target})")


def test_a_folder_a_loop_and_a_missing_file_are_named(tmp_path):
    (tmp_path / "d.yaml").mkdir()
    assert refused(read_bytes, tmp_path / "d.yaml", "script").why == "not-regular"
    os.symlink(tmp_path / "b", tmp_path / "a")
    os.symlink(tmp_path / "a", tmp_path / "b")
    err = refused(read_bytes, tmp_path / "a", "midi")
    assert err.why == "loop" and str(err).startswith(str(tmp_path / "a"))
    assert refused(resolve_path, tmp_path / "a" / "x.mid").why == "loop"
    assert refused(read_bytes, tmp_path / "none.yaml", "script").why == "missing"


def test_bad_names_are_refused_by_name(tmp_path):
    assert refused(regular_file, f"{tmp_path}/a\x00b.yaml", "script").why == "bad-name"
    assert refused(regular_file, tmp_path / ("x" * 300), "script").why == "bad-name"
    assert refused(regular_file, "/" + "y/" * 3000, "script").why == "bad-name"


def test_a_file_over_its_cap_is_refused_before_it_is_read(tmp_path, monkeypatch):
    monkeypatch.setitem(files.SIZE_CAPS, "script", 100)
    (tmp_path / "big.yaml").write_bytes(b"x" * 101)
    err = refused(read_bytes, tmp_path / "big.yaml", "script")
    assert err.why == "too-big" and "at most 100 bytes" in err.reason
    (tmp_path / "ok.yaml").write_bytes(b"x" * 100)
    assert len(read_bytes(tmp_path / "ok.yaml", "script")) == 100


def test_a_file_that_says_size_0_is_still_read_only_up_to_its_cap(monkeypatch):
    monkeypatch.setitem(files.SIZE_CAPS, "script", 10)
    # /proc files are regular and report size 0, whatever they hold
    err = refused(read_bytes, "/proc/self/maps", "script")
    assert err.why == "too-big"


def test_an_io_error_while_reading_is_named(tmp_path):
    # /proc/self/mem is a regular file whose reading at offset 0 fails (EIO), even for root
    os.symlink("/proc/self/mem", tmp_path / "s.yaml")
    err = refused(read_bytes, tmp_path / "s.yaml", "script")
    assert err.why == "os-error" and "Input/output error" in err.reason


def test_text_that_is_not_utf8_or_holds_nul_is_refused(tmp_path):
    (tmp_path / "a").write_bytes(b"ok\n\xff\n")
    err = refused(read_text, tmp_path / "a", "script")
    assert err.why == "not-text" and "line 2" in err.reason
    (tmp_path / "b").write_bytes(b"a\x00b")
    assert refused(read_text, tmp_path / "b", "script").why == "not-text"


def test_media_are_never_read_whole():
    with pytest.raises(ValueError):
        read_bytes("/dev/null", "audio")
    with pytest.raises(ValueError):
        read_bytes("/dev/null", "no-such-kind")


def test_a_file_without_read_permission_is_denied_by_name(tmp_path):
    """Root reads any mode, so as root the reading runs in a forked child that has dropped to
    nobody (it tells the parent what it got through a pipe)."""
    tmp_path.chmod(0o755)
    secret = tmp_path / "s.yaml"
    secret.write_text("version: 1\n", encoding="utf-8")
    secret.chmod(0o000)
    if os.geteuid() != 0:
        err = refused(read_bytes, secret, "script")
        assert err.why == "denied"
        return
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:                                   # the child: nobody, then one read, then out
        try:
            os.setuid(65534)
            try:
                read_bytes(secret, "script")
                text = "read it"
            except FileRefused as err:
                text = f"{err.why} {err}"
            os.write(w, text.encode("utf-8"))
        finally:
            os._exit(0)
    os.close(w)
    with os.fdopen(r, "rb") as f:
        got = f.read().decode("utf-8")
    os.waitpid(pid, 0)
    assert got == f"denied {secret}: no permission to read the file (check its owner and mode)"


def test_the_library_lists_around_odd_entries_and_finds_past_them(tmp_path):
    from player.core.script.library import Library

    (tmp_path / "songs").mkdir()
    (tmp_path / "songs" / "a.yaml").write_text("x", encoding="utf-8")
    os.mkfifo(tmp_path / "songs" / "fifo.yaml")
    os.symlink(tmp_path / "songs" / "loop.yaml", tmp_path / "songs" / "loop.yaml")
    lib = Library.for_session(tmp_path / "s.yaml", (tmp_path / ("x" * 300),), project_root=tmp_path)
    assert sorted(lib.all("song")) == ["a", "fifo", "loop"]
    # an odd file is found (so reading it says what is wrong); a missing one is looked past
    assert lib.find("song", "fifo", tmp_path / "s.yaml")[0] == tmp_path / "songs" / "fifo.yaml"
    assert lib.find("song", "none", tmp_path / "s.yaml")[0] is None
