"""The settings as typed values: one frozen dataclass per section of ``config.yaml``, with every
default in this file and nowhere else (a test checks that the shipped config.yaml agrees).

:func:`player.core.script.settings.read_settings` reads and checks the files into a
:class:`Settings` once; the composition root hands the sections to the constructors that need
them. Units are in the field names (``_ms``, ``_m``, ``_deg``); colours are RGB tuples.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Mapping

__all__ = [
    "Colour", "Settings", "DisplaySection", "RoomSection", "ThemeColours", "LyricsSection",
    "KeysSection", "PedalBinding", "MidiSection", "PianistSection", "AudioSection", "ServeSection",
    "BUILTIN_THEMES", "KEY_ACTIONS", "KEY_MODIFIERS", "PEDAL_ACTIONS", "COUNT_IN_NOTE", "MIN_CONTRAST",
    "relative_luminance", "contrast_ratio",
]

Colour = tuple[int, int, int]

#: WCAG AAA contrast for normal text; every colour of a theme must reach it on the background.
MIN_CONTRAST = 7.0
#: The drum note of the count-in clicks (37 = side stick in General MIDI).
COUNT_IN_NOTE = 37


def relative_luminance(c: Colour) -> float:
    """WCAG 2 relative luminance of an sRGB colour (0 = black, 1 = white)."""
    def channel(v: int) -> float:
        s = v / 255.0
        return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(v) for v in c[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(a: Colour, b: Colour) -> float:
    """WCAG contrast ratio between two colours, 1–21."""
    la, lb = relative_luminance(a), relative_luminance(b)
    hi, lo = max(la, lb), min(la, lb)
    return (hi + 0.05) / (lo + 0.05)


@dataclass(frozen=True)
class DisplaySection:
    """``display:`` — where and how the projector view (and the pianist window) open."""

    index: int = 0                          # screen number of the projector view
    windowed: bool = False
    size: tuple[int, int] = (1920, 1080)    # window size in pixels when windowed
    fps: int = 60
    pianist_window: str | bool = "auto"     # "auto" (only with a second screen), True or False
    pianist_display: str | int = "auto"     # "auto" (a screen the projector is not on) or a number


@dataclass(frozen=True)
class RoomSection:
    """``room:`` — the farthest seat and the picture's width set the smallest x-height."""

    farthest_viewer_m: float = 10.0
    screen_width_m: float = 3.0
    min_x_height_deg: float = 0.4


@dataclass(frozen=True)
class ThemeColours:
    """One entry of ``themes:``; every foreground reaches :data:`MIN_CONTRAST` on ``background``."""

    background: Colour
    text: Colour
    dim: Colour
    highlight: Colour
    accent: Colour
    notice: Colour

    FOREGROUNDS = ("text", "dim", "highlight", "accent", "notice")
    KEYS = ("background",) + FOREGROUNDS


BUILTIN_THEMES: Mapping[str, ThemeColours] = MappingProxyType({
    "dark": ThemeColours((0x10, 0x14, 0x18), (0xFF, 0xFF, 0xFF), (0xC8, 0xCD, 0xD2), (0xFF, 0xD8, 0x4A),
                         (0x7F, 0xD4, 0xFF), (0xFF, 0xB0, 0xA0)),
    "light": ThemeColours((0xFF, 0xFF, 0xFF), (0x00, 0x00, 0x00), (0x33, 0x38, 0x3D), (0x0B, 0x3D, 0x91),
                          (0x0B, 0x52, 0xA0), (0x8A, 0x1C, 0x00)),
})


@dataclass(frozen=True)
class LyricsSection:
    """``lyrics:`` — how big and how many lines, and what is highlighted."""

    size: str = "fill"          # fill | room
    highlight: str = "word"     # off | line | word
    max_lines: int = 4


#: Every key action in ``keys:`` with its default key names (pygame's names).
_DEFAULT_BINDINGS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("next", ("right", "page down", "space", "down")), ("back", ("left", "page up", "up")),
    ("blank", ("b", ".")), ("panic", ("escape",)), ("tempo_up", ("+", "=", "keypad +")),
    ("tempo_down", ("-", "keypad -")), ("transpose_up", ("]",)), ("transpose_down", ("[",)),
    ("start_pause", ("p", "return")), ("overlay", ("tab",)), ("tap", ("t",)), ("repeat_section", ("r",)),
    ("last_verse", ("l",)), ("end_after_verse", ("e",)), ("guide", ("g",)), ("songbook", ("s",)),
    ("quit", ("ctrl+q",)),
)
KEY_ACTIONS: tuple[str, ...] = tuple(a for a, _ in _DEFAULT_BINDINGS)
#: Modifiers a key name may start with, as in ``ctrl+q``.
KEY_MODIFIERS: tuple[str, ...] = ("ctrl", "alt", "shift")


@dataclass(frozen=True)
class KeysSection:
    """``keys:`` — which key names make which action, the double-press guard and the tempo step."""

    bindings: tuple[tuple[str, tuple[str, ...]], ...] = _DEFAULT_BINDINGS
    double_press_guard_ms: float = 300
    tempo_step: float = 0.05        # one tempo key press changes the speed by this fraction

    @property
    def double_press_guard_s(self) -> float:
        return self.double_press_guard_ms / 1000.0


