"""Headless rehearsal: run a session on a simulated clock, faster than real time, and write
what a rehearsal would show and play.

    DIR/audio.wav       the backing as heard, sample 0 at t = 0
    DIR/timeline.json   {"fps", "size", "sample_rate", "events": [{"t", "step", "kind", ...}]}
    DIR/frames/         a PNG at each step start and each line change (step and time in the name)
    DIR/contact.png     a contact sheet: the first frame of every step, labelled «step number. title»

The same runner as the live show drives it, with silent plain transports in place of the
devices: MIDI-backed stretches are recorded as spans (clock time, beat, tempo scale) and
rendered afterwards by the built-in synth at exactly those sample positions, so an event at
``t`` in timeline.json sounds at ``t`` in audio.wav. Waiting is compressed: a card without
sound shows for at most ``max_wait`` seconds, and Next is pressed on held steps.
"""

from __future__ import annotations

import json
import logging
import wave
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import numpy as np

from player.core.model import intents as I
from player.core.time.clock import ManualClock
from player.core.model.data import Session, Step
from player.core.time.plain import PlainBacking
from player.core.show.options import ShowOptions
from player.core.show.runner import Runner, TimelineEvent
from player.core.model.settings import Settings
from player.core.show.words import say
from player.core.model.tempomap import TempoMap

__all__ = ["render_session", "RenderResult", "contact_sheet"]

log = logging.getLogger("helsekor")


@dataclass
class _Recorded:
    step: int
    midi: object          # the MidiSong, loaded once: every span renders from it
    backing: PlainBacking
    transpose: int
    count_in_bars: int


class RehearsalBackings:
    """Silent transports that record what would have played."""

    def __init__(self, clock: ManualClock, count_in_bars: int, notify: Callable[[str], None],
                 texts: dict[str, str]):
        self.clock = clock
        self.count_in_bars = count_in_bars
        self.recorded: list[_Recorded] = []
        self.notify = notify
        self.texts = texts

    def song(self, step: Step):
        song = step.song
        if step.backing == "midi" and song.midi is not None:
            from .midi.song import load_midi
            midi = load_midi(song.midi)
            tm = midi.tempo_map
            bars = song.count_in_bars if song.count_in_bars is not None else self.count_in_bars
            beats = bars * tm.meter_at(0).beats_per_bar
            b = PlainBacking(self.clock, tm, step.tempo_scale, beats)
            self.recorded.append(_Recorded(step.index, midi, b, step.transpose, bars))   # loaded once
            return b, tm
        if step.backing == "audio":
            self.notify(say(self.texts, "rehearsal_no_audio", title=song.title))
        # no backing: the rehearsal sings at the song's own tempo, without a count-in
        tm = TempoMap.constant(song.tempo, song.meter.beats, song.meter.unit)
        return PlainBacking(self.clock, tm, step.tempo_scale, 0.0), tm

    def score(self, step: Step):
        """The notes a score follower follows (``lead: follow``): the song's MIDI file."""
        from .midi.score import score_from_midi
        return score_from_midi(step.song.midi) if step.song.midi is not None else None

    def pulse(self, step: Step):
        """The exercise's click track, recorded like a song's backing."""
        from .midi.click import pulse_song
        ex = step.exercise
        rounds = step.repeats or 8
        bars = rounds * (ex.call_bars + ex.response_bars)
        click = pulse_song(ex.tempo or 80, ex.meter.beats, bars, ex.meter.unit)
        beats = ex.count_in_bars * ex.meter.beats_per_bar
        b = PlainBacking(self.clock, click.tempo_map, step.tempo_scale, beats, click.length_beats)
        self.recorded.append(_Recorded(step.index, click, b, 0, ex.count_in_bars))
        return b

    def video(self, step: Step):
        return None

    def step_started(self, step: Step) -> None:
        """A rehearsal sends no cues."""


@dataclass
class RenderResult:
    out: Path
    seconds: float
    events: list[dict] = field(default_factory=list)
    frames: list[Path] = field(default_factory=list)


def _event_dict(e: TimelineEvent) -> dict:
    return {"t": round(e.t, 6), "step": e.step, "kind": e.kind, **e.fields}


