"""``lead: follow`` in the show: the runner on a manual clock takes NoteIn intents, the lyrics
follow the pianist, F2 reaches the follower, the pianist window shows its confidence, and a
lost follower hands the song to the backing with a notice."""

from __future__ import annotations

import random

from player.core.model import intents as I
from player.core.script.config import load_config
from player.core.script.library import Library
from player.core.script.loader import load_session
from player.core.show.making import NoBackings
from player.core.show.runner import Runner
from player.core.time.clock import ManualClock
from player.core.time.lead import NoteIn, SwitchLead, next_mode
from player.core.time.plain import PlainBacking
from player.live import LiveBackings

from .helpers import ROOT, performance

TEXTS = load_config(user_file=None).texts()
SESSION = """\
version: 1
title: Følg
steps:
  - text: Velkommen
  - song: {song}
    lead: {lead}
  - text: Takk
"""


def build(tmp_path, song="ro-ro-ro-din-bat", lead="follow", backings=None):
    path = tmp_path / "s.yaml"
    path.write_text(SESSION.format(song=song, lead=lead), encoding="utf-8")
    session = load_session(path, Library.for_session(path, (), project_root=ROOT))
    clock = ManualClock()
    events = []
    if backings is None:
        backings = LiveBackings(load_config(user_file=None), clock, lambda text: None)
    runner = Runner(session, clock, TEXTS, backings=backings, on_event=events.append, start_index=1)
    return runner, clock, events


def play(runner, clock, notes, until, fps=60):
    """The notes as NoteIn intents at their times, the show ticking at ``fps`` in between."""
    i = 0
    while clock.now() < until:
        while i < len(notes) and notes[i][0] <= clock.now():
            t, pitch, velocity = notes[i]
            runner.handle(NoteIn(at=t, note=pitch, velocity=velocity))
            i += 1
        runner.tick()
        clock.advance(1 / fps)


def test_the_lyrics_follow_the_notes_the_pianist_plays(tmp_path):
    runner, clock, events = build(tmp_path)
    song, score, perf = performance("ro-ro-ro-din-bat", "tempo")
    assert runner.snapshot().pianist.lead_mode == "follow"
    clock.set(0.0)
    play(runner, clock, perf.notes, perf.truth[-1][0] + 1.0)
    lines = [e for e in events if e.kind == "line"]
    truth = sorted(perf.line_starts)
    assert [e.fields["beat"] for e in lines] == [b for _, b, _ in truth]      # every line, in order
    for e, (t, beat, k) in zip(lines, truth):
        assert abs(e.t - t) < 0.25, f"line at beat {beat}: shown at {e.t:.2f} s, played at {t:.2f} s"


def test_the_lyrics_wait_while_the_pianist_stops(tmp_path):
    runner, clock, events = build(tmp_path)
    song, score, perf = performance("ro-ro-ro-din-bat", "human")
    first_lines = [t for t, _, _ in sorted(perf.line_starts)][:3]
    play(runner, clock, [n for n in perf.notes if n[0] < first_lines[2] - 0.3], first_lines[2] + 10.0)
    shown = [e.fields["beat"] for e in events if e.kind == "line"]
    assert len(shown) == 2                                   # the third line waits for its notes


def test_f2_reaches_the_follower_and_the_pianist_sees_how_sure_it_is(tmp_path):
    assert next_mode("midi-clock") == "follow" and next_mode("follow") == "backing"
    runner, clock, _ = build(tmp_path, lead="midi-clock")
    runner.handle(SwitchLead())
    snap = runner.snapshot()
    assert snap.pianist.lead_mode == "follow"
    assert snap.pianist.follow_confidence == 1.0 and "100 %" in snap.pianist.lead_text
    assert TEXTS["lead_follow"] in snap.notices


class BackedSongs(NoBackings):
    """A MIDI song plays on a silent transport; the score is the song's real MIDI file."""

    def __init__(self, clock):
        self.clock = clock

    def song(self, step):
        from player.midi.song import load_midi
        tm = load_midi(step.song.midi).tempo_map
        return PlainBacking(self.clock, tm, 1.0, 0.0), tm

    def score(self, step):
        from player.midi.score import score_from_midi
        return score_from_midi(step.song.midi)


def test_a_lost_follower_hands_the_song_to_the_backing_with_a_notice(tmp_path):
    clock = ManualClock()
    runner, clock, _ = build(tmp_path, backings=BackedSongs(clock))
    runner.clock = clock
    song, score, perf = performance("ro-ro-ro-din-bat", "human")
    notes = [n for n in perf.notes if n[0] < 6.0]
    rng = random.Random(1)
    noise = [(6.0 + 0.25 * k, rng.choice((100, 102, 105, 107)), 70) for k in range(20)]
    play(runner, clock, notes + noise, 12.0)
    snap = runner.snapshot()
    assert snap.pianist.lead_mode == "backing" and snap.pianist.follow_confidence is None
    assert any(n.startswith("Mistet pianisten") for n in snap.notices)


def test_a_song_without_a_midi_file_is_led_by_the_pedal_instead(tmp_path):
    (tmp_path / "songs").mkdir()
    (tmp_path / "songs" / "uten.yaml").write_text(
        "version: 1\ntitle: Uten\nmeter: 4/4\ntempo: 90\nkey: C\nsections:\n  - id: v1\n    name: Vers 1\n"
        "    kind: verse\n    bars: 2\n    lines:\n      - text: En linje\n      - text: To linjer\norder: [v1]\n",
        encoding="utf-8")
    path = tmp_path / "s.yaml"
    path.write_text(SESSION.format(song="uten", lead="follow"), encoding="utf-8")
    session = load_session(path, Library.for_session(path, (), project_root=tmp_path))
    clock = ManualClock()
    runner = Runner(session, clock, TEXTS, backings=LiveBackings(load_config(user_file=None), clock, lambda t: None),
                    start_index=1)
    snap = runner.snapshot()
    assert snap.pianist.lead_mode == "pedal"
    assert any("ingen noter å følge" in n for n in snap.notices)
    runner.handle(I.Next())                                   # a Next is a pedal press: the first line
    assert [ln.text for ln in runner.snapshot().lines if ln.state == "current"] == ["En linje"]
