"""The commands on the screen: ``helsekor run`` (the show), ``demo`` and ``calibrate``."""

from __future__ import annotations

import sys
from pathlib import Path

from player.core.model import messages
from player.core.model.messages import tr
from player.commands.common import config_of, has_display, load

__all__ = ["cmd_run", "cmd_demo", "cmd_calibrate"]


def cmd_run(args) -> int:
    from player.startcache import cache_folder, cached, fresh, key_of, run_words

    def read():
        config = config_of(args)
        return config, load(args, config)
    # remembered by the files read (player/startcache.py): a second start skips the YAML and the checks
    key = run_words(args.session, args.config, args.language)
    # and its first frame: on the screen before the show's own code is imported (player/display/splash.py;
    # player.cli.main showed it before argparse was loaded, player/launch.py: then show() finds it there)
    from player.display import splash
    window = (args.windowed, args.display)
    if fresh(key) is not None:
        splash.show(splash.frame_file(cache_folder(), key_of(key), window), restart=args.restart)
    from player.show import run_show
    config, session = cached(key, read)
    messages.use(config.language)      # the language chosen when the settings were read (the key holds its inputs)
    if args.serve or args.port is not None:       # the room's pages (player/serve): only when asked for
        from dataclasses import replace
        config = replace(config, serve=replace(config.serve, enabled=True,
                                               port=config.serve.port if args.port is None else args.port))
    return run_show(session, config, display=args.display, windowed=args.windowed, restart=args.restart,
                    first_frame_file=Path(splash.frame_file(cache_folder(), key_of(key), window)))


def cmd_calibrate(args) -> int:
    from player.calibrate import run_calibrate

    return run_calibrate(config_of(args), windowed=args.windowed)


def cmd_demo(args) -> int:
    from player.commands.check import print_plan
    config = config_of(args)
    session = load(args, config)
    print_plan(session)
    if has_display():
        from player.core.model.errors import DeviceError
        from player.show import run_show
        try:
            # a demo starts from the beginning; `helsekor run` resumes where a session stopped
            return run_show(session, config, display=None, windowed=args.windowed, restart=not args.resume)
        except DeviceError as err:
            print("helsekor: " + tr("no window could be opened ({error}); rehearsing without a screen instead.", error=err),
                  file=sys.stderr)
    else:
        print("\n" + tr("No screen here (DISPLAY is not set): rehearsing the session without one."))
    from player.commands.render import cmd_render
    args.out, args.fps, args.size, args.steps = args.out or "out/demo", 30, "1280x720", None
    return cmd_render(args)
