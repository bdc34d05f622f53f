"""Example snapshots of every scene, for previews, tests and the frame benchmark.

``python -m player.display.examples OUT_DIR [WIDTHxHEIGHT]`` renders each one to a PNG with the
dummy video driver. The words are placeholders in the style of real content, not content.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from dataclasses import replace

from player.core.model import intents as I
from player.core.time.clock import Clock, MonotonicClock
from player.core.show.snapshot import Breath, LyricLine, Overlay, Pulse, Snapshot

__all__ = ["examples", "lyrics_example", "ExampleSource"]


def lyrics_example(phase: float = 0.0, beat: int = 0, highlight: int = 9, count_in: int | None = None) -> Snapshot:
    return Snapshot(
        scene="lyrics", step_index=4, step_count=12, title="Ro, ro, ro din båt",
        section_label="Vers 2 av 3",
        lines=(
            LyricLine("Ro, ro, ro din båt", "past"),
            LyricLine("langsomt over vann, vi ror så godt vi kan", "current", highlight_chars=highlight),
            LyricLine("og så ror vi hjem igjen", "next"),
            LyricLine("til den grønne strand", "upcoming"),
        ),
        cue="Ro med armene",
        pulse=Pulse(bpm=96, beats_per_bar=4, beat_in_bar=beat, phase=phase, bar=3, count_in=count_in),
    )


def examples() -> dict[str, Snapshot]:
    """Name → snapshot, one or more per scene kind."""
    return {
        "title": Snapshot(scene="title", title="Velkommen til helsekor!", subtitle="Vi begynner med å varme opp"),
        "closing": Snapshot(scene="title", title="Takk for i dag!", subtitle="Vi ses neste torsdag"),
        "pause": Snapshot(scene="pause", title="Kaffepause", countdown_text="Vi starter igjen om 8 min"),
        "next_up": Snapshot(scene="next_up", title="Neste: Ro, ro, ro din båt", subtitle="Sang"),
        "instruction": Snapshot(
            scene="instruction", title="Bank på kroppen",
            body=("Bank lett med flate hender.", "Start på armene, så skuldrene.", "Til slutt beina."),
            picture=Path("media/pictograms/banke-kroppen.png"), countdown_text="1:30"),
        "breathing_in": Snapshot(scene="breathing", title="Pust med armene",
                                 breath=Breath("inhale", "Pust inn", 0.5, 0.55, 2, 2, 6)),
        "breathing_out": Snapshot(scene="breathing", title="Pust med armene",
                                  breath=Breath("exhale", "Pust ut", 0.3, 0.7, 4, 2, 6)),
        "pulse_call": Snapshot(scene="pulse", title="Klapp etter meg", call_response="Jeg",
                               body=("Klapp – klapp – klapp klapp klapp",),
                               pulse=Pulse(96, 4, 1, 0.3, 2)),
        "pulse_response": Snapshot(scene="pulse", title="Klapp etter meg", call_response="Alle",
                                   body=("Klapp – klapp – klapp klapp klapp",),
                                   pulse=Pulse(96, 4, 0, 0.05, 3)),
        "pulse_count_in": Snapshot(scene="pulse", title="Klapp etter meg", body=("Klapp – klapp",),
                                   pulse=Pulse(96, 4, 2, 0.1, 0, count_in=3)),
        "lyrics": lyrics_example(),
        "lyrics_count_in": lyrics_example(phase=0.1, beat=2, highlight=0, count_in=3),
        "lyrics_overlay": Snapshot(**{**lyrics_example().__dict__, "overlay": Overlay(
            "Steg 5 av 12", "12:30 av planlagt 45:00", "Neste: Kaffepause", "Tempo 90 % · Transponering +2",
            ("Fant ikke MIDI-porten – bruker innebygd synth",)),
            "notices": ("Fant ikke MIDI-porten",)}),
        "blank": Snapshot(scene="lyrics", blank=True, lines=lyrics_example().lines),
    }


class ExampleSource:
    """A stand-in source that shows the example snapshots, Next/Back stepping through them and
    the pulse and breathing moving with the clock. For previews, the Xvfb test and the benchmark."""

    def __init__(self, clock: Clock | None = None, start: str = "lyrics") -> None:
        from player.display.examples import examples
        self.clock = clock or MonotonicClock()
        self.items = list(examples().items())
        self.index = next((i for i, (n, _) in enumerate(self.items) if n == start), 0)
        self.finished = False
        self.blank = False
        self.handled: list[I.Intent] = []
        self.t0 = self.clock.now()

    def handle(self, intent: I.Intent) -> None:
        self.handled.append(intent)
        if isinstance(intent, I.Next):
            self.index = min(self.index + 1, len(self.items) - 1)
        elif isinstance(intent, I.Back):
            self.index = max(self.index - 1, 0)
        elif isinstance(intent, I.Blank):
            self.blank = not self.blank
        elif isinstance(intent, I.Quit):
            self.finished = True

    def snapshot(self) -> Snapshot:
        snap = self.items[self.index][1]
        t = self.clock.now() - self.t0
        if snap.pulse is not None:
            beats = t * snap.pulse.bpm / 60.0
            snap = replace(snap, pulse=replace(snap.pulse, beat_in_bar=int(beats) % snap.pulse.beats_per_bar,
                                                 phase=beats % 1.0))
        if snap.breath is not None:
            import math
            snap = replace(snap, breath=replace(snap.breath, size=0.5 - 0.5 * math.cos(t * math.pi / 4)))
        return replace(snap, blank=self.blank or snap.blank)


def main(argv: list[str]) -> int:
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    from player.display.renderer import save_png
    out = Path(argv[0]) if argv else Path("out/scenes")
    size = tuple(int(v) for v in argv[1].split("x")) if len(argv) > 1 else (1920, 1080)
    for name, snap in examples().items():
        print(save_png(snap, out / f"{name}.png", size))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
