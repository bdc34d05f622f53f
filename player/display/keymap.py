"""The key map from the checked ``keys:`` settings and the keyboard/clicker handling built on it.

:class:`KeyMap` says which key names (pygame's names: ``right``, ``page down``, ``b``, ``.``,
``ctrl+q``) do what. :class:`Controls` turns one key press into at most one intent, with a
guard against double presses, number keys for "jump to step" and a confirmation before quit.
Times are seconds from the app's clock. Used by the app loop on the main thread only.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from player.core.model import intents as I
from player.core.model.settings import KEY_MODIFIERS, KeysSection

__all__ = ["KeyChord", "KeyMap", "Controls", "ACTIONS", "MODIFIER_KEYS", "known_key"]

#: Config action name → the intent it makes (the names are settings.KEY_ACTIONS).
ACTIONS: dict[str, type[I.Intent]] = {
    "next": I.Next, "back": I.Back, "blank": I.Blank, "panic": I.Panic,
    "tempo_up": I.TempoUp, "tempo_down": I.TempoDown,
    "transpose_up": I.TransposeUp, "transpose_down": I.TransposeDown,
    "start_pause": I.StartPause, "overlay": I.ToggleOverlay, "tap": I.Tap,
    "repeat_section": I.RepeatSection, "last_verse": I.LastVerse,
    "end_after_verse": I.EndAfterVerse, "guide": I.ToggleGuide, "songbook": I.Songbook, "quit": I.Quit,
}

_MODS = KEY_MODIFIERS

#: Keys that only modify another key (pygame's names). Pressed alone they are no key press at
#: all: Ctrl+Q twice is Ctrl down, Q, Ctrl up, Ctrl down, Q — the second Ctrl must not cancel.
MODIFIER_KEYS = frozenset({"left ctrl", "right ctrl", "left shift", "right shift", "left alt", "right alt",
                           "left meta", "right meta", "left super", "right super", "alt gr", "compose",
                           "caps lock", "numlock", "scroll lock"})


def known_key(name: str) -> bool:
    """Whether pygame knows the key name ``name`` (``right``, ``page down``, ``f2``, ``.``):
    the settings reader is handed this to check ``keys:`` before the show."""
    import warnings

    import pygame
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")      # "pygame.init() has not been called": not needed for names
        try:
            pygame.key.key_code(name)
        except ValueError:
            return False
    return True


@dataclass(frozen=True)
class KeyChord:
    """A key name with the modifiers that must be held (shift is ignored unless named)."""

    name: str
    mods: frozenset[str] = frozenset()

    @classmethod
    def parse(cls, text: str) -> "KeyChord":
        text = str(text).strip().lower()
        mods = set()
        while True:
            head, sep, tail = text.partition("+")
            if sep and head in _MODS and tail:
                mods.add(head)
                text = tail
            else:
                break
        return cls(text, frozenset(mods))

    def matches(self, name: str, char: str, mods: frozenset[str]) -> bool:
        if {"ctrl", "alt"} & mods != {"ctrl", "alt"} & self.mods:
            return False
        if "shift" in self.mods and "shift" not in mods:
            return False
        return self.name == name or (bool(char) and self.name == char)


@dataclass(frozen=True)
class KeyMap:
    """Which chords make which action, plus the double-press guard (seconds) and tempo step."""

    bindings: tuple[tuple[str, tuple[KeyChord, ...]], ...]
    double_press_guard_s: float
    tempo_step: float

    @classmethod
    def from_section(cls, keys: KeysSection | None = None) -> "KeyMap":
        """From the checked ``keys:`` section (default: the default keys)."""
        keys = keys or KeysSection()
        bindings = tuple((a, tuple(KeyChord.parse(n) for n in names)) for a, names in keys.bindings)
        return cls(bindings, keys.double_press_guard_s, keys.tempo_step)

    def action_for(self, name: str, char: str = "", mods: frozenset[str] = frozenset()) -> str | None:
        """The action bound to this key press, or None. ``name`` is ``pygame.key.name(key)``."""
        name = name.lower()
        for action, chords in self.bindings:
            if any(c.matches(name, char, mods) for c in chords):
                return action
        return None


@dataclass
class Controls:
    """Key presses → intents, with a double-press guard, step numbers and quit confirmation.

    :meth:`press` returns the intent to pass on, or None. A :class:`~player.core.model.intents.Quit`
    is only returned when quit was pressed twice (the first press sets ``confirming_quit``,
    which the app shows as a question; any other key cancels it and does nothing else; a
    modifier key alone, :data:`MODIFIER_KEYS`, is no key press and changes nothing).
    Number keys collect a step number (``pending_digits``); Return then makes ``GoToStep``.
    """

    keymap: KeyMap
    digit_timeout_s: float = 4.0
    confirming_quit: bool = False
    pending_digits: str = ""
    _last: dict[str, float] = field(default_factory=dict)
    _digits_at: float = 0.0

    def press(self, name: str, char: str = "", mods: frozenset[str] = frozenset(),
              now: float = 0.0) -> I.Intent | None:
        name = name.lower()
        if name in MODIFIER_KEYS and self.keymap.action_for(name, char, mods) is None:
            return None
        if self.pending_digits and now - self._digits_at > self.digit_timeout_s:
            self.pending_digits = ""
        action = self.keymap.action_for(name, char, mods)
        guard_key = action or f"key:{name}"
        last = self._last.get(guard_key)
        typing = _digit(name, char) is not None and action is None   # "11" is a step number, not a bounce
        if last is not None and now - last < self.keymap.double_press_guard_s and not typing:
            return None
        self._last[guard_key] = now
        if self.confirming_quit:
            self.confirming_quit = False
            return I.Quit(at=now) if action == "quit" else None
        if action == "quit":
            self.confirming_quit = True
            return None
        digit = _digit(name, char)
        if digit is not None and not mods & {"ctrl", "alt"}:
            self.pending_digits = (self.pending_digits + digit)[-3:]
            self._digits_at = now
            return None
        if self.pending_digits and name in ("return", "keypad enter"):
            number = int(self.pending_digits)
            self.pending_digits = ""
            return I.GoToStep(at=now, index=max(0, number - 1))
        if name == "backspace":
            self.pending_digits = ""
        if action is None:
            return None
        return ACTIONS[action](at=now)


def _digit(name: str, char: str) -> str | None:
    if len(name) == 1 and name.isdigit():
        return name
    if name.startswith("keypad ") and name[-1:].isdigit():
        return name[-1]
    if len(name) == 3 and name.startswith("[") and name[1].isdigit():
        return name[1]
    return None
