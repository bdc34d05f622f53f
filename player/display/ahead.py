"""The next step's first frame, drawn ahead off the screen, so that Next shows a ready frame.

The frame after Next cost 10–277 ms on a busy machine: its text rendered for the first time
(big type), its pictogram decoded and scaled. :class:`Ahead` draws the coming step's first
picture once, a few frames after a step began, onto a surface that is never shown, with a
renderer of its own that shares the show's text cache (and the pictures' cache of
:func:`~player.display.scenes.cards.load_picture`), and offers it to the show's renderer: when
Next comes and the new step's static picture is the one drawn ahead (no notice or question on
top), the frame is that surface copied with one blit and its moving parts drawn as they are
now; otherwise it is drawn as before, with its text and pictures already made. :func:`preview` makes that step's first snapshot as the runner would,
from an act that is made but never started, with nothing playing along (no device is touched).

Drawn in slices (:meth:`Ahead.start`, then :meth:`Ahead.step` once per frame): a first pass
lays the frame out with every text it lacks noted, not rendered; each frame after it renders
one of those texts; the last slice draws the frame from the cache and offers it. Rendering a
big text holds the GIL for its whole length (pygame's ``Font.render``), so one whole frame
drawn at once kept the synth's audio callback waiting, and a key pressed meanwhile waited for
all of it (bench/bench_underrun.py); now each waits for one text at most.

Main thread only (the text cache and SDL's fonts are not shared with a worker); a failure is
logged and the show goes on (the frame after Next then renders as before).
"""

from __future__ import annotations

import logging

from player.core.show.frame import build_snapshot
from player.core.show.making import ActMaker, NoBackings
from player.core.show.modes import ModeStack, Phase
from player.core.show.snapshot import Snapshot
from player.core.show.views import ShowState
from player.core.model.tempomap import TempoMap
from player.core.time.backing import Abilities
from player.display.renderer import Renderer

__all__ = ["Ahead", "preview"]

log = logging.getLogger(__name__)


class _Standing:
    """A backing that never sounds and stands where its count-in starts once started: what a
    song or a pulse has in the live show until its first frame is on the screen (player/live.py
    holds its real backing until then), so that the preview is that frame (the title and the
    count-in), not the lyrics stepped through by hand."""

    def __init__(self, count_in_beats: float) -> None:
        self.abilities = Abilities(transpose=True, guide=True)
        self.count_in_beats = count_in_beats
        self._at = 0.0

    def start(self, at_beat: float = 0.0, count_in: bool = True) -> None:
        self._at = at_beat - (self.count_in_beats if count_in else 0.0)

    def position(self) -> float:
        return self._at

    def poll(self) -> list:
        return []

    def pause(self) -> None: ...
    def resume(self) -> None: ...
    def seek(self, beat: float) -> None: ...
    def stop(self, fade: bool = True) -> None: ...
    def panic(self) -> None: ...
    def set_tempo_scale(self, scale: float) -> None: ...
    def set_transpose(self, semitones: int) -> None: ...
    def mute_channel(self, channel: int, muted: bool = True) -> None: ...
    def close(self) -> None: ...


class _HeldBackings(NoBackings):
    """The backings as the live show has them in a step's first frame: a standing one for a song
    with a MIDI file or a recording and for a pulse, nothing else (no device is touched)."""

    def __init__(self, count_in_bars: int) -> None:
        self.count_in_bars = count_in_bars

    def song(self, step):
        song = step.song
        if step.backing == "midi" and song.midi is not None:
            bars = song.count_in_bars if song.count_in_bars is not None else self.count_in_bars
            return _Standing(bars * song.meter.beats_per_bar), \
                TempoMap.constant(song.tempo, song.meter.beats, song.meter.unit)
        if step.backing == "audio" and song.audio is not None:
            return _Standing(0.0), TempoMap.constant(song.tempo, song.meter.beats, song.meter.unit)
        return None, None

    def pulse(self, step):
        ex = step.exercise
        return _Standing(ex.count_in_bars * ex.meter.beats_per_bar)


def preview(runner, index: int) -> Snapshot | None:
    """The snapshot step ``index`` shows when it starts (None past the end)."""
    steps = runner.session.steps
    if not 0 <= index < len(steps):
        return None
    step = steps[index]
    now = runner.clock.now()
    # a show with devices holds each song's backing for its first frame: stand in for it
    live = not isinstance(runner.backings, NoBackings)
    backings = _HeldBackings(runner.options.count_in_bars) if live else NoBackings()
    maker = ActMaker(runner.clock, runner.texts, runner.options, backings,
                     notify=lambda _text: None, fault=lambda _what, _err: None)
    act = maker.make(step, maker.checked_lead(runner.leads.get(step.index, step.lead)))
    act.start()                                   # (no device: its backing, if any, only stands)
    state = ShowState(runner.session, index, step, runner.started_at, False, False, step.tempo_scale,
                      runner.transpose, (), runner.texts, pause_card=runner.options.pause_card)
    snap, _problems = build_snapshot(state, act, Phase.PLAYING, ModeStack(), (), now)
    return snap


class Ahead:
    """Draws snapshots that are coming onto a hidden surface with ``renderer``'s caches."""

    def __init__(self, renderer: Renderer) -> None:
        self.renderer = renderer
        self.shadow = Renderer(renderer.settings, fonts=renderer.fonts)
        self.shadow.cache = renderer.cache            # one text cache: what is drawn here is ready there
        self.prepared: list[int] = []                 # the steps drawn ahead (tests read it)
        self._surface = None
        self._job: tuple[int, Snapshot, list[tuple]] | None = None   # (index, snapshot, texts to render)

    def prepare(self, runner, index: int, size: tuple[int, int]) -> bool:
        """Draw step ``index``'s first frame at ``size`` off the screen, all at once; False when
        there is none."""
        if not self.start(runner, index, size):
            return False
        while self.step():
            pass
        return bool(self.prepared) and self.prepared[-1] == index

    def start(self, runner, index: int, size: tuple[int, int]) -> bool:
        """Begin drawing step ``index``'s first frame ahead: lay it out, noting the texts it
        lacks. False when there is none (or it failed)."""
        self._job = None
        try:
            snap = preview(runner, index)
            if snap is None:
                return False
            import pygame
            if self._surface is None or self._surface.get_size() != size:
                self._surface = pygame.Surface(size)
            cache = self.shadow.cache
            cache.deferred = []
            try:
                self.shadow.invalidate()
                self.shadow.draw(self._surface, snap)
                todo = cache.deferred
            finally:
                cache.deferred = None
            self._job = (index, snap, todo)
            return True
        except Exception:  # noqa: BLE001 - drawing ahead only saves time at the next Next
            log.exception("drawing step %d ahead failed", index + 1)
            return False

    def step(self) -> bool:
        """One slice (call once per frame): render one text the frame lacks, or, once none is
        left, draw the frame and offer it to the show's renderer. True while work is left."""
        if self._job is None:
            return False
        index, snap, todo = self._job
        try:
            if todo:
                self.shadow.cache.render_deferred(todo.pop(0))
                return True
            self._job = None
            self.shadow.invalidate()
            self.shadow.draw(self._surface, snap)
            self.prepared.append(index)
            self.renderer.offer(self.shadow, self._surface)     # Next then copies it (one blit)
        except Exception:  # noqa: BLE001 - drawing ahead only saves time at the next Next
            self._job = None
            log.exception("drawing step %d ahead failed", index + 1)
        return False
