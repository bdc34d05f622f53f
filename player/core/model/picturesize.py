"""A picture's size in pixels, read from its header (PNG, JPEG, GIF, BMP) without decoding it.

A small file can hold a huge picture (a one-colour PNG of 30 000 × 30 000 pixels is about a
megabyte, and 3.6 GB once decoded), so the file-size cap of :mod:`player.core.model.files` is not
enough: the loader refuses a picture over :data:`MAX_PIXELS` before the show, and the card
drawer checks again before it decodes one. Reads through the one reading layer; any thread.
"""

from __future__ import annotations

import struct
from pathlib import Path

from player.core.model.files import FileRefused, read_head

__all__ = ["MAX_PIXELS", "picture_size", "too_many_pixels"]

#: 40 megapixels: a phone's photo fits (12–24 MP, 48 MP ones are binned to 12), a 4K frame is 8.3
MAX_PIXELS = 40_000_000
_HEAD = 256 * 1024      # a JPEG's size sits after its EXIF block, which may hold a thumbnail


def picture_size(path: str | Path) -> tuple[int, int] | None:
    """(width, height) from the header, or None for a format not read here or a header that
    cannot be read (the decoder then says what is wrong)."""
    try:
        head = read_head(path, _HEAD, "picture")
    except (FileRefused, OSError):
        return None
    if head[:8] == b"\x89PNG\r\n\x1a\n" and head[12:16] == b"IHDR":
        return struct.unpack(">II", head[16:24])
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return struct.unpack("<HH", head[6:10])
    if head[:2] == b"BM" and len(head) >= 26:
        w, h = struct.unpack("<ii", head[18:26])
        return abs(w), abs(h)
    if head[:2] == b"\xff\xd8":
        return _jpeg_size(head)
    return None


def _jpeg_size(head: bytes) -> tuple[int, int] | None:
    i = 2
    while i + 9 < len(head):
        if head[i] != 0xFF:
            return None
        marker = head[i + 1]
        if marker == 0xFF:                 # fill byte
            i += 1
            continue
        if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:   # markers with no length
            i += 2
            continue
        (length,) = struct.unpack(">H", head[i + 2:i + 4])
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):   # a start of frame
            h, w = struct.unpack(">HH", head[i + 5:i + 9])
            return w, h
        i += 2 + length
    return None


def too_many_pixels(path: str | Path) -> tuple[int, int] | None:
    """The size, when it is over :data:`MAX_PIXELS`; else None."""
    size = picture_size(path)
    return size if size is not None and size[0] * size[1] > MAX_PIXELS else None
