"""Small, safe file operations for the show's own files (the saved step and the session log).

- :func:`replace_atomically`: temporary file in the same folder, fsync, rename, fsync of the
  folder; a kill at any moment leaves the old file or the new one, never a part of either.
- :func:`append_fsynced`: one ``O_APPEND`` write and an fsync, for a JSON-lines journal.
- :func:`read_small`: a regular file (a symlink, FIFO, device or directory is refused, and a
  FIFO cannot hang the open) of at most ``limit`` bytes.

They raise :class:`OSError` (or :class:`ValueError` from :func:`read_small` for what is not a
small regular file); the callers turn that into a notice. (The importers have the same kind of
helpers in :mod:`player.formats.safeio`; both can move into one reading layer when merged.)
"""

from __future__ import annotations
from player.core.model.messages import N_, tr

import errno
import os
import stat
from pathlib import Path

__all__ = ["replace_atomically", "append_fsynced", "read_small", "os_reason", "remove_stale_temps"]

_CLOEXEC = getattr(os, "O_CLOEXEC", 0)


def os_reason(err: BaseException) -> str:
    """Plain words for what went wrong on the disk."""
    words = {errno.ENOSPC: N_("the disk is full"), errno.EDQUOT: N_("the disk is full (quota)"),
             errno.EROFS: N_("a read-only disk"), errno.EACCES: N_("no access"), errno.EPERM: N_("no access"),
             errno.ENOENT: N_("the folder does not exist"), errno.ENOTDIR: N_("a part of the path is not a folder"),
             errno.EIO: N_("a write error on the disk")}
    if isinstance(err, OSError):
        return tr(words[err.errno]) if err.errno in words else err.strerror or type(err).__name__
    return str(err) or type(err).__name__


def _fsync_folder(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY | _CLOEXEC)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass                      # some file systems cannot fsync a folder; the rename is done
    finally:
        os.close(fd)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def replace_atomically(path: Path, data: bytes) -> None:
    """Make ``path`` hold exactly ``data``: write a temporary file beside it, fsync, rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW | _CLOEXEC, 0o644)
    try:
        _write_all(fd, data)
        os.fsync(fd)
    except BaseException:
        os.close(fd)
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    os.close(fd)
    try:
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    _fsync_folder(path.parent)


def remove_stale_temps(folder: Path, suffixes: tuple[str, ...]) -> int:
    """Remove temporary files :func:`replace_atomically` left behind when a process was killed
    mid-write (``.NAME.PID.tmp`` of another PID, NAME ending in one of ``suffixes``); returns
    how many. Errors are ignored: this is tidying, not saving."""
    removed = 0
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return 0
    for entry in entries:
        name = entry.name
        if not (name.startswith(".") and name.endswith(".tmp")):
            continue
        stem, _, pid = name[1:-4].rpartition(".")
        if pid.isdigit() and int(pid) != os.getpid() and stem.endswith(suffixes) and entry.is_file(follow_symlinks=False):
            try:
                os.unlink(entry.path)
                removed += 1
            except OSError:
                pass
    return removed


def append_fsynced(path: Path, data: bytes) -> None:
    """Append ``data`` to ``path`` (created if missing, never through a symlink) and fsync."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND | os.O_NOFOLLOW | _CLOEXEC, 0o644)
    try:
        _write_all(fd, data)
        os.fsync(fd)
    finally:
        os.close(fd)


def read_small(path: Path, limit: int) -> bytes | None:
    """The bytes of ``path``, or None when there is no such file. Raises :class:`ValueError`
    naming the problem when it is not a regular file of at most ``limit`` bytes."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return None
    if stat.S_ISLNK(info.st_mode):
        raise ValueError(tr("is a symbolic link (the program never writes a link)"))
    if not stat.S_ISREG(info.st_mode):
        raise ValueError(tr("is not a regular file"))
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOFOLLOW | _CLOEXEC)
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise ValueError(tr("is not a regular file"))
        data = os.read(fd, limit + 1)
    finally:
        os.close(fd)
    if len(data) > limit:
        raise ValueError(tr("is bigger than {limit} bytes", limit=limit))
    return data
