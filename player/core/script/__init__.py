"""Reading and checking scripts (sessions, songs, exercises) and the settings file into the
frozen model, with every problem as ``file:line: field: what is wrong (what is allowed)``.
May import :mod:`player.core.model` only (and the standard library, PyYAML)."""
