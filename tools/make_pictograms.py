#!/usr/bin/env python3
"""Draw the exercise pictograms: bold light strokes on a transparent 512×512 PNG.

Run ``python tools/make_pictograms.py [--out DIR]``; the output is deterministic (plain
pygame drawing, no randomness). Coordinates are pixels on the 512×512 canvas.
"""

from __future__ import annotations

import argparse
import math
import os
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
import pygame  # noqa: E402

SIZE = 512
INK = (255, 255, 255, 255)
ACCENT = (255, 216, 74, 255)   # the theme's highlight yellow, for motion marks
W = 24                          # stroke width


def line(s, a, b, color=INK, w=W):
    pygame.draw.line(s, color, a, b, w)
    for p in (a, b):
        pygame.draw.circle(s, color, p, w // 2)


def poly(s, pts, color=INK, w=W):
    for a, b in zip(pts, pts[1:]):
        line(s, a, b, color, w)


def head(s, c, r=48, color=INK):
    pygame.draw.circle(s, color, c, r, W)


def arc(s, c, r, a0, a1, color=ACCENT, w=14):
    """A motion mark: an arc from angle a0 to a1 (degrees, counter-clockwise, screen y down)."""
    steps = 24
    pts = [(c[0] + r * math.cos(math.radians(a0 + (a1 - a0) * k / steps)),
            c[1] - r * math.sin(math.radians(a0 + (a1 - a0) * k / steps))) for k in range(steps + 1)]
    poly(s, pts, color, w)


def arrow(s, a, b, color=ACCENT, w=14):
    line(s, a, b, color, w)
    ang = math.atan2(b[1] - a[1], b[0] - a[0])
    for d in (2.5, -2.5):
        tip = (b[0] - 34 * math.cos(ang + d / 6), b[1] - 34 * math.sin(ang + d / 6))
        line(s, b, tip, color, w)


def body(s, neck=(256, 190), hip=(256, 340)):
    line(s, neck, hip)


def arms_up(s):
    head(s, (256, 120))
    body(s)
    poly(s, [(256, 200), (180, 130), (160, 40)])
    poly(s, [(256, 200), (332, 130), (352, 40)])
    poly(s, [(256, 340), (200, 470)])
    poly(s, [(256, 340), (312, 470)])
    arrow(s, (90, 250), (90, 110))
    arrow(s, (422, 250), (422, 110))


def tapping(s):
    head(s, (256, 100))
    body(s, (256, 170), (256, 330))
    poly(s, [(256, 190), (180, 260), (230, 300)])      # hand taps the other arm/chest
    poly(s, [(256, 190), (340, 250), (380, 330)])
    poly(s, [(256, 330), (210, 470)])
    poly(s, [(256, 330), (302, 470)])
    for k, (x, y) in enumerate([(300, 260), (410, 300), (150, 200)]):
        for d in (-1, 0, 1):
            line(s, (x + 22 * d, y - 40), (x + 30 * d, y - 60), ACCENT, 10)


def shoulders(s):
    head(s, (256, 170))
    poly(s, [(120, 250), (190, 230), (322, 230), (392, 250)])
    line(s, (256, 240), (256, 420))
    line(s, (120, 250), (110, 420))
    line(s, (392, 250), (402, 420))
    arrow(s, (70, 300), (70, 180))
    arrow(s, (442, 180), (442, 300))


def face_tongue(s):
    pygame.draw.circle(s, INK, (256, 240), 170, W)
    pygame.draw.circle(s, INK, (196, 200), 16)
    pygame.draw.circle(s, INK, (316, 200), 16)
    line(s, (186, 300), (326, 300))
    pygame.draw.ellipse(s, ACCENT, pygame.Rect(216, 296, 80, 120))
    line(s, (256, 320), (256, 380), (16, 20, 24, 255), 8)


def clapping(s):
    for sign in (-1, 1):
        cx = 256 + sign * 60
        pts = [(cx, 420), (cx + sign * 20, 260), (cx + sign * 10, 150), (cx - sign * 10, 130),
               (cx - sign * 30, 150), (cx - sign * 40, 260), (cx - sign * 20, 420)]
        pygame.draw.polygon(s, INK, pts, W)
    for k in range(3):
        ang = math.radians(60 + 30 * k)
        line(s, (256 + 150 * math.cos(ang), 130 - 80 * math.sin(ang)),
             (256 + 200 * math.cos(ang), 130 - 110 * math.sin(ang)), ACCENT, 12)
        line(s, (256 - 150 * math.cos(ang), 130 - 80 * math.sin(ang)),
             (256 - 200 * math.cos(ang), 130 - 110 * math.sin(ang)), ACCENT, 12)


def open_mouth(s):
    pygame.draw.circle(s, INK, (210, 256), 160, W)
    pygame.draw.circle(s, INK, (160, 200), 14)
    pygame.draw.circle(s, INK, (260, 200), 14)
    pygame.draw.ellipse(s, INK, pygame.Rect(170, 260, 80, 100), W)
    for k, r in enumerate((60, 100, 140)):
        arc(s, (330, 310), r, -35, 35)


def humming(s):
    pygame.draw.circle(s, INK, (210, 256), 160, W)
    pygame.draw.circle(s, INK, (160, 200), 14)
    pygame.draw.circle(s, INK, (260, 200), 14)
    line(s, (180, 320), (240, 320))
    for r in (70, 110):
        arc(s, (250, 320), r, -30, 30, ACCENT, 10)
    pygame.draw.circle(s, ACCENT, (420, 160), 20)
    line(s, (438, 160), (438, 80), ACCENT, 10)


def siren(s):
    pts = [(60 + k * 8, 330 - 200 * math.sin(math.pi * k / 49)) for k in range(50)]
    poly(s, pts, INK, W)
    arrow(s, pts[-3], pts[-1])
    pygame.draw.circle(s, ACCENT, (60, 360), 22)
    pygame.draw.circle(s, ACCENT, (452, 360), 22)


def rowing(s):
    # boat
    pygame.draw.arc(s, INK, pygame.Rect(60, 250, 392, 200), math.pi, 2 * math.pi, W)
    line(s, (60, 350), (452, 350))
    # figure sitting, leaning forward, oars
    head(s, (300, 150), 40)
    line(s, (285, 200), (230, 330))
    poly(s, [(280, 220), (200, 250), (140, 230)])
    line(s, (140, 230), (40, 400), INK, 16)
    poly(s, [(230, 330), (320, 320), (340, 345)])
    arc(s, (256, 330), 230, 110, 70)   # the lean, forward and back
    for x in (80, 160, 360, 440):      # water
        arc(s, (x, 500), 40, 150, 30, ACCENT, 10)


def walking_cross(s):
    head(s, (256, 90))
    body(s, (256, 150), (256, 300))
    poly(s, [(256, 170), (330, 220), (300, 290)])        # right arm forward, down to the left knee
    poly(s, [(256, 170), (190, 240), (170, 300)])
    poly(s, [(256, 300), (300, 330), (290, 450)])        # left knee up
    poly(s, [(256, 300), (220, 390), (200, 480)])
    arrow(s, (400, 160), (330, 300))
    arrow(s, (110, 300), (170, 200))


PICTURES = {
    "armer-opp": arms_up,
    "banke-kroppen": tapping,
    "skuldrene": shoulders,
    "tunge-ut": face_tongue,
    "klappe": clapping,
    "aaa": open_mouth,
    "nynne": humming,
    "sirene": siren,
    "ro-baten": rowing,
    "ga-kryss": walking_cross,
}


def draw(name: str) -> pygame.Surface:
    s = pygame.Surface((SIZE, SIZE), pygame.SRCALPHA)
    s.fill((0, 0, 0, 0))
    PICTURES[name](s)
    return s


def write_all(out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name in PICTURES:
        path = out / f"{name}.png"
        pygame.image.save(draw(name), str(path))
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=Path(__file__).resolve().parent.parent / "media" / "pictograms")
    args = ap.parse_args(argv)
    for p in write_all(args.out):
        print(p)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
