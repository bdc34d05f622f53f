"""A picture too big in pixels (however small its file) is refused before the show and never
decoded in a frame; ordinary pictures in every format read here pass."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

import pygame
import pytest

from player.core.model.errors import ScriptError
from player.core.model.picturesize import MAX_PIXELS, picture_size, too_many_pixels
from player.core.script.loader import load_session
from player.display.scenes.cards import load_picture


def _huge_png(path: Path, w: int = 30000, h: int = 30000) -> Path:
    """A real one-bit PNG of w × h pixels: about 110 kB on disk, 3.6 GB as RGBA."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    row = b"\x00" + bytes((w + 7) // 8)
    raw = zlib.compress(row * h, 9)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 1, 0, 0, 0, 0))
                     + chunk(b"IDAT", raw) + chunk(b"IEND", b""))
    return path


@pytest.mark.parametrize("suffix", ["png", "jpg", "bmp"])
def test_the_size_of_an_ordinary_picture_is_read_from_its_header(tmp_path, suffix):
    path = tmp_path / f"bilde.{suffix}"
    pygame.image.save(pygame.Surface((640, 360)), str(path))
    assert picture_size(path) == (640, 360)
    assert too_many_pixels(path) is None


def test_a_gif_header_is_read(tmp_path):
    path = tmp_path / "bilde.gif"
    path.write_bytes(b"GIF89a" + struct.pack("<HH", 320, 200) + b"\x00" * 10)
    assert picture_size(path) == (320, 200)


def test_a_small_file_with_a_huge_picture_is_refused_by_check_at_its_line(tmp_path):
    _huge_png(tmp_path / "stor.png")
    assert (tmp_path / "stor.png").stat().st_size < 1_000_000 and 30000 * 30000 > MAX_PIXELS
    (tmp_path / "exercises").mkdir()
    (tmp_path / "exercises" / "strekk.yaml").write_text(
        "version: 1\ntitle: Strekk\nkind: card\ninstructions: [Strekk deg]\npicture: ../stor.png\n", encoding="utf-8")
    (tmp_path / "okt.yaml").write_text("version: 1\ntitle: Prøve\nsteps:\n  - exercise: strekk\n", encoding="utf-8")
    with pytest.raises(ScriptError) as err:
        load_session(tmp_path / "okt.yaml")
    text = str(err.value)
    assert "strekk.yaml:5:" in text and "30000 x 30000" in text, text


@pytest.mark.timeout(20)
def test_the_card_drawer_does_not_decode_a_huge_picture(tmp_path):
    assert load_picture(_huge_png(tmp_path / "stor.png"), (800, 600)) is None
    ok = tmp_path / "ok.png"
    pygame.image.save(pygame.Surface((200, 100)), str(ok))
    assert load_picture(ok, (400, 400)).get_size() == (400, 200)
