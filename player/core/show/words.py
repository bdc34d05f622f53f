"""The show's words: every word the runner and the views show comes from the message catalog
(:mod:`player.core.model.messages`, context ``texts``, one language at a time, with a choir's own
``texts:`` on top: ``Settings.texts()``), handed in as a ``dict`` of key → message. Messages may hold
``{fields}``. A key missing from the catalog shows as the key itself (never a traceback), so a
forgotten word is seen at once in a rehearsal. Pure; any thread.
"""

from __future__ import annotations

import logging
from typing import Mapping

__all__ = ["say"]

logger = logging.getLogger("helsekor")
_warned: set[str] = set()     # each missing or broken key is logged once, not every frame


def _warn_once(key: str, message: str, *args) -> None:
    if key not in _warned:
        _warned.add(key)
        logger.warning(message, key, *args)


def say(texts: Mapping[str, str], key: str, **fields) -> str:
    """The catalog's message ``key`` with ``fields`` filled in."""
    message = texts.get(key)
    if message is None:
        _warn_once(key, "no text %r in the catalog (player/locale/*/LC_MESSAGES/helsekor.po, context texts)")
        return key if not fields else key + " " + " ".join(str(v) for v in fields.values())
    try:
        return message.format(**fields)
    except (KeyError, IndexError, ValueError) as err:
        _warn_once(key, "text %r does not fit its fields %s: %s", sorted(fields), err)
        return message