def render_session(session: Session, texts: dict[str, str], out: Path, *, fps: int = 30,
                   size: tuple[int, int] = (1920, 1080), steps: tuple[int, int] | None = None,
                   config: Settings | None = None, draw: Callable | None = None, sample_rate: int = 44100,
                   max_wait: float = 5.0, count_in_bars: int = 1, soundfont: str | None = None,
                   synth: str = "auto") -> RenderResult:
    """Rehearse ``session`` (steps ``a``–``b``, 0-based inclusive) into ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    frames_dir = out / "frames"
    frames_dir.mkdir(exist_ok=True)
    for old in frames_dir.glob("*.png"):
        old.unlink()
    first, last = steps if steps is not None else (0, len(session.steps) - 1)
    clock = ManualClock()
    events: list[TimelineEvent] = []
    notices: list[str] = []
    backings = RehearsalBackings(clock, count_in_bars, notices.append, texts)
    opts = ShowOptions.from_settings(config or Settings(), count_in_bars=count_in_bars)
    runner = Runner(session, clock, texts, backings=backings, options=opts, start_index=first,
                    on_event=events.append, on_notice=notices.append)
    dt = 1.0 / fps
    result = RenderResult(out, 0.0)
    last_key = None
    step_since = 0.0
    current = runner.index
    line_since = 0.0
    limit = sum(s.planned_seconds for s in session.steps[first:last + 1]) * 3 + 600
    while not runner.finished and runner.index <= last and clock.now() < limit:
        runner.tick()
        if runner.finished or runner.index > last:
            break
        if runner.index != current:
            current, step_since, line_since = runner.index, clock.now(), clock.now()
        snap = runner.snapshot()
        key = (runner.index, snap.scene, tuple(ln.text for ln in snap.lines), snap.title)
        if key != last_key and draw is not None:
            name = f"step{runner.index + 1:02d}_t{clock.now():08.2f}.png"
            draw(snap, frames_dir / name)
            result.frames.append(frames_dir / name)
        last_key = key
        # a rehearsal does not wait: held steps and silent cards move on after max_wait, and a
        # song stepped by hand (its backing failed) moves on a line at a time at its own tempo
        waited = clock.now() - step_since
        if _manual_line_done(runner, clock.now() - line_since):
            line_since = clock.now()
            runner.handle(I.Next())
            continue
        if runner.held and waited >= min(2.0, max_wait) or (_silent_card(runner) and waited >= max_wait):
            if runner.index >= last:
                break
            runner.handle(I.Next())
            continue
        clock.advance(dt)
    end = clock.now()
    runner.close()
    frames = _mix(backings.recorded, end, sample_rate, soundfont, notices, out / "audio.wav", texts, synth)
    result.seconds = frames / sample_rate
    result.events = [_event_dict(e) for e in events if e.kind != "step_end" and first <= e.step <= last]
    (out / "timeline.json").write_text(json.dumps(
        {"fps": fps, "size": list(size), "sample_rate": sample_rate, "session": session.title,
         "notices": notices, "events": result.events}, ensure_ascii=False, indent=1), encoding="utf-8")
    if draw is not None and result.frames:
        labels = {k: say(texts, "tile_label", n=k, title=step.title) for k, step in enumerate(session.steps, 1)}
        contact_sheet(result.frames, out / "contact.png", labels)
    return result


def _manual_line_done(runner: Runner, seconds: float) -> bool:
    """Whether a song stepped by hand has shown its current line for as long as it is sung."""
    sung = runner.manual_line_seconds()
    return sung is not None and seconds >= sung


def _silent_card(runner: Runner) -> bool:
    step = runner.session.steps[runner.index]
    if step.kind in ("text", "pause", "video"):
        return True
    return step.kind == "exercise" and step.exercise is not None and step.exercise.kind == "timed"


class _WavMixer:
    """Writes chunks of int16 stereo audio at given sample positions into a WAV file as they
    come (sorted by start), summing where they overlap (release tails), with silence between.
    Only the overlapping part is kept in memory, so a long session renders in little memory."""

    def __init__(self, path: Path, sr: int):
        self.w = wave.open(str(path), "wb")
        self.w.setnchannels(2)
        self.w.setsampwidth(2)
        self.w.setframerate(sr)
        self.written = 0                                   # frames written so far
        self.pending = np.zeros((0, 2), np.int32)          # frames from `written` on, not yet written

    def _flush(self, upto: int) -> None:
        n = max(0, min(upto - self.written, len(self.pending)))
        if n:
            self._write(self.pending[:n])
            self.pending = self.pending[n:]
        if upto > self.written:                            # silence up to `upto`
            gap = upto - self.written
            self._write(np.zeros((gap, 2), np.int32))

    def _write(self, block: np.ndarray) -> None:
        data = np.clip(block, -32768, 32767).astype("<i2")
        self.w.writeframes(np.ascontiguousarray(data).tobytes())
        self.written += len(block)

    def add(self, start: int, audio: np.ndarray) -> None:
        if start < self.written:                           # never before what is written
            audio = audio[self.written - start:]
            start = self.written
        self._flush(start)
        offset = start - self.written
        need = offset + len(audio)
        if need > len(self.pending):
            self.pending = np.vstack([self.pending, np.zeros((need - len(self.pending), 2), np.int32)])
        self.pending[offset:need] += audio.astype(np.int32)

    def close(self, total: int) -> int:
        self._flush(max(total, self.written + len(self.pending)))
        self.w.close()
        return self.written


def _mix(recorded: list[_Recorded], end: float, sr: int, soundfont: str | None, notices: list[str],
         path: Path, texts: dict[str, str], synth: str = "auto") -> int:
    """Render every recorded MIDI span with the built-in synth, place it at its clock time in
    the WAV file at ``path``; returns the number of frames written."""
    jobs = []
    for rec in recorded:
        spans = rec.backing.spans
        for i, span in enumerate(spans):
            stop_t = spans[i + 1].t if i + 1 < len(spans) else end
            if span.playing and stop_t > span.t:
                jobs.append((span.t, rec, i, stop_t))
    mixer = _WavMixer(path, sr)
    for t, rec, i, stop_t in sorted(jobs, key=lambda j: j[0]):
        span = rec.backing.spans[i]
        tm = rec.backing.tempo_map
        stop_beat = tm.beat_at(tm.seconds_at(span.beat) + (stop_t - span.t) * span.scale)
        first_span = i == 0
        try:
            from .midi.offline import render
            kwargs = {"soundfont": soundfont} if soundfont else {}
            r = render(rec.midi, sample_rate=sr, tempo_scale=span.scale, transpose=rec.transpose,
                       count_in_bars=rec.count_in_bars if first_span else 0,
                       start_beat=span.beat + (rec.backing.count_in_beats if first_span else 0.0),
                       end_beat=stop_beat, tail_seconds=1.0, synth=synth, **kwargs)
        except Exception as err:  # noqa: BLE001 - a rehearsal without sound is still a rehearsal
            notices.append(say(texts, "rehearsal_no_sound", name=Path(rec.midi.path).name, error=err))
            log.exception("offline render failed")
            continue
        mixer.add(int(round(t * sr)), r.audio)
    return mixer.close(int(end * sr) + sr)


def contact_sheet(frames: list[Path], out: Path, labels: dict[int, str] | None = None, columns: int = 4,
                  thumb: tuple[int, int] = (480, 270)) -> list[tuple[str, tuple[int, int, int, int]]]:
    """The first frame of every step, ``columns`` to a row, each tile labelled under it with
    ``labels[step number]`` (from 1: «4. Fader Jakob»). Returns each label with its box."""
    import pygame
    if not pygame.font.get_init():
        pygame.font.init()
    firsts: dict[str, Path] = {}
    for f in frames:
        firsts.setdefault(f.name.split("_")[0], f)
    pics = list(firsts.values())
    rows = (len(pics) + columns - 1) // columns
    pad, band = 12, 36
    font = pygame.font.Font(None, 30)           # pygame's own font: the rehearsal has no theme
    sheet = pygame.Surface((columns * (thumb[0] + pad) + pad, rows * (thumb[1] + band + pad) + pad))
    sheet.fill((40, 44, 48))
    placed = []
    for i, f in enumerate(pics):
        img = pygame.transform.smoothscale(pygame.image.load(str(f)), thumb)
        r, c = divmod(i, columns)
        x, y = pad + c * (thumb[0] + pad), pad + r * (thumb[1] + band + pad)
        sheet.blit(img, (x, y))
        number = int(f.name.split("_")[0].removeprefix("step") or 0)
        text = (labels or {}).get(number, str(number))
        while text and font.size(text)[0] > thumb[0]:
            text = text[:-2].rstrip() + "…"
        label = font.render(text, True, (235, 238, 240), (40, 44, 48))
        rect = label.get_rect(topleft=(x, y + thumb[1] + (band - label.get_height()) // 2))
        sheet.blit(label, rect)
        placed.append((text, tuple(rect)))
    pygame.image.save(sheet, str(out))
    return placed
