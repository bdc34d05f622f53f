"""The choir's folder: ``helsekor init`` (make one, recorded as a library) and ``helsekor plan``
(plan a session on a local web page)."""

from __future__ import annotations

from pathlib import Path

from player.core.model.messages import tr
from player.commands.common import config_of

__all__ = ["cmd_init", "cmd_plan"]


def cmd_init(args) -> int:
    from player.choir import init

    made = init(Path(args.folder) if args.folder else None, Path(args.config) if args.config else None)
    config_of(args)       # the settings with the new library read as every command will read them
    print(tr("Choir folder: {folder}", folder=made.folder))
    for place in made.made:
        print(tr("  made  {place}", place=place.relative_to(made.folder) if place != made.folder else "."))
    for place in made.kept:
        print(tr("  kept  {place} (it was there already)", place=place.relative_to(made.folder)))
    if made.recorded:
        print(tr("  recorded as a library in {settings}", settings=made.settings))
    else:
        print(tr("  already a library in {settings}", settings=made.settings))
    print(tr("Next:\n  helsekor check \"{example}\"\n  helsekor run \"{example}\"", example=made.example))
    return 0


def cmd_plan(args) -> int:
    from player.planner import choir_folder, serve

    config = config_of(args)
    folder = Path(args.folder).expanduser().resolve() if args.folder else choir_folder(libraries=config.library)
    return serve(folder, config, host=args.host, port=args.port, browser=not args.no_browser)
