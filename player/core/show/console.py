"""What the conductor's console shows beyond the snapshot: the state of the show in one word,
the run sheet (planned against actual), the step's ``note:`` lines, a short notice history,
and the pianist's part (the whole section with chords and bar numbers, intro and ending
length, the next section, the round of a pulse exercise).

The runner's snapshot carries the run sheet, the drift, the ``note:`` lines, the notice
history and the show state (``run_sheet``, ``drift_s``, ``notes``, ``notice_history``,
``show_state``); they are used when present. For a source whose snapshots lack them,
:class:`ConsoleRecord` remembers what a single snapshot cannot tell (when each step really
started, the notices seen, whether the last stop was Panic); the app feeds it every intent it
passes on (:meth:`ConsoleRecord.saw`) and every frame (:meth:`ConsoleRecord.observe`).
:func:`console_info` only reads: the runner (duck-typed: ``session``, ``index``, ``step``,
``act``, ``held``, ``finished``, ``started_at``, ``guide_muted``, ``texts``), the snapshot and the record. Every word
comes from the catalog. Pure; main thread only.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from player.core.model import intents as I
from player.core.show.acts import fmt_time
from player.core.show.cards import PulseAct
from player.core.show.snapshot import Snapshot
from player.core.show.songact import SongAct
from player.core.show.timeline import section_label
from player.core.show.words import say

__all__ = ["ConsoleInfo", "ConsoleRecord", "PartLine", "SheetRow", "console_info", "plain_info", "show_state_of"]

HISTORY = 6           # notices kept for the console


@dataclass(frozen=True)
class SheetRow:
    number: int               # 1-based
    title: str
    planned: str              # "2:30"
    actual: str               # "2:45", "" for steps not reached
    state: str                # past | current | coming


@dataclass(frozen=True)
class PartLine:
    bar: int                  # the bar the line starts in (1-based, the song's bar numbers)
    text: str
    chords: tuple[tuple[int, str], ...]
    state: str                # past | current | coming


@dataclass(frozen=True)
class ConsoleInfo:
    state: str                # playing | count_in | paused | panic | blank | held | finished | songbook | confirm_end
    state_text: str           # «SPILLER», «PAUSE», «PANIKK – lyden er stoppet», …
    lead_text: str
    sheet: tuple[SheetRow, ...] = ()
    drift_text: str = ""      # «1:10 etter planen»
    notes: tuple[str, ...] = ()
    notices: tuple[str, ...] = ()       # the newest last: «12:03  Melodistemmen er av»
    tempo_text: str = ""
    guide_text: str = ""
    next_text: str = ""
    part_label: str = ""      # «Vers 2 av 3»
    part: tuple[PartLine, ...] = ()
    intro_text: str = ""      # «Forspill 2 takter»
    ending_text: str = ""     # «Etterspill 1 takt»
    next_section: str = ""    # «Neste del: Refreng»
    round_text: str = ""      # «Runde 3 av 8 · Alle»


@dataclass
class ConsoleRecord:
    """What the console remembers from frame to frame (main thread)."""

    started: dict[int, float] = field(default_factory=dict)   # step index → clock seconds it began
    history: list[tuple[float, str]] = field(default_factory=list)
    panic: bool = False
    _index: int | None = None
    _seen: tuple[str, ...] = ()

    def saw(self, intent: I.Intent) -> None:
        """An intent the app passed on: Panic is remembered until the show moves again."""
        if isinstance(intent, I.Panic):
            self.panic = True
        elif isinstance(intent, (I.StartPause, I.Next, I.Back, I.GoToStep)):
            self.panic = False

    def observe(self, now: float, snap: Snapshot, own: tuple[str, ...] = ()) -> None:
        """A frame: a new step starts its clock; a new notice (the runner's, or the app's
        ``own``, such as a missing screen) joins the history."""
        if snap.step_index != self._index and snap.scene != "songbook":
            self._index = snap.step_index
            self.started[snap.step_index] = now
        shown = tuple(snap.notices) + tuple(own)
        for text in shown:
            if text not in self._seen:
                self.history.append((now, text))
        self._seen = shown
        del self.history[:-HISTORY]


def _bars(beats: float, per_bar: float) -> int:
    return round(beats / per_bar) if per_bar else 0


def _state(snap: Snapshot, record: ConsoleRecord, finished: bool, held: bool) -> str:
    if snap.blank:
        return "blank"
    if snap.confirm_quit:
        return "confirm_end"
    if snap.scene == "songbook":
        return "songbook"
    if snap.paused:
        return "panic" if snap.show_state == "panic" or record.panic else "paused"
    if finished:
        return "finished"
    if held or snap.scene == "next_up":
        return "held"
    return "count_in" if snap.pulse is not None and snap.pulse.count_in is not None else "playing"


def _state_text(state: str, snap: Snapshot, texts) -> str:
    if state == "count_in":
        return say(texts, "console_state_count_in", n=snap.pulse.count_in)
    if state == "confirm_end":
        return snap.confirm_quit[0]
    return say(texts, "console_state_" + state)


def _sheet(runner, record: ConsoleRecord, now: float, texts) -> tuple[tuple[SheetRow, ...], str]:
    steps = runner.session.steps
    rows, planned_before, drift = [], 0.0, None
    for step in steps:
        k = step.index
        began = record.started.get(k)
        later = [t for j, t in record.started.items() if j > k and began is not None and t >= began]
        if k == runner.index:
            state, actual = "current", (now - began if began is not None else 0.0)
            if began is not None:
                drift = (began - runner.started_at) - planned_before + max(0.0, actual - step.planned_seconds)
        elif began is not None and k < runner.index:
            state, actual = "past", (min(later) - began if later else 0.0)
        else:
            state, actual = "coming", None
        rows.append(SheetRow(k + 1, step.title, fmt_time(step.planned_seconds),
                             fmt_time(actual) if actual is not None else "", state))
        if k < runner.index:
            planned_before += step.planned_seconds
    return tuple(rows), _drift_text(drift, texts)


def _drift_text(drift: float | None, texts) -> str:
    if drift is None or abs(drift) < 30:
        return say(texts, "console_on_plan")
    return say(texts, "console_behind" if drift > 0 else "console_ahead", time=fmt_time(abs(drift)))


def _snapshot_sheet(snap: Snapshot, texts) -> tuple[tuple[SheetRow, ...], str]:
    """The run sheet the runner put in the snapshot (planned against actual, drift)."""
    rows = tuple(SheetRow(r.number, r.title, fmt_time(r.planned_s),
                          fmt_time(r.actual_s) if r.actual_s is not None else "", r.state) for r in snap.run_sheet)
    return rows, _drift_text(snap.drift_s, texts)


def _song_part(act: SongAct, texts) -> dict:
    song = act.step.song
    per_bar = song.meter.beats_per_bar
    tl = act.timeline
    part = max(0, min(act.part, len(tl.plan) - 1)) if tl.plan else 0
    if not tl.plan:
        return {}
    pos = act.position()
    now_line = act.current(pos)
    first, _count = tl._part_lines[part]     # noqa: SLF001 - the timeline's own index of the section's lines
    planned = tl.plan[part]
    lines = []
    for j, line in enumerate(planned.section.lines):
        g = first + j
        state = "current" if g == now_line else "past" if g < now_line else "coming"
        lines.append(PartLine(int((planned.start + line.start) // per_bar) + 1, line.text, line.chords, state))
    intro = _bars(act.count_in_beats, per_bar) + sum(_bars(p.section.beats, per_bar) for p in tl.plan
                                                     if p.section.kind == "intro")
    ending = sum(_bars(p.section.beats, per_bar) for p in tl.plan if p.section.kind == "outro")
    nxt = tl.plan[part + 1] if part + 1 < len(tl.plan) else None
    next_label = section_label(nxt.section.kind, nxt.verse_number, nxt.verse_count, nxt.section.name, texts) \
        if nxt is not None else say(texts, "nothing_next")
    return dict(part_label=section_label(planned.section.kind, planned.verse_number, planned.verse_count,
                                         planned.section.name, texts),
                part=tuple(lines), intro_text=say(texts, "console_intro", bars=intro),
                ending_text=say(texts, "console_ending", bars=ending),
                next_section=say(texts, "console_next_section", label=next_label))


def console_info(runner, record: ConsoleRecord, snap: Snapshot, now: float) -> ConsoleInfo:
    """The console's view of this frame (a query: reads the runner, changes nothing)."""
    texts = runner.texts
    state = _state(snap, record, runner.finished, runner.held)
    info = snap.pianist
    lead = info.lead_text if info is not None and info.lead_text else ""
    sheet, drift = _snapshot_sheet(snap, texts) if snap.run_sheet else _sheet(runner, record, now, texts)
    step = runner.step
    notes = snap.notes or tuple(x.strip() for x in step.note.splitlines() if x.strip())
    if snap.notice_history:       # the runner's board keeps the history (the app's own notices too)
        stamp = [f"{fmt_time(max(0.0, n.at - runner.started_at))}  {n.text}" for n in snap.notice_history[-HISTORY:]]
    else:
        stamp = [f"{fmt_time(t - runner.started_at)}  {text}" for t, text in record.history]
    guide = say(texts, "guide_off" if runner.guide_muted else "guide_on")
    steps = runner.session.steps
    following = steps[runner.index + 1].title if runner.index + 1 < len(steps) else say(texts, "nothing_next")
    ahead = info.next_steps[0] if info is not None and info.next_steps else following
    extra: dict = {}
    act = runner.act
    if isinstance(act, SongAct) and state != "held":
        try:
            extra = _song_part(act, texts)
        except (AttributeError, IndexError, ValueError):   # a part of the view that cannot be read stays empty
            extra = {}
    elif snap.breath is not None:
        b = snap.breath
        extra = {"round_text": say(texts, "breath_cycle", cycle=b.cycle, cycles=b.cycles) + say(texts, "pianist_sep")
                 + b.label}
    elif isinstance(act, PulseAct):
        word, _pattern, k = act.timeline.at(act.position())
        extra = {"round_text": say(texts, "console_round", k=max(1, k), n=act.timeline.rounds)
                 + (say(texts, "pianist_sep") + word if word else "")}
    return ConsoleInfo(state=state, state_text=_state_text(state, snap, texts), lead_text=lead, sheet=sheet,
                       drift_text=drift, notes=notes, notices=tuple(stamp),
                       tempo_text=info.tempo_text if info is not None else "", guide_text=guide,
                       next_text=say(texts, "next_up", title=ahead), **extra)


def plain_info(snap: Snapshot, record: ConsoleRecord, texts) -> ConsoleInfo:
    """The console from the snapshot alone (a source with no runner behind it, in tests)."""
    state = _state(snap, record, False, False)
    info = snap.pianist
    return ConsoleInfo(state=state, state_text=_state_text(state, snap, texts),
                       lead_text=info.lead_text if info is not None else "",
                       notices=tuple(f"{fmt_time(t)}  {text}" for t, text in record.history),
                       tempo_text=info.tempo_text if info is not None else "",
                       next_text=say(texts, "next_up", title=snap.next_title) if snap.next_title else "")


def show_state_of(source):
    """The runner behind an app's snapshot source (the runner itself, or a LiveSource), or None."""
    runner = getattr(source, "runner", source)
    return runner if hasattr(runner, "session") and hasattr(runner, "act") else None
