"""Making one frame's :class:`~player.core.show.snapshot.Snapshot` from the show's state.

Only reads: a part that fails (an act's fields, the pianist's view) is left plain and returned
as a problem, which ``Runner.tick()`` reports (and, for a failing act, replaces the act).
Pure; main thread only.
"""

from __future__ import annotations

from player.core.model.data import Song
from player.core.model.keyname import transpose_chord, transpose_key, uses_flats
from player.core.show.acts import Act
from player.core.show.modes import Blanked, ConfirmingEnd, ModeStack, Overlaid, Phase, Picking
from player.core.show.snapshot import LyricLine, Snapshot
from player.core.show.songact import SongAct
from player.core.show.views import ShowState, overlay, pianist_info
from player.core.show.words import say

__all__ = ["build_snapshot", "Problem"]

#: (what to tell the conductor, the error, whether the act must be replaced)
Problem = tuple[str, BaseException, bool]


def build_snapshot(state: ShowState, act: Act | None, phase: Phase, modes: ModeStack, songbook: tuple[Song, ...],
                   now: float) -> tuple[Snapshot, list[Problem]]:
    texts = state.texts
    steps = state.session.steps
    index = state.index
    problems: list[Problem] = []
    nxt = steps[index + 1].title if index + 1 < len(steps) else ""
    confirm = (say(texts, "end_confirm"), say(texts, "quit_hint")) if modes.has(ConfirmingEnd) else ()
    show_state = _show_state(phase, state.panicked)
    calm = say(texts, "calm_card") if show_state == "panic" or (show_state == "paused" and state.pause_card) else ""
    common = dict(step_index=index, step_count=len(steps), blank=modes.has(Blanked), paused=phase is Phase.PAUSED,
                  notices=state.notices, next_title=nxt, tempo_scale=state.tempo_scale, transpose=state.transpose,
                  overlay=overlay(state, now) if modes.has(Overlaid) else None, confirm_quit=confirm,
                  show_state=show_state, notes=_notes(state.step.note) if not state.finished else (),
                  notice_items=state.notice_items, notice_history=state.notice_history, run_sheet=state.run_sheet,
                  drift_s=state.drift_s, calm_text=calm)
    last = steps[-1] if steps else None
    if modes.has(Picking):
        return Snapshot(scene="songbook", title=say(texts, "songbook"),
                        body=tuple(f"{k}  {song.title}" for k, song in enumerate(songbook, 1)), **common), problems
    if phase is Phase.FINISHED or (phase is Phase.HELD and not nxt):
        if last is not None and last.kind == "text":
            # the script has its own last card: it is the closing card (no second thank-you)
            return Snapshot(scene="title", title=last.text or last.title, subtitle=last.subtitle,
                            pianist=pianist_info(state, now, {}, None), **common), problems
        return Snapshot(scene="title", title=say(texts, "end"), subtitle=state.session.title,
                        pianist=pianist_info(state, now, {}, None), **common), problems
    if phase is Phase.HELD:
        return Snapshot(scene="next_up", title=say(texts, "next_up", title=nxt), subtitle="",
                        pianist=pianist_info(state, now, {}, None), **common), problems
    plain = {"scene": "title", "title": steps[index].title}
    try:
        fields = act.fields() if act is not None else plain
    except Exception as err:  # noqa: BLE001 - the step goes on; tick() replaces the act
        problems.append((say(texts, "view_failed", n=index + 1), err, True))
        fields, act = dict(plain), None
    try:
        pianist = pianist_info(state, now, fields, act)
    except Exception as err:  # noqa: BLE001 - the pianist view is extra: never stop for it
        problems.append((say(texts, "pianist_failed"), err, False))
        pianist = None
    semis = state.transpose
    if semis and fields.get("lines") and isinstance(act, SongAct):
        flats = uses_flats(transpose_key(act.step.song.key, semis))
        fields["lines"] = tuple(LyricLine(ln.text, ln.state, ln.highlight_chars,
                                          tuple((i, transpose_chord(c, semis, flats)) for i, c in ln.chords),
                                          ln.start_beat) for ln in fields["lines"])
    return Snapshot(**fields, pianist=pianist, **common), problems


def _show_state(phase: Phase, panicked: bool) -> str:
    if phase is Phase.PAUSED:
        return "panic" if panicked else "paused"
    return phase.value


def _notes(note: str) -> tuple[str, ...]:
    """A step's ``note:`` as lines for the console (blank lines dropped)."""
    return tuple(line.strip() for line in note.splitlines() if line.strip())
