"""Lay out the large-print songbook on A4 with fpdf2 and return the PDF bytes.

Every word is set at the body size or larger (the title of a song at 1.5 times it), in Atkinson
Hyperlegible, the show's font (:func:`atkinson_font`, found as player/display/theme.py finds
it). The book opens with a table of contents; then each song starts on a new page with its
number, title and credits, and stays on one page when it fits; a longer song breaks between
verses (a verse taller than a page between lines) and repeats its title on the next page.
With ``chords`` the chord symbols stand in bold over the syllable where they change (over the
first verse and the first refrain), and each song says its key, metre and tempo: the pianist's copy.

Layout is planned first as rows (height + pieces of text), so the contents can name each song's
page before anything is drawn.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from fpdf import FPDF

from player.core.model.places import font_files

__all__ = ["render", "atkinson_font", "PAGE_W", "PAGE_H", "MARGIN"]

PAGE_W, PAGE_H = 595.28, 841.89      # A4 in points
MARGIN = 42.0                        # about 15 mm on every side
FONT = "Atkinson"
LEADING = 1.22                       # line height / font size for lyrics (large print: 1.2–1.5)
CHORD_LEADING = 1.1


def atkinson_font(bold: bool = False) -> Path:
    """The Atkinson Hyperlegible TTF of the PyPI package ``fontpkg-atkinson-hyperlegible``
    (the one font lookup: :func:`player.core.model.places.font_files`)."""
    fonts = font_files()
    return fonts.bold if bold else fonts.regular


@dataclass
class Row:
    height: float
    pieces: list[tuple[float, str, str, float]] = field(default_factory=list)   # (x, text, style, size)
    link_to: int | None = None       # a contents row links to this entry


class _Book(FPDF):
    def __init__(self, size: float):
        super().__init__(orientation="P", unit="pt", format="A4")
        self.size = size
        self.set_margins(MARGIN, MARGIN, MARGIN)
        self.set_auto_page_break(False)
        self.add_font(FONT, "", str(atkinson_font(False)))
        self.add_font(FONT, "B", str(atkinson_font(True)))
        fonts = font_files()           # the symbols Atkinson lacks (♩, ✓): the shipped DejaVu subset
        self.add_font("DejaVu", "", str(fonts.symbols))
        self.add_font("DejaVu", "B", str(fonts.symbols_bold))
        self.set_fallback_fonts(["DejaVu"])
        self.set_lang("nb")
        self.set_creator("Helsekor")

    def width(self, text: str, style: str = "", size: float | None = None) -> float:
        self.set_font(FONT, style, size or self.size)
        return self.get_string_width(text)

    def wrap(self, text: str, width: float, style: str = "", size: float | None = None) -> list[tuple[int, int]]:
        """Character ranges of ``text`` that fit ``width``, broken between words."""
        out, start, last_space = [], 0, -1
        for i, ch in enumerate(text):
            if ch == " ":
                if self.width(text[start:i], style, size) > width and last_space > start:
                    out.append((start, last_space))
                    start = last_space + 1
                last_space = i
        if self.width(text[start:], style, size) > width and last_space > start:
            out.append((start, last_space))
            start = last_space + 1
        out.append((start, len(text)))
        return out


def _text_rows(book: _Book, text: str, x: float, style: str, size: float) -> list[Row]:
    rows = []
    for a, b in book.wrap(text, PAGE_W - MARGIN - x, style, size):
        rows.append(Row(size * LEADING, [(x, text[a:b], style, size)]))
    return rows


def _line_rows(book: _Book, line, x: float, label: str, chords: bool) -> list[Row]:
    """One lyric line (wrapped if it must be), with its chords above it on the pianist's copy."""
    s = book.size
    rows = []
    parts = book.wrap(line.text, PAGE_W - MARGIN - x)
    for k, (a, b) in enumerate(parts):
        if chords:
            row, right = Row(s * CHORD_LEADING), -1.0
            last = k == len(parts) - 1
            for index, name in line.chords:
                if a <= index < b or (last and index >= b):
                    cx = max(x + book.width(line.text[a:min(index, b)]), right)
                    row.pieces.append((cx, name, "B", s))
                    right = cx + book.width(name, "B") + s * 0.3
            if row.pieces:
                rows.append(row)
        row = Row(s * LEADING, [(x, line.text[a:b], "", s)])
        if k == 0 and label:
            row.pieces.append((MARGIN, label, "B", s))
        rows.append(row)
    return rows


