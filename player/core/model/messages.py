"""The one message catalog: every word a user sees, in one language at a time.

The words live in gettext catalogs, ``player/locale/{nb,en}/LC_MESSAGES/helsekor.po``
(edited by hand or with Babel: ``make messages`` extracts and updates, see
``docs/DESIGN.md``), compiled to the ``.mo`` beside each, which is all that is read at run
time (stdlib :mod:`gettext`, no Babel: cheap to start). Two kinds of entries:

- a program message (``check`` problems, the plan, the CLI, importers, logs): the message
  id is its English text with ``{fields}``; :func:`tr` gives it translated and filled in;
- the show's words (the runner's, the views', the display's): the message id is the text
  key (``inhale``, ``verse``) in the context ``texts``; :func:`texts` gives all of them for
  one language as a ``dict`` for :func:`player.core.show.words.say` (a choir's own
  ``texts:`` in its config.yaml go on top, see ``Settings.texts``).

The language is chosen once, where the program starts (``--language``,
``$HELSEKOR_LANGUAGE``, ``language:`` in config.yaml; bokmål by default), with :func:`use`;
that is the gettext model of one installed catalog per process, and everything printed after
it speaks that language. The ``.mo`` files are read through :mod:`player.core.model.files`
(the core's one reading layer), each once and on first use. A missing or broken catalog
falls back to the message id (English), never a crash. Any thread may call :func:`tr`.
"""

from __future__ import annotations

import gettext
import importlib
import io
import os
from pathlib import Path
from typing import Mapping

__all__ = ["LANGUAGES", "DEFAULT_LANGUAGE", "LOCALE_DIR", "TEXTS_CONTEXT", "use", "current", "tr", "N_", "texts",
           "catalog_of", "chosen_language"]

#: the languages the program speaks; the first is the default
LANGUAGES = ("nb", "en")
DEFAULT_LANGUAGE = "nb"
LOCALE_DIR = Path(__file__).resolve().parents[2] / "locale"
DOMAIN = "helsekor"
#: the gettext context of the show's words (their message id is the text key)
TEXTS_CONTEXT = "texts"

_catalogs: dict[str, gettext.NullTranslations] = {}
#: how a .mo file is read: set by :mod:`player.core.model.files` (the reading layer speaks
#: through this module, so this module cannot import it by name without a circle)
reader: list = []
_active: list[str] = []        # the language chosen with use(); empty: not chosen yet


def chosen_language(given: str | None = None, configured: str | None = None) -> str:
    """The language to speak: ``given`` (``--language``), else ``$HELSEKOR_LANGUAGE``, else
    ``configured`` (config.yaml ``language:``), else bokmål. A language with no catalog
    speaks bokmål (``nn``, ``no`` and ``nb_NO`` are read as bokmål, ``en_GB`` as English)."""
    for wanted in (given, os.environ.get("HELSEKOR_LANGUAGE"), configured):
        if wanted:
            base = wanted.replace("-", "_").split("_")[0].lower()
            return base if base in LANGUAGES else DEFAULT_LANGUAGE
    return DEFAULT_LANGUAGE


def catalog_of(language: str) -> gettext.NullTranslations:
    """The compiled catalog of ``language`` (read once); an empty one when it cannot be read."""
    found = _catalogs.get(language)
    if found is None:
        if not reader:
            importlib.import_module("player.core.model.files")      # registers its reader

        path = LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.mo"
        _catalogs[language] = gettext.NullTranslations()    # a refusal while reading speaks English
        try:
            found = gettext.GNUTranslations(io.BytesIO(reader[0](path)))
        except Exception:           # noqa: BLE001 - any unreadable catalog speaks the message ids
            found = gettext.NullTranslations()
        _catalogs[language] = found
    return found


def use(language: str | None) -> str:
    """Speak ``language`` from now on (see :func:`chosen_language`); returns the one chosen."""
    chosen = chosen_language(language) if language else chosen_language()
    _active[:] = [chosen]
    return chosen


def current() -> str:
    """The language being spoken (chosen from the environment on first use if nobody chose)."""
    if not _active:
        _active.append(chosen_language())
    return _active[0]


def tr(message: str, /, **fields: object) -> str:
    """``message`` (an English message id) in the current language, ``{fields}`` filled in.
    A translation that does not fit its fields falls back to the English text."""
    translated = catalog_of(current()).gettext(message)
    if not fields:
        return translated
    try:
        return translated.format(**fields)
    except (KeyError, IndexError, ValueError):
        return message.format(**fields)


def texts(language: str | None = None) -> dict[str, str]:
    """Every show word of ``language`` (default: the current one) as key → text."""
    cat = catalog_of(language or current())
    raw: Mapping = getattr(cat, "_catalog", {})
    prefix = TEXTS_CONTEXT + "\x04"
    return {key[len(prefix):]: value for key, value in raw.items()
            if isinstance(key, str) and key.startswith(prefix) and value}


def N_(message: str, /) -> str:
    """Marks ``message`` for the catalog where it is written (a table made at import time) and
    returns it untranslated: :func:`tr` translates it where it is shown."""
    return message
