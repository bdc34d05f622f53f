"""A preview of the example scenes in a real window, with no session: what the frame
benchmark and the window tests start as a child process. Main thread only."""

from __future__ import annotations

import sys
import time

from player.display.app import App

__all__ = ["main"]


def main(argv: list[str] | None = None) -> int:
    """``python -m player.display.preview [--windowed] [--example NAME] [--frames N] [--screenshot PNG]``:
    a preview of the example scenes (no session needed). Prints the first-frame time (epoch s)."""
    import argparse
    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("--windowed", action="store_true")
    parser.add_argument("--size", default="")
    parser.add_argument("--example", default="lyrics")
    parser.add_argument("--frames", type=int, default=None)
    parser.add_argument("--screenshot", default="")
    args = parser.parse_args(argv)
    size = tuple(int(v) for v in args.size.split("x")) if args.size else None
    from player.display.examples import ExampleSource
    app = App(ExampleSource(start=args.example), None, windowed=args.windowed or None, size=size)
    with app:
        app.open()
        app.frame()
        import pygame
        pygame.display.flip()
        print(f"first_frame_epoch {time.time():.6f}", flush=True)
        app.run(max_frames=args.frames)
        if args.screenshot:
            pygame.image.save(pygame.display.get_surface(), args.screenshot)
    return 0


if __name__ == "__main__":
    sys.exit(main())
