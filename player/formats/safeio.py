"""Reading and writing the importers' files safely: regular files only, sizes capped, OS errors
named, output written atomically (temporary file, fsync, rename) and never through a symlink.

A FIFO, a device (a link to ``/dev/zero``), a directory or a file larger than the cap is refused
with a :class:`~player.core.model.errors.MediaError` before a byte is read; files are opened
with ``O_NONBLOCK`` so a FIFO swapped in after the check cannot hang the import, and the open
file itself is checked again (``fstat``). (player/core/script/ gets a reading layer of the same
kind on another branch; these helpers can be folded into it when both are merged.)
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from player.core.model.errors import MediaError
from player.core.model.messages import N_, tr

__all__ = ["read_limited", "check_regular", "write_new", "reason", "SOURCE_LIMIT", "LIMITS", "AUDIO_LIMIT"]

SOURCE_LIMIT = 4 * 1024 * 1024           # the most any song file may be (MusicXML: choir scores are a few MB)
#: per format: real files are far smaller (ChordPro/LRC/OpenLyrics a few kB, .kar 30–200 kB); the caps
#: keep the slowest input of each (mido reads ~200 kB/s of dense notes here, ElementTree needs ~40×
#: the XML in memory) within 5 s and 500 MB
LIMITS = {"chordpro": 1024 * 1024, "text": 1024 * 1024, "lrc": 1024 * 1024, "openlyrics": 1024 * 1024, "midi": 256 * 1024,
          "musicxml": SOURCE_LIMIT}
AUDIO_LIMIT = 1024 * 1024 * 1024         # a recording copied beside the song: 1 GiB at most
_CHUNK = 1024 * 1024


def reason(err: OSError) -> str:
    """Plain words for an OS error: what happened, for the conductor."""
    words = {errno.ENOSPC: N_("the disk is full"), errno.EDQUOT: N_("the disk is full (quota)"),
             errno.EROFS: N_("a read-only disk"), errno.EACCES: N_("no access"), errno.EPERM: N_("no access"),
             errno.ENOENT: N_("does not exist"), errno.ENOTDIR: N_("a part of the path is not a folder"),
             errno.EISDIR: N_("is a folder"), errno.ELOOP: N_("symbolic links in a ring"),
             errno.EEXIST: N_("already exists"), errno.EIO: N_("a read error on the disk")}
    return tr(words[err.errno]) if err.errno in words else err.strerror or type(err).__name__


def _kind(mode: int) -> str | None:
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return tr("is a folder, not a file")
    if stat.S_ISFIFO(mode):
        return tr("is a FIFO (named pipe), not a regular file")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return tr("is a device (such as /dev/zero), not a regular file")
    return tr("is not a regular file")


def size_text(count: int) -> str:
    """``307200`` → ``"300 kB"``, ``2_200_000`` → ``"2,1 MB"``."""
    if count < 1024 * 1024:
        return f"{max(1, round(count / 1024))} kB"
    return f"{count / 1024 / 1024:.1f} MB".replace(".", ",")


def check_regular(path: Path, limit: int = SOURCE_LIMIT) -> int:
    """The size of ``path`` (links followed) when it is a regular file of at most ``limit`` bytes."""
    try:
        info = os.stat(path)
    except OSError as err:
        raise MediaError(tr('{path}: cannot read the file ({reason})', path=path, reason=reason(err))) from err
    problem = _kind(info.st_mode)
    if problem:
        raise MediaError(tr('{path}: {problem}', path=path, problem=problem))
    if info.st_size > limit:
        raise MediaError(tr('{path}: the file is too big ({size_text}, at most {size_text2} for this kind of file)', path=path, size_text=size_text(info.st_size), size_text2=size_text(limit)))
    return info.st_size


def _open_regular(path: Path, limit: int) -> int:
    check_regular(path, limit)
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as err:
        raise MediaError(tr('{path}: cannot read the file ({reason})', path=path, reason=reason(err))) from err
    info = os.fstat(fd)
    problem = _kind(info.st_mode)
    if problem or info.st_size > limit:
        os.close(fd)
        raise MediaError(tr('{path}: {value}', path=path, value=problem or tr('the file is too big')))
    return fd


def read_limited(path: Path, limit: int = SOURCE_LIMIT) -> bytes:
    """The bytes of the regular file ``path``, at most ``limit`` of them (a file that grows past
    the cap while it is read is refused too)."""
    fd = _open_regular(path, limit)
    chunks: list[bytes] = []
    total = 0
    try:
        while True:
            chunk = os.read(fd, _CHUNK)
            if not chunk:
                break
            total += len(chunk)
            if total > limit:
                raise MediaError(tr('{path}: the file is too big (over {size_text})', path=path, size_text=size_text(limit)))
            chunks.append(chunk)
    except OSError as err:
        raise MediaError(tr('{path}: cannot read the file ({reason})', path=path, reason=reason(err))) from err
    finally:
        os.close(fd)
    return b"".join(chunks)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def _temp(folder: Path, name: str) -> tuple[int, Path]:
    for attempt in range(100):
        tmp = folder / f".{name}.{os.getpid()}.{attempt}.tmp"
        try:
            return os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0),
                           0o644), tmp
        except FileExistsError:
            continue
    raise MediaError(tr('{folder}: found no free name for a temporary file', folder=folder))


def write_new(folder: Path, name: str, data: bytes | None = None, source: Path | None = None,
              limit: int = AUDIO_LIMIT, replace: bool = False) -> Path:
    """Write ``data`` (or a copy of the regular file ``source``) as ``folder/name``, atomically.

    The bytes go to a hidden temporary file in ``folder`` (``O_EXCL|O_NOFOLLOW``), are fsynced
    and renamed into place, so the name holds the whole file or nothing; on any error the
    temporary file is removed. Without ``replace`` an existing name (a dangling symlink too) is
    refused: rename replaces a link itself and never writes where it points.
    """
    target = folder / name
    if not replace and os.path.lexists(target):
        raise MediaError(tr('{target}: already exists', target=target))
    if source is not None:
        src = _open_regular(source, limit)
    fd = None
    tmp = None
    try:
        fd, tmp = _temp(folder, name)
        if source is None:
            _write_all(fd, data or b"")
        else:
            total = 0
            while True:
                try:
                    chunk = os.read(src, _CHUNK)
                except OSError as err:
                    raise MediaError(tr('{source}: cannot read the file ({reason})', source=source, reason=reason(err))) from err
                if not chunk:
                    break
                total += len(chunk)
                if total > limit:
                    raise MediaError(tr('{source}: the file is too big (over {size_text})', source=source, size_text=size_text(limit)))
                _write_all(fd, chunk)
        os.fsync(fd)
        os.close(fd)
        fd = None
        if not replace and os.path.lexists(target):
            raise MediaError(tr('{target}: already exists', target=target))
        os.replace(tmp, target)
        tmp = None
    except OSError as err:
        raise MediaError(tr('{target}: cannot write the file ({reason})', target=target, reason=reason(err))) from err
    finally:
        if fd is not None:
            os.close(fd)
        if source is not None:
            os.close(src)
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass
    return target
