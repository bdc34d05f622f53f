"""Live devices for the runner: MIDI backing on the configured port or the built-in synth,
audio and video through VLC. Built once by the CLI (the composition root) and handed to the
runner, which calls these between steps on the main thread. Everything here may raise
:class:`~player.core.model.errors.HelsekorError`; the runner turns that into a notice.

With a :class:`~player.midi.prepare.Preparer` nothing here makes the frame loop wait:
:meth:`LiveBackings.warm_up` (after the first frame) has the SoundFont loaded on the worker
thread, :meth:`LiveBackings.prepare` has a coming song's MIDI file read there, and
:meth:`LiveBackings.between_frames` opens the synth's audio device on the main thread once its
engine is ready. A song (or a pulse) whose parts are not ready yet gets a
:class:`~player.midi.pending.PendingBacking`: its first screen shows at once and the sound
starts behind it; the start latency goes to the log. In the live show (with a preparer) every
MIDI song and pulse gets one, held until the step's first frame is on the screen
(:meth:`LiveBackings.between_frames` releases it), so that making and starting the backing
never delays the frame that answers Next. Without a preparer (tests, tools) every part is made
in place when the step starts, as before.
"""

from __future__ import annotations

import logging
import time
from pathlib import Path
from typing import Callable

from player.core.time.clock import Clock
from player.core.model.settings import Settings
from player.core.model.data import Step

from .live_vlc import VlcBackings

__all__ = ["LiveBackings", "first_note", "made_engine"]

log = logging.getLogger("helsekor")


def first_note(midi, step: Step, channel: int) -> int | None:
    """The first note the guide melody plays where this step starts singing (the file's note
    number, before transposition), for the pianist to give the singers; None if there is none."""
    plan = step.song.plan(step.verses)
    start = plan[0].start if plan else 0.0
    for e in midi.events:
        m = e.message
        if e.beat >= start - 1e-6 and m.type == "note_on" and m.velocity > 0 and m.channel == channel:
            return m.note
    return None


def made_engine(soundfont, rate: int, choice: str = "auto"):
    """The worker thread: the MIDI playback modules imported (numpy, FluidSynth) and the synth's
    engine (``midi.synth``) made with its SoundFont loaded; no audio device is opened here."""
    from .midi import backing, click, scheduler  # noqa: F401 - imported here, not in a frame
    from .midi.engines import make_engine
    return make_engine(soundfont, rate, choice=choice)


