"""What every command reads the same way: the settings (in the language chosen) and the session."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from player.core.model import messages

if TYPE_CHECKING:    # the YAML reader and the checks load on first use (a remembered `run` needs neither)
    from player.core.script.config import Config
    from player.core.model.data import Session      # (nor the model's classes before its first frame)

__all__ = ["config_of", "load", "fmt_time", "has_display"]


def fmt_time(seconds: float) -> str:
    from player.core.show.acts import fmt_time as fmt
    return fmt(seconds)


def config_of(args) -> Config:
    """The settings: the project's config.yaml, the user's (``--config``) on top, in the language chosen."""
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    from player.display.keymap import known_key
    from player.core.script.config import load_config

    config = load_config(user_file=Path(args.config) if getattr(args, "config", None) else None, known_key=known_key)
    if getattr(args, "command", None) == "run" and not getattr(args, "language", None):
        messages.use(messages.chosen_language(None, config.language))   # `run` chose none before (cli.choose_language)
    # one language at a time: the show speaks the language the messages speak
    from dataclasses import replace
    return replace(config, language=messages.current())


def load(args, config: Config) -> Session:
    from player.wiring import load_session_file
    return load_session_file(Path(args.session), config)


def has_display() -> bool:
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