def _song_units(book: _Book, song, chords: bool) -> list[list[Row]]:
    """Rows of each section (a unit kept on one page when it can be), in the order first sung."""
    s = book.size
    indent = book.width("10. ", "B")
    seen, units, verse, kinds_with_chords = set(), [], 0, set()
    for sid in song.order or tuple(sec.id for sec in song.sections):
        if sid in seen:
            continue
        seen.add(sid)
        section = song.section(sid)
        # the pianist needs the chords once: over the first verse (and the first refrain)
        with_chords = chords and section.kind not in kinds_with_chords and any(ln.chords for ln in section.lines)
        if with_chords:
            kinds_with_chords.add(section.kind)
        rows: list[Row] = []
        if section.kind == "verse":
            verse += 1
            label = f"{verse}."
        else:
            rows += _text_rows(book, f"{section.name}:", MARGIN + indent, "B", s)
            label = ""
        for i, line in enumerate(section.lines):
            rows += _line_rows(book, line, MARGIN + indent, label if i == 0 else "", with_chords)
        rows.append(Row(s * 0.6))
        units.append(rows)
    return units


def _header(book: _Book, entry, chords: bool, more: bool = False) -> list[Row]:
    s = book.size
    title = f"{entry.number}. {entry.song.title}" + (" (forts.)" if more else "")
    rows = _text_rows(book, title, MARGIN, "B", s * 1.5)
    if more:
        return rows + [Row(s * 0.4)]
    if entry.song.credits:
        rows += _text_rows(book, entry.song.credits, MARGIN, "", s)
    if chords:
        song = entry.song
        rows += _text_rows(book, f"Toneart {song.key} · {song.meter}-takt · tempo {song.tempo:g}", MARGIN, "", s)
    return rows + [Row(s * 0.6)]


def _paginate_song(book: _Book, entry, chords: bool, room: float) -> list[list[Row]]:
    pages, page = [], _header(book, entry, chords)
    used = sum(r.height for r in page)
    for unit in _song_units(book, entry.song, chords):
        height = sum(r.height for r in unit)
        fits_alone = height <= room - sum(r.height for r in _header(book, entry, chords, more=True))
        if used + height > room and (fits_alone or used + unit[0].height > room):
            pages.append(page)
            page = _header(book, entry, chords, more=True)
            used = sum(r.height for r in page)
        for row in unit:
            if used + row.height > room:                  # a section taller than a page: break it
                pages.append(page)
                page = _header(book, entry, chords, more=True)
                used = sum(r.height for r in page)
            page.append(row)
            used += row.height
    pages.append(page)
    return pages


def _contents(book: _Book, entries, subtitle: str, starts: dict[int, int], room: float) -> list[list[Row]]:
    s = book.size
    head = _text_rows(book, "Sangbok", MARGIN, "B", s * 1.5)
    if subtitle:
        head += _text_rows(book, subtitle, MARGIN, "", s)
    head.append(Row(s * 0.6))
    pages, page = [], list(head)
    used = sum(r.height for r in head)
    width = PAGE_W - 2 * MARGIN - book.width("side 999") - s    # the page number has the right edge
    for k, entry in enumerate(entries):
        title = f"{entry.number}. {entry.song.title}"
        rows = [Row(s * LEADING, [(MARGIN, title[a:b], "", s)]) for a, b in book.wrap(title, width)]
        page_text = f"side {starts.get(k, 0)}"
        rows[-1].pieces.append((PAGE_W - MARGIN - book.width(page_text), page_text, "", s))
        rows[0].link_to = k
        height = sum(r.height for r in rows)
        if used + height > room:
            pages.append(page)
            page, used = [], 0.0
        page += rows
        used += height
    pages.append(page)
    return pages


def render(entries, *, subtitle: str = "", chords: bool = False, size: float = 20.0) -> bytes:
    """The whole book as PDF bytes (entries: objects with ``number`` and ``song``)."""
    book = _Book(size)
    book.set_title("Sangbok – pianist" if chords else "Sangbok")
    room = PAGE_H - 2 * MARGIN - size * 1.6             # the page number sits in the bottom margin
    song_pages = [_paginate_song(book, e, chords, room) for e in entries]
    toc_count = len(_contents(book, entries, subtitle, {}, room))
    starts, page_no = {}, toc_count + 1
    for k, pages in enumerate(song_pages):
        starts[k] = page_no
        page_no += len(pages)
    links = [book.add_link(page=starts[k]) for k in range(len(entries))]
    for page in _contents(book, entries, subtitle, starts, room):
        _draw(book, page, links)
    for pages in song_pages:
        for page in pages:
            _draw(book, page, links)
    return bytes(book.output())


def _draw(book: _Book, rows: list[Row], links: list[int]) -> None:
    book.add_page()
    y = MARGIN
    for row in rows:
        for x, text, style, size in row.pieces:
            book.set_font(FONT, style, size)
            book.set_xy(x, y)
            book.cell(book.get_string_width(text) + 0.5, row.height, text,
                      link=links[row.link_to] if row.link_to is not None else "")
        y += row.height
    book.set_font(FONT, "", book.size)
    number = str(book.page_no())
    book.set_xy((PAGE_W - book.get_string_width(number)) / 2, PAGE_H - MARGIN - book.size * 0.4)
    book.cell(book.get_string_width(number) + 0.5, book.size * 1.2, number)
