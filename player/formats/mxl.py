"""Open a compressed MusicXML file (.mxl, a zip archive) with limits.

Only the members needed are read: ``META-INF/container.xml`` and the score it names (else the
first ``.xml``/``.musicxml`` member). Limits: at most :data:`MAX_MEMBERS` members, the score
at most :data:`MAX_XML` bytes once inflated and at most :data:`MAX_RATIO` times its compressed
size, counted while inflating (the sizes in the zip headers are not trusted). An encrypted
member, a compression method other than stored/deflate/bzip2/LZMA, bad compressed data or a
broken archive gives a :class:`~player.core.model.errors.ScriptError` naming the file.
"""

from __future__ import annotations

import io
import lzma
import zipfile
import zlib
from pathlib import Path

from player.core.model.errors import ScriptError
from player.core.model.messages import tr

__all__ = ["read_mxl", "MAX_MEMBERS", "MAX_XML", "MAX_RATIO"]

MAX_MEMBERS = 1000
MAX_XML = 4 * 1024 * 1024        # as a .musicxml file (player.formats.safeio.LIMITS)
MAX_RATIO = 200                  # XML deflates 5–20 times; a bomb thousands of times
_METHODS = {zipfile.ZIP_STORED: "ingen", zipfile.ZIP_DEFLATED: "deflate", zipfile.ZIP_BZIP2: "bzip2",
            zipfile.ZIP_LZMA: "lzma"}
_CHUNK = 256 * 1024


def _member(path: Path, archive: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int) -> bytes:
    if info.flag_bits & 0x1:
        raise ScriptError.single(path, tr('the compressed MusicXML file is encrypted ({filename}); save it again without a password', filename=info.filename))
    if info.compress_type not in _METHODS:
        raise ScriptError.single(path, tr('{filename} is compressed with a method that is not supported (number {compress_type}); save the file again from the notation program', filename=info.filename, compress_type=info.compress_type))
    cap = min(limit, max(MAX_RATIO * max(info.compress_size, 1), 1024 * 1024))
    out = io.BytesIO()
    with archive.open(info) as stream:
        while True:
            chunk = stream.read(_CHUNK)
            if not chunk:
                break
            if out.tell() + len(chunk) > cap:
                why = tr("more than {mb} MB", mb=cap // 1024 // 1024) if cap == limit else \
                    tr("more than {ratio} times its packed size", ratio=MAX_RATIO)
                raise ScriptError.single(path, tr('{filename} unpacks to {why} (a «zip bomb» or a far too big score); the file is not read', filename=info.filename, why=why))
            out.write(chunk)
    return out.getvalue()


def read_mxl(path: Path, data: bytes) -> bytes:
    """The score XML inside the .mxl archive ``data`` (read from ``path``, named in errors)."""
    import xml.etree.ElementTree as ET

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
            if len(infos) > MAX_MEMBERS:
                raise ScriptError.single(path, tr('the compressed file has {n} members (at most {MAX_MEMBERS}); is it a MusicXML file?', n=len(infos), MAX_MEMBERS=MAX_MEMBERS))
            by_name = {info.filename: info for info in infos}
            target = None
            if "META-INF/container.xml" in by_name:
                container = ET.fromstring(_member(path, archive, by_name["META-INF/container.xml"], 1024 * 1024))
                rootfile = next((e for e in container.iter() if isinstance(e.tag, str) and e.tag.endswith("rootfile")),
                                None)
                target = rootfile.get("full-path") if rootfile is not None else None
            if not target or target not in by_name:
                target = next((n for n in by_name if n.endswith((".xml", ".musicxml")) and not n.startswith("META-INF")),
                              None)
            if target is None:
                raise ScriptError.single(path, tr('the compressed MusicXML file (.mxl) holds no score file'))
            return _member(path, archive, by_name[target], MAX_XML)
    except ScriptError:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ET.ParseError, KeyError, EOFError, ValueError, OverflowError,
            NotImplementedError, RuntimeError, zlib.error, lzma.LZMAError, OSError) as err:
        raise ScriptError.single(path, tr("a broken .mxl file (zip): {error}", error=f"{type(err).__name__}: {err}")[:300]) from err