#: The intents a MIDI pedal or key can make (``midi.pedal``); player.midi.control maps them.
PEDAL_ACTIONS: tuple[str, ...] = (
    "next", "back", "tap", "start_pause", "start", "panic", "blank", "tempo_up", "tempo_down",
    "transpose_up", "transpose_down", "repeat_section", "last_verse", "end_after_verse",
)


@dataclass(frozen=True)
class PedalBinding:
    """One ``midi.pedal`` entry: a controller press or a note (channel 1–16, or any) makes ``action``."""

    action: str
    control: int | None = None
    note: int | None = None
    channel: int | None = None

    def spec(self) -> dict[str, int]:
        """The ``{control: N}`` / ``{note: N, channel: C}`` form player.midi.control reads."""
        out = {"control": self.control} if self.control is not None else {"note": self.note}
        if self.channel is not None:
            out["channel"] = self.channel
        return out  # type: ignore[return-value]


@dataclass(frozen=True)
class MidiSection:
    """``midi:`` — ports, the built-in synth's SoundFont, the count-in and the guide melody."""

    output: str = ""                # part of a port name; empty = the built-in synth
    input: str = ""                 # port for pedals and MIDI Clock; empty = none
    soundfont: str = ""             # empty = the SoundFont Helsekor ships (media/soundfonts/)
    synth: str = "auto"             # the built-in synth's engine: auto, fluidsynth, tinysoundfont
    count_in_bars: int = 1
    count_in_note: int = COUNT_IN_NOTE
    guide_channel: int = 1          # 1–16
    guide_muted: bool = False
    send_clock: bool = False
    volume: float = 0.8             # 0–1
    pedal: tuple[PedalBinding, ...] = (PedalBinding("next", control=67), PedalBinding("back", control=66),
                                       PedalBinding("tap", note=21))

    def pedal_map(self) -> dict[str, dict[str, int]]:
        return {b.action: b.spec() for b in self.pedal}


@dataclass(frozen=True)
class PianistSection:
    """``pianist:`` — the pianist window and a live pianist leading the song."""

    size: tuple[int, int] = (1280, 800)
    switch_lead_key: str = "f2"
    pedal_key: str = ""
    long_press_ms: float = 600      # a pedal press this long goes back
    clock_in: bool = True

    @property
    def long_press_s(self) -> float:
        return self.long_press_ms / 1000.0


@dataclass(frozen=True)
class ServeSection:
    """``serve:`` — pages for phones and tablets in the room (:mod:`player.serve`). Off unless
    asked for; ``serve: true`` is short for ``serve: {enabled: true}``."""

    enabled: bool = False
    port: int = 8750                # 0: any free port
    max_clients: int = 100          # pages connected at once
    messages_per_second: float = 10 # what one client may send; more is refused (429)


@dataclass(frozen=True)
class AudioSection:
    """``audio:`` — the display/audio offset, the synth's rate and VLC's audio output."""

    latency_ms: float = 0
    sample_rate: int = 44100
    vlc_output: str = "auto"

    @property
    def latency_s(self) -> float:
        return self.latency_ms / 1000.0


def _state_dir() -> Path:
    from player.core.model.places import user_places
    return user_places().state


def _log_dir() -> Path:
    from player.core.model.places import user_places
    return user_places().logs


@dataclass(frozen=True)
class Settings:
    """All of config.yaml (with the user's file on top), checked. ``catalog`` is ``texts:``, the
    choir's own words: language → {key: words}; :meth:`texts` gives one language, the message
    catalog's words with these on top."""

    version: int = 1
    display: DisplaySection = DisplaySection()
    room: RoomSection = RoomSection()
    theme: str = "dark"
    themes: Mapping[str, ThemeColours] = field(default_factory=lambda: BUILTIN_THEMES)
    lyrics: LyricsSection = LyricsSection()
    keys: KeysSection = KeysSection()
    midi: MidiSection = MidiSection()
    pianist: PianistSection = PianistSection()
    audio: AudioSection = AudioSection()
    serve: ServeSection = ServeSection()
    language: str = "nb"
    catalog: Mapping[str, Mapping[str, str]] = field(default_factory=lambda: MappingProxyType({}))
    library: tuple[Path, ...] = ()
    state_dir: Path = field(default_factory=_state_dir)    # the user's state folder (places.py)
    log_dir: Path = field(default_factory=_log_dir)        # the user's log folder (places.py)
    files: tuple[Path, ...] = ()    # the files read, project's first

    @property
    def colours(self) -> ThemeColours:
        """The colours of the chosen theme (the reader made sure it exists)."""
        return self.themes[self.theme]

    @property
    def library_dirs(self) -> tuple[Path, ...]:
        return self.library

    def texts(self, language: str | None = None) -> dict[str, str]:
        """The words the program shows, in ``language`` (default: ``language:``): the message
        catalog's (:mod:`player.core.model.messages`), with the choir's own ``texts:`` of that
        language on top. One language at a time: no other language's words fill a gap."""
        from player.core.model import messages

        wanted = messages.chosen_language(language or self.language)
        out = messages.texts(wanted)
        for given in dict.fromkeys((language or self.language, wanted)):
            out.update(self.catalog.get(given, {}))
        return out