class LiveBackings(VlcBackings):
    """``notify(text)`` takes a device notice for the conductor (the runner's notice board)."""

    def __init__(self, config: Settings, clock: Clock, notify: Callable[[str], None], window_handle=None,
                 preparer=None, make_engine=None, report_latency=None, make_vlc=None):
        """``preparer``: the worker that makes what is slow (see the module); ``make_engine(soundfont,
        rate)``: how the synth's engine is made on it (:func:`made_engine`; tests hand a slow one);
        ``report_latency(port)``: the output's latency past its clock, seconds
        (:func:`~player.audio.outlatency.port_latency_s`, asked once the output is open);
        ``make_vlc()``: the VLC engine, made on the worker a step ahead of the first step needing it."""
        self.config = config
        self.clock = clock
        self.notify = notify
        self.window_handle = window_handle
        self.midi = config.midi
        self.audio = config.audio
        self.preparer = preparer
        self.make_engine = make_engine or (lambda soundfont, rate: made_engine(soundfont, rate, config.midi.synth))
        self._selector = None
        self._vlc = None
        self._engine = None                  # the Job making the synth's engine (warm_up)
        self._songs: dict[str, object] = {}  # MIDI path -> the Job reading it (prepare)
        self.start_latencies: list[float] = []
        self.report_latency = report_latency
        self.output_latency_s = 0.0          # what the MIDI output reported (picture_s adds it)
        self._latency = None                 # the Job asking it
        self.make_vlc = make_vlc or self._new_vlc
        self._vlc_job = None                 # the Job making the VLC engine (prepare)
        self._held: list = []                # PendingBackings waiting for their step's first frame

    def picture_s(self, output_s: float) -> float:
        """How far behind its backing's clock the picture is: the reported ``output_s`` plus
        ``audio.latency_ms``, less half a frame (:func:`~player.audio.outlatency.picture_offset_s`)."""
        from .audio.outlatency import picture_offset_s
        return picture_offset_s(self.audio.latency_s, output_s, self.config.display.fps)

    def _ask_latency(self) -> None:
        """Main thread, once the MIDI output is open: its latency asked on the worker (a process)."""
        from .audio.outlatency import port_latency_s
        report, port = self.report_latency or port_latency_s, self._selector.port
        if self.preparer is None:
            self.output_latency_s = report(port)
        else:
            self._latency = self.preparer.submit("the output's latency", lambda: report(port))
    # -- MIDI -----------------------------------------------------------------------
    @property
    def selector(self):
        if self._selector is None:
            from .midi import OutputSelector, SynthOutput

            soundfont, rate = self.midi.soundfont, self.audio.sample_rate
            engine = self._engine

            def synth():
                # made ahead when it could be; after a failure made here, saying why (DeviceError)
                made = engine.value if engine is not None and engine.done and engine.error is None else None
                return SynthOutput(soundfont, rate, engine=made, engine_choice=self.midi.synth)
            self._selector = OutputSelector(self.midi.output, synth, self.clock)
        return self._selector

    def warm_up(self) -> None:
        """Main thread, after the first frame: the synth's SoundFont loads on the worker."""
        if self.preparer is None or self._engine is not None:
            return
        soundfont, rate, make = self.midi.soundfont, self.audio.sample_rate, self.make_engine
        self._engine = self.preparer.submit("the synth's SoundFont", lambda: make(soundfont, rate))

    def between_frames(self) -> None:
        """Main thread, between two frames (the last one is on the screen): start the backings
        held for it, open the output once the synth's engine is made."""
        if self._held:
            self._release_held()
        if self._selector is None and self._engine is not None and self._engine.done:
            t0 = time.perf_counter()
            self.selector
            self.check()
            self._ask_latency()
            log.info("the MIDI output is open (%.0f ms on the main thread)", (time.perf_counter() - t0) * 1000)

        job = self._latency
        if job is not None and job.done:
            self._latency = None
            self.output_latency_s = job.value if job.error is None else 0.0
            log.info("the MIDI output reports %.1f ms of latency", self.output_latency_s * 1000)

    @property
    def output_open(self) -> bool:
        """The MIDI output (a port or the built-in synth) is open."""
        return self._selector is not None

    def _port_ready(self):
        """The output when it can be used now without waiting, else None."""
        if self.preparer is None or self._selector is not None:
            if self._selector is None:
                self.selector
                self._ask_latency()
            return self.selector.port
        if self._engine is None:
            self.warm_up()
        self.between_frames()
        return self.selector.port if self._selector is not None else None

    def prepare(self, step: Step) -> None:
        """Main thread: have a coming MIDI song's file read on the worker (once per file), and
        VLC loaded there for a coming recording or video (its plugins took 0.1–0.3 s)."""
        song = step.song
        if self.preparer is not None and self._vlc is None and self._vlc_job is None and (
                step.kind == "video" or (song is not None and step.backing == "audio" and song.audio is not None)):
            self._vlc_job = self.preparer.submit("VLC", self.make_vlc)
        if self.preparer is None or song is None or step.backing != "midi" or song.midi is None:
            return
        self.prepare_path(song.midi)

    def _midi_ready(self, path):
        """The loaded MidiSong when it is ready (None while the worker reads it; raises its error)."""
        from .midi.song import load_midi
        if self.preparer is None:
            return load_midi(path)
        job = self._songs.get(str(path))
        if job is None:
            self.prepare_path(path)
            return None
        return job.result() if job.done else None

    def prepare_path(self, path) -> None:
        """Main thread: have a MIDI file read on the worker (once per file)."""
        from .midi.song import load_midi
        key = str(path)
        if self.preparer is not None and key not in self._songs:
            self._songs[key] = self.preparer.submit(f"MIDI {Path(key).name}", lambda: load_midi(key))

    def _pending(self, make, abilities, count_in_beats: float, what: str, held: bool = False):
        from .midi.pending import PendingBacking

        def started(seconds: float) -> None:
            self.start_latencies.append(seconds)
            log.info("%s: the sound started %.0f ms after the step", what, seconds * 1000)
        pending = PendingBacking(make, self.clock, abilities, count_in_beats=count_in_beats, on_started=started,
                                 held=held)
        if held:
            self._held.append(pending)
        return pending

    @property
    def holding(self) -> bool:
        """A backing waits for its step's first frame to be shown (released by :meth:`between_frames`)."""
        return bool(self._held)

    def _release_held(self) -> None:
        """Main thread, after a frame is on the screen: the backings held back by the step that
        drew it are made and started now (:meth:`song`, :meth:`pulse`)."""
        held, self._held = self._held, []
        for pending in held:
            pending.release()

    def step_started(self, step: Step) -> None:
        """Send the step's own start cues (a registration on the pianist's keyboard, say)."""
        starts = [c for c in step.cues if c.bar is None]
        if not starts:
            return
        from .midi import cue_messages

        port = self.selector.port
        for cue in starts:
            for msg in cue_messages(cue.send):
                port.send(msg)

    def check(self) -> None:
        """Device notices (a port gone or back). Call about once a second."""
        if self._selector is not None:
            for text in self._selector.check():
                self.notify(text)

    def song(self, step: Step):
        song = step.song
        if step.backing == "midi" and song.midi is not None:
            bars = song.count_in_bars if song.count_in_bars is not None else self.midi.count_in_bars
            from player.core.model.tempomap import TempoMap
            from player.core.time.backing import Abilities

            make = lambda: self._midi_now(step, bars)     # noqa: E731
            beats = bars * song.meter.beats_per_bar
            if self.preparer is None:                     # tests and tools: made in place
                backing = make()
                if backing is not None:
                    return backing, backing.tempo_map
                return self._pending(make, Abilities(transpose=True, guide=True), beats, f"«{step.title}»"), \
                    TempoMap.constant(song.tempo, song.meter.beats, song.meter.unit)
            # the live show: made and started once the song's first frame is on the screen; the
            # file's tempo map when it is read, else the song's own tempo and meter (the act keeps it)
            midi = self._midi_ready(song.midi)
            if midi is None:
                abilities = Abilities(transpose=True, guide=True)
                tempo_map = TempoMap.constant(song.tempo, song.meter.beats, song.meter.unit)
            else:
                abilities = Abilities(transpose=True, guide=True,
                                      first_note=first_note(midi, step, self.midi.guide_channel - 1))
                tempo_map = midi.tempo_map
            return self._pending(make, abilities, beats, f"«{step.title}»", held=True), tempo_map
        if step.backing == "audio" and song.audio is not None:
            return self._audio(step)
        return None, None

    def score(self, step: Step):
        """The notes a score follower follows (``lead: follow``): the song's MIDI file, its
        melody on ``midi.guide_channel``. Reads the file (a song's MIDI file is small)."""
        from .midi.score import score_from_midi
        return score_from_midi(step.song.midi, self.midi.guide_channel) if step.song.midi is not None else None

    def _midi_now(self, step: Step, bars: int):
        """The step's MIDI backing when its file and the output are ready, else None."""
        song = step.song
        midi = self._midi_ready(song.midi)
        port = self._port_ready() if midi is not None else None
        if port is None:
            return None
        from .midi import MidiBacking, cue_messages, program_messages, timed_cues

        self.check()
        # the pianist's keyboard: the song's program and its start cues at every start, bar cues on time
        start = list(program_messages(song.program)) if song.program is not None else []
        start += [msg for c in song.cues if c.bar is None for msg in cue_messages(c.send)]
        timed = timed_cues([(midi.tempo_map.beat_of_bar(c.bar), c.send)
                            for c in song.cues + step.cues if c.bar is not None])
        backing = MidiBacking(midi, port, self.clock, tempo_scale=step.tempo_scale,
                              transpose=step.transpose, count_in_bars=bars,
                              count_in_note=self.midi.count_in_note,
                              volume=self.midi.volume,
                              send_clock=self.midi.send_clock,
                              latency_s=self.picture_s(self.output_latency_s),
                              start_messages=start, cues=timed,
                              first_note=first_note(midi, step, self.midi.guide_channel - 1))
        return backing

    def pulse(self, step: Step):
        """A click on every beat through the MIDI output, so the room hears the pulse it sees."""
        from .midi import MidiBacking
        from .midi.click import pulse_song

        ex = step.exercise
        bars = (step.repeats or 8) * (ex.call_bars + ex.response_bars)

        def make():                               # (the click track too: not in the frame that answers Next)
            port = self._port_ready()
            if port is None:
                return None
            click = pulse_song(ex.tempo or 80, ex.meter.beats, bars, ex.meter.unit)
            return MidiBacking(click, port, self.clock, tempo_scale=step.tempo_scale,
                               count_in_bars=ex.count_in_bars,
                               count_in_note=self.midi.count_in_note,
                               volume=self.midi.volume,
                               latency_s=self.picture_s(self.output_latency_s))
        held = self.preparer is not None          # the live show: started once its first frame is shown
        backing = None if held else make()
        if backing is not None:
            return backing
        from player.core.time.backing import Abilities
        return self._pending(make, Abilities(transpose=True, guide=True),
                             ex.count_in_bars * ex.meter.beats_per_bar, f"«{step.title}»", held=held)

    def close(self) -> None:
        job, self._vlc_job = self._vlc_job, None
        if job is not None and job.done and job.error is None and self._vlc is None:
            job.value.close()                # made ahead, never played
        engine, self._engine = self._engine, None
        if engine is not None and engine.done and engine.error is None and self._selector is None:
            engine.value.close()             # made ahead, never played
        if self._selector is not None:
            self._selector.close()
            self._selector = None
        if self._vlc is not None:
            self._vlc.close()
            self._vlc = None
