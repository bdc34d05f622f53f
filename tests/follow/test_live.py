"""Live: a performance played in real time on a "digital piano" (a mido input port subclass
whose own thread sends each note at its time, as python-rtmidi's callback thread would) into
the running show on the dummy drivers: the app's frame loop on this thread, the notes coming
in on the port's thread through ``midi.input`` (player.show.open_midi_input). The lyrics' line
changes are checked against the performance's truth."""

from __future__ import annotations

import threading
from dataclasses import replace

import mido
from mido.ports import BaseInput

from player.core.script.config import load_config
from player.core.script.library import Library
from player.core.script.loader import load_session
from player.core.show.runner import Runner
from player.core.time.clock import MonotonicClock
from player.live import LiveBackings
from player.show import LiveSource, open_midi_input

from .helpers import ROOT, performance
from .test_show_follow import SESSION

PORT = "Helsekor testpiano"


class PlayingPiano(BaseInput):
    """Plays ``notes`` ((seconds, pitch, velocity)) from :meth:`play` on, each at its second
    after ``t0`` on ``clock``, to the callback, from its own thread."""

    def _open(self, callback=None, notes=(), clock=None, **kwargs):
        self.callback, self.notes, self.clock = callback, list(notes), clock
        self.sent: list[float] = []
        self._stop = threading.Event()
        self.thread = threading.Thread(target=self._play, name="piano", daemon=True)

    def play(self, t0: float) -> None:
        self.t0 = t0
        self.thread.start()

    def _play(self) -> None:
        for t, pitch, velocity in self.notes:
            wait = self.t0 + t - self.clock.now()
            if wait > 0 and self._stop.wait(wait):
                return
            self.callback(mido.Message("note_on", note=pitch, velocity=velocity))
            self.sent.append(self.clock.now())
            self.callback(mido.Message("note_off", note=pitch, velocity=0))

    def _close(self) -> None:
        self._stop.set()


class Until(LiveSource):
    """The show's source, finished at a clock time (the test's end)."""

    end = float("inf")

    @property
    def finished(self) -> bool:
        return self.clock.now() >= self.end


def test_a_performance_played_live_moves_the_lyrics_line_by_line(tmp_path, monkeypatch):
    from player.display.pianist_app import ShowApp

    song, score, perf = performance("ro-ro-ro-din-bat", "tempo")
    starts = sorted(perf.line_starts)
    cut = starts[5][0] - 0.3                                   # five lines of the song
    notes = [n for n in perf.notes if n[0] < cut]
    expected = [(t, b) for t, b, _ in starts if t < cut]

    path = tmp_path / "s.yaml"
    path.write_text(SESSION.format(song="ro-ro-ro-din-bat", lead="follow"), encoding="utf-8")
    session = load_session(path, Library.for_session(path, (), project_root=ROOT))
    base = load_config(user_file=None)
    config = replace(base, midi=replace(base.midi, input="testpiano"),
                     display=replace(base.display, pianist_window=False))
    clock = MonotonicClock()
    pianos: list[PlayingPiano] = []

    def open_input(name, callback=None):
        pianos.append(PlayingPiano(name, callback=callback, notes=notes, clock=clock))
        return pianos[-1]

    monkeypatch.setattr(mido, "get_input_names", lambda: [PORT])
    monkeypatch.setattr(mido, "open_input", open_input)
    texts = config.texts()
    events = []
    backings = LiveBackings(config, clock, lambda text: None)
    runner = Runner(session, clock, texts, backings=backings, on_event=events.append, start_index=1)
    control, inbox = open_midi_input(config, clock, runner.notify)
    assert control is not None and pianos, "the show opened the piano as its MIDI input"

    def intake():
        out = control.drain()
        while inbox:
            out.append(inbox.pop(0))
        return out

    source = Until(runner, backings, clock)
    app = ShowApp(source, config, windowed=True, size=(640, 360), clock=clock, intake=intake)
    t0 = clock.now() + 0.5
    source.end = t0 + cut + 1.5
    pianos[0].play(t0)
    try:
        app.run()
    finally:
        app.close()
        control.close()
        backings.close()
    assert len(pianos[0].sent) == len(notes)                   # the piano played it all
    lines = [(e.t - t0, e.fields["beat"], e.fields["text"]) for e in events if e.kind == "line"]
    assert [b for _, b, _ in lines] == [b for _, b in expected]
    for k, (t, beat, text) in enumerate(lines):                # each change while its line is played
        true_t = expected[k][0]
        after = expected[k + 1][0] if k + 1 < len(expected) else cut
        assert true_t - 0.1 <= t < after, f"«{text}» at {t:.3f} s; played from {true_t:.3f} s to {after:.3f} s"
    print("line change minus truth (ms):", [round((t - expected[k][0]) * 1000) for k, (t, _, _) in enumerate(lines)])
