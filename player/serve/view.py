"""The small JSON view of one frame that the phones and tablets draw: built on the main thread
from the same :class:`~player.core.show.snapshot.Snapshot` the projector draws and the console's
:class:`~player.core.show.console.ConsoleInfo`, as two texts: the public one (lyrics, stage) and
the one for a client that gave the PIN (with the step's ``note:`` lines and the run sheet).
Pure: no file, path, log or setting goes in; only words already on a screen."""

from __future__ import annotations

import json

from player.core.show.console import ConsoleInfo
from player.core.show.snapshot import Snapshot

__all__ = ["view_of", "texts_of"]


def _line(snap: Snapshot, *states: str) -> str:
    return next((ln.text for ln in snap.lines if ln.state in states and ln.text), "")


def view_of(snap: Snapshot, info: ConsoleInfo) -> dict:
    """The frame as plain data (no timing: :func:`texts_of` stamps it)."""
    p = snap.pianist
    current = _line(snap, "current")
    following = next((ln.text for ln in snap.lines if ln.state in ("next", "upcoming") and ln.text), "")
    if not current and snap.lines:          # between two lines: the next one is where the eye goes
        current, following = following, next((ln.text for ln in snap.lines
                                               if ln.state == "upcoming" and ln.text and ln.text != following), "")
    card = {"title": snap.title, "subtitle": snap.subtitle, "body": list(snap.body[:3]),
            "countdown": snap.countdown_text, "breath": snap.breath.label if snap.breath else "",
            "call": snap.call_response}
    return {
        "step": snap.step_index, "count": snap.step_count, "scene": snap.scene, "title": snap.title,
        "section": snap.section_label, "line": current, "next_line": following, "singing": bool(current),
        "blank": snap.blank, "card": card, "next": info.next_text,
        "state": info.state, "state_text": info.state_text,
        "stage": {"key": (p.key_text or p.key) if p else snap.key, "tempo": info.tempo_text,
                  "bpm": round(p.bpm) if p and p.bpm else 0, "meter": p.meter if p else "",
                  "bar": p.bar_beat if p else "", "count_in": p.count_in if p else None,
                  "lead": info.lead_text, "part_label": info.part_label,
                  "part": [{"bar": ln.bar, "text": ln.text, "chords": [list(c) for c in ln.chords], "state": ln.state}
                           for ln in info.part],
                  "intro": info.intro_text, "ending": info.ending_text, "next_section": info.next_section,
                  "round": info.round_text, "next_steps": list(p.next_steps) if p else []},
    }


def texts_of(view: dict, seq: int, at: float, notes: tuple[str, ...], sheet: list) -> tuple[str, str]:
    """(public JSON, controller JSON) of ``view``: ``seq`` counts the views, ``at`` is the wall
    clock (seconds) of the frame they show, for the lag a page measures."""
    base = dict(view, seq=seq, at=at)
    public = json.dumps(base, ensure_ascii=False, separators=(",", ":"))
    control = json.dumps(dict(base, notes=list(notes), sheet=sheet), ensure_ascii=False, separators=(",", ":"))
    return public, control
