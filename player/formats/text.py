"""Read a lyric text file whatever its encoding, with errors that name the file.

Order tried: a byte-order mark (UTF-8/UTF-16), strict UTF-8, then CP1252 (Windows Western,
a superset of Latin-1 for text), then Latin-1 (never fails). Binary data (NUL bytes without a
UTF-16 mark) is refused with a :class:`~player.core.model.errors.ScriptError`.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from player.core.model.messages import tr
from player.core.model.errors import ScriptError
from player.formats.safeio import SOURCE_LIMIT, read_limited

__all__ = ["read_text", "decode_text", "clean_text", "clean_block"]

# What a YAML file may not hold (PyYAML's reader refuses it) or would read as a line break:
# C0/C1 controls, DEL, NEL, the Unicode line/paragraph separators, lone surrogates, U+FFFE/FFFF.
_UNPRINTABLE = re.compile("[^\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufeff\uff00-\ufffd\U00010000-\U0010ffff]")
_SPACES = re.compile(r"\s+")


def clean_text(text: str) -> str:
    """One line of text a song file can hold: controls, NUL, surrogates and line breaks become
    spaces, runs of white space one space, no space at the ends (BOM and U+FFF0-FFFF go too)."""
    return _SPACES.sub(" ", _UNPRINTABLE.sub(" ", str(text).replace("\ufeff", " "))).strip()


def clean_block(text: str) -> list[str]:
    """A comment of several lines, each cleaned as :func:`clean_text`."""
    return [clean_text(part) for part in str(text).split("\n")]


def decode_text(data: bytes) -> tuple[str, str]:
    """Decode ``data``; returns ``(text, encoding)``. Raises ``ValueError`` for binary data."""
    for bom, name in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(name), name
            except UnicodeDecodeError as err:
                raise ValueError(tr("invalid {encoding} at byte {at}", encoding=name, at=err.start)) from err
    if b"\x00" in data:
        where = data.index(b"\x00")
        raise ValueError(tr("binary data (a NUL byte at byte {at}); this is not a text file", at=where))
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"


def read_text(path: Path, limit: int = SOURCE_LIMIT) -> str:
    """The text of ``path``; CRLF and CR become LF."""
    data = read_limited(path, limit)
    try:
        text, _ = decode_text(data)
    except ValueError as err:
        raise ScriptError.single(path, str(err)) from err
    return text.replace("\r\n", "\n").replace("\r", "\n")
