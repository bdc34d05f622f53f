"""The offline work: ``helsekor render`` (a rehearsal without a screen: frames, audio.wav,
timeline.json) and ``helsekor follow`` (a recorded performance through the score follower)."""

from __future__ import annotations

import os
from pathlib import Path

from player.core.model.messages import tr
from player.commands.common import config_of, fmt_time, load

__all__ = ["cmd_render", "cmd_follow"]


def _steps(text: str | None, n: int) -> tuple[int, int] | None:
    """'3-5' or '4' (1-based, inclusive) → 0-based (first, last)."""
    if not text:
        return None
    try:
        a, _, b = text.partition("-")
        first, last = int(a), int(b or a)
    except ValueError:
        raise SystemExit("helsekor: " + tr("--steps takes A-B or A (step numbers 1 to {n}), not {text}", n=n, text=repr(text))) from None
    if not (1 <= first <= last <= n):
        raise SystemExit("helsekor: " + tr("--steps {text}: the session has steps 1 to {n}", text=text, n=n))
    return first - 1, last - 1


def _size(text: str) -> tuple[int, int]:
    try:
        w, h = (int(x) for x in text.lower().split("x"))
    except ValueError:
        raise SystemExit("helsekor: " + tr("--size takes WxH such as 1920x1080, not {text}", text=repr(text))) from None
    return w, h


def cmd_render(args) -> int:
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    from player.display.renderer import Renderer, save_png, settings_of
    from player.render import render_session

    config = config_of(args)
    session = load(args, config)
    size = _size(args.size)
    renderer = Renderer(settings_of(config))

    def draw(snapshot, path):
        renderer.invalidate()   # each PNG is a whole picture
        save_png(snapshot, path, size, renderer=renderer)

    out = Path(args.out)
    result = render_session(session, config.texts(session.language), out, fps=args.fps, size=size,
                            steps=_steps(args.steps, len(session.steps)), config=config, draw=draw,
                            count_in_bars=config.midi.count_in_bars, soundfont=config.midi.soundfont,
                            synth=config.midi.synth)
    print(tr("Rehearsal of «{title}»: {time} of sound, {events} events, {frames} frames", title=session.title,
             time=fmt_time(result.seconds), events=len(result.events), frames=len(result.frames)))
    print(f"  {out / 'audio.wav'}\n  {out / 'timeline.json'}\n  {out / 'frames'}/\n  {out / 'contact.png'}")
    return 0


def cmd_follow(args) -> int:
    """Feed a recorded performance through the score follower (simulated real time)."""
    from player.wiring import follow_performance

    config = config_of(args)
    title, n = follow_performance(Path(args.song), Path(args.performance), Path(args.out), config.midi.guide_channel)
    print(tr("{out}: followed {n} notes of «{title}»", out=args.out, n=n, title=title))
    return 0
