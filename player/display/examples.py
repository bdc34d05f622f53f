"""Example snapshots of every scene, for previews, tests and the frame benchmark.

``python -m player.display.examples OUT_DIR [WIDTHxHEIGHT]`` renders each one to a PNG with the
dummy video driver. The words are placeholders in the style of real content, not content.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from player.core.snapshot import Breath, LyricLine, Overlay, Pulse, Snapshot

__all__ = ["examples", "lyrics_example"]


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
