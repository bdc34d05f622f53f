"""The one reading layer: every file the program opens is opened here, so bad disks and odd
files give a :class:`~player.core.model.errors.FileRefused` naming the file, never a
traceback, a hang or runaway memory. Reads only (the core writes no files).

    regular_file(path, kind) -> Path        resolved path of a regular file within its size cap
    read_bytes(path, kind)   -> bytes       the whole file (never more than the kind's cap)
    read_text(path, kind)    -> str         the whole file as UTF-8 (a BOM dropped, NUL refused)
    read_head(path, size, kind) -> bytes    the first ``size`` bytes (media headers)
    open_binary(path, kind)  -> BinaryIO    an open regular file, for bounded reads and seeks
    resolve_path(path)       -> Path        ``Path.resolve`` with loops and bad names refused

What is refused, by :attr:`FileRefused.why`: ``missing``; ``not-regular`` (FIFO, device,
socket, folder: a FIFO would block ``open`` forever, ``/dev/zero`` never ends); ``too-big``
(over :data:`SIZE_CAPS` for the kind, checked before reading and again while reading, since
``/proc`` files say size 0); ``loop`` (a symlink loop); ``bad-name`` (NUL, a name or path
too long); ``denied``; ``os-error`` (any other ``OSError``, such as EIO); ``not-text``.

Files are opened ``O_NONBLOCK`` and checked again with ``fstat`` on the open descriptor, so a
file swapped for a FIFO between the check and the open cannot hang the program either.
Any thread may call these; nothing is cached. It lives in the model floor, which every other
floor may import: the script loader, the MIDI and media probes, the importers and the show's
own records all read through it.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import BinaryIO

from player.core.model.errors import FileRefused
from player.core.model import messages
from player.core.model.messages import tr

__all__ = ["SIZE_CAPS", "MAX_PATH_CHARS", "FileRefused", "regular_file", "read_bytes", "read_text",
           "read_head", "open_binary", "resolve_path"]

MiB = 1024 * 1024
#: the largest file of each kind that is read whole (bytes); ``None``: never read whole (media
#: are probed by their headers, so a three-hour WAV is fine)
SIZE_CAPS: dict[str, int | None] = {
    "script": MiB // 4,       # a session, song or exercise (a long song is ~30 KB)
    "settings": 1 * MiB,      # config.yaml and the user's override file
    "midi": 1 * MiB,          # a .mid/.kar (a dense one is ~200 KB; mido needs ~1 s per MB of sysex)
    "lyrics": 4 * MiB,        # text imports: ChordPro, LRC, OpenLyrics, plain text
    "score": 32 * MiB,        # MusicXML (.musicxml, .mxl)
    "record": 4 * MiB,        # the show's own saved state and logs
    "picture": 64 * MiB,
    "audio": None,
    "video": None,
}
#: longer paths are refused by name (the OS limit is 4096 bytes, a component 255)
MAX_PATH_CHARS = 4000

_CHUNK = 256 * 1024
_READ_ONLY = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)
# os.open under another name: tests/core/test_pure.py reads ``x.open(a, b)`` as open(path, mode)
# and cannot tell that its second argument here is the flags, which only ever read
_os_open = os.open


def _cap(kind: str) -> int | None:
    if kind not in SIZE_CAPS:
        raise ValueError(f"unknown file kind {kind!r} (known: {', '.join(SIZE_CAPS)})")
    return SIZE_CAPS[kind]


def _size_text(n: int) -> str:
    return f"{n / MiB:.1f} MB" if n >= MiB else f"{n // 1024} KB" if n >= 1024 else f"{n} bytes"


def _refuse_os(path: str | Path, err: OSError) -> FileRefused:
    code = err.errno
    text = err.strerror or type(err).__name__
    if code == errno.ENOENT or code == errno.ENOTDIR:
        return FileRefused(path, "missing", tr('file not found'))
    if code == errno.ELOOP:
        return FileRefused(path, "loop", tr('a symlink loop (a link that points back to itself): fix the link'))
    if code == errno.ENAMETOOLONG:
        return FileRefused(path, "bad-name", tr('the file name or path is too long'))
    if code in (errno.EACCES, errno.EPERM):
        return FileRefused(path, "denied", tr('no permission to read the file (check its owner and mode)'))
    return FileRefused(path, "os-error", tr('cannot read the file: {text} (check the disk)', text=text))


def _bad_name(path: str | Path) -> FileRefused | None:
    text = os.fspath(path)
    if isinstance(text, bytes):   # pragma: no cover - the program names files by str
        text = os.fsdecode(text)
    if "\x00" in text:
        return FileRefused(text.replace("\x00", "\\0"), "bad-name", tr('the file name contains a NUL character'))
    if len(text) > MAX_PATH_CHARS:
        return FileRefused(text[:60] + "…", "bad-name", tr('the path is too long ({n} characters)', n=len(text)))
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        # a lone surrogate from a name that is not UTF-8: say so rather than fail on it later
        return FileRefused(text.encode("utf-8", "replace").decode("utf-8"), "bad-name",
                           tr('the file name is not valid UTF-8 (rename the file)'))
    return None


def resolve_path(path: str | Path) -> Path:
    """``Path(path).resolve()`` (need not exist) with NUL, overlong and undecodable names and
    symlink loops turned into :class:`FileRefused`."""
    bad = _bad_name(path)
    if bad is not None:
        raise bad
    try:
        wanted = Path(path).expanduser()
    except RuntimeError as err:          # "~someone/x" with no such user
        raise FileRefused(path, "bad-name", tr('no such home folder (write the path without ~)')) from err
    try:
        return wanted.resolve()
    except RuntimeError as err:          # Python < 3.13: "Symlink loop from ..."
        raise FileRefused(os.path.abspath(os.fspath(path)), "loop", tr('a symlink loop (a link that points back to itself): fix the link')) from err
    except OSError as err:
        raise _refuse_os(path, err) from err
    except ValueError as err:            # pragma: no cover - names are checked above
        raise FileRefused(path, "bad-name", tr('not a usable file name ({err})', err=err)) from err


def _check_stat(path: Path, st: os.stat_result, kind: str) -> None:
    mode = st.st_mode
    if not stat.S_ISREG(mode):
        what = ("a folder" if stat.S_ISDIR(mode) else "a FIFO (named pipe)" if stat.S_ISFIFO(mode)
                else "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode)
                else "a socket" if stat.S_ISSOCK(mode) else "not a regular file")
        raise FileRefused(path, "not-regular", tr('is {what}, not a regular file: name a file', what=what))
    cap = _cap(kind)
    if cap is not None and st.st_size > cap:
        raise FileRefused(path, "too-big", tr('the file is too big for a {kind} file ({size_text}, at most {size_text2})', kind=kind, size_text=_size_text(st.st_size), size_text2=_size_text(cap)))


def regular_file(path: str | Path, kind: str) -> Path:
    """The resolved path of ``path`` if it is a regular file within the cap of ``kind``."""
    p = resolve_path(path)
    try:
        st = os.stat(p)
    except OSError as err:
        raise _named(_refuse_os(p, err), path) from err
    except ValueError as err:            # pragma: no cover - names are checked in resolve_path
        raise FileRefused(p, "bad-name", tr('not a usable file name ({err})', err=err), path) from err
    try:
        _check_stat(p, st, kind)
    except FileRefused as err:
        raise _named(err, path) from None
    return p


def _named(err: FileRefused, named: str | Path) -> FileRefused:
    """``err`` telling the file as the caller named it (absolute), where links led kept apart."""
    shown = os.path.abspath(os.fspath(named))
    if err.why == "missing":
        return err                       # a missing file is named where it was looked for
    return FileRefused(err.path, err.why, err.reason, shown)


def open_binary(path: str | Path, kind: str) -> BinaryIO:
    """An open, regular file (the caller closes it: ``with open_binary(p, "audio") as f``)."""
    p = regular_file(path, kind)
    try:
        fd = _os_open(p, _READ_ONLY)
    except OSError as err:
        raise _refuse_os(p, err) from err
    try:
        _check_stat(p, os.fstat(fd), kind)   # swapped for a FIFO or device after the check
        os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def read_bytes(path: str | Path, kind: str) -> bytes:
    """The whole file, refused past the kind's cap (even when it grows while being read)."""
    cap = _cap(kind)
    if cap is None:
        raise ValueError(f"{kind} files are never read whole: use read_head or open_binary")
    with open_binary(path, kind) as f:
        chunks: list[bytes] = []
        total = 0
        while True:
            try:
                chunk = f.read(min(_CHUNK, cap + 1 - total))
            except OSError as err:
                raise _named(_refuse_os(os.path.realpath(path), err), path) from err
            if not chunk:
                return b"".join(chunks)
            chunks.append(chunk)
            total += len(chunk)
            if total > cap:
                raise FileRefused(path, "too-big", tr('the file is too big for a {kind} file (more than {size_text})', kind=kind, size_text=_size_text(cap)))


def read_head(path: str | Path, size: int, kind: str) -> bytes:
    """The first ``size`` bytes of a regular file (fewer if it is shorter)."""
    with open_binary(path, kind) as f:
        try:
            return f.read(size)
        except OSError as err:
            raise _named(_refuse_os(os.path.realpath(path), err), path) from err


def read_text(path: str | Path, kind: str) -> str:
    """The whole file as UTF-8 text (a byte-order mark dropped); refused if it is not UTF-8
    or holds a NUL character (then it is not a text file)."""
    data = read_bytes(path, kind)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise FileRefused(path, "not-text", tr('line {line}: the file is not UTF-8 text (save it as UTF-8)', line=line)) from err
    if "\x00" in text:
        raise FileRefused(path, "not-text", tr('the file contains a NUL character: is it a text file?'))
    return text


# the message catalog reads its .mo files through this layer (see player.core.model.messages)
messages.reader[:] = [lambda path: read_bytes(path, "settings")]
