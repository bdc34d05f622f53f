"""Where each part of the conductor's console goes, for one window size: pure geometry.

The window is cut into a state band on top (the state of the show, the song, who leads), a
button bar at the bottom (every key action, for the mouse or touchpad), and three columns
between them: the run sheet, the pianist's part, and the conductor's column (tempo, what
comes next, the step's notes, notices). Sizes are pixels and follow the window's height
(``u`` is one unit, 1/32 of it), so 1280×800 and 1366×768 both hold everything whole.
Pure; any thread.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["BUTTONS", "STATE_COLOURS", "ConsoleLayout", "console_layout"]

#: The buttons, two rows, each a key action (player/display/keymap.py ACTIONS, and the pianist's
#: ``switch_lead``) and its label key ``console_btn_<action>``.
BUTTONS: tuple[tuple[str, ...], ...] = (
    ("back", "next", "start_pause", "blank", "panic", "songbook", "overlay", "switch_lead"),
    ("tempo_down", "tempo_up", "transpose_down", "transpose_up", "guide", "tap", "repeat_section",
     "last_verse", "end_after_verse"),
)

#: The state band's colour per state of the show (background; the words are drawn in white or black).
STATE_COLOURS: dict[str, tuple[tuple[int, int, int], tuple[int, int, int]]] = {
    "playing": ((32, 128, 64), (255, 255, 255)),
    "count_in": ((20, 120, 130), (255, 255, 255)),
    "paused": ((230, 160, 20), (0, 0, 0)),
    "panic": ((200, 30, 30), (255, 255, 255)),
    "blank": ((70, 70, 80), (255, 255, 255)),
    "held": ((40, 90, 170), (255, 255, 255)),
    "finished": ((40, 90, 170), (255, 255, 255)),
    "songbook": ((120, 60, 150), (255, 255, 255)),
    "confirm_end": ((230, 160, 20), (0, 0, 0)),
}

Rect = tuple[int, int, int, int]


@dataclass(frozen=True)
class ConsoleLayout:
    size: tuple[int, int]
    u: int                          # the unit (pixels)
    band: Rect                      # the state band
    sheet: Rect                     # the run sheet
    part: Rect                      # the pianist's part
    side: Rect                      # tempo, next, notes, notices
    buttons: tuple[tuple[str, Rect], ...]


def console_layout(size: tuple[int, int]) -> ConsoleLayout:
    w, h = size
    u = max(10, h // 32)
    gap = max(4, u // 2)
    band_h = round(3.2 * u)
    row_h = round(2.0 * u)
    bar_h = len(BUTTONS) * row_h + (len(BUTTONS) - 1) * gap // 2
    band = (0, 0, w, band_h)
    top = band_h + gap
    bottom = h - bar_h - gap
    mid_h = bottom - top - gap
    sheet_w = round(w * 0.27)
    side_w = round(w * 0.27)
    part_w = w - sheet_w - side_w - 4 * gap
    sheet = (gap, top, sheet_w, mid_h)
    part = (2 * gap + sheet_w, top, part_w, mid_h)
    side = (3 * gap + sheet_w + part_w, top, side_w, mid_h)
    buttons = []
    y = bottom + gap // 2
    for row in BUTTONS:
        bw = (w - gap * (len(row) + 1)) // len(row)
        for k, action in enumerate(row):
            buttons.append((action, (gap + k * (bw + gap), y, bw, row_h)))
        y += row_h + gap // 2
    return ConsoleLayout(size, u, band, sheet, part, side, tuple(buttons))
