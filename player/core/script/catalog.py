"""Checking ``texts:`` — the words the program shows, per language — before the show.

Each text may use only the ``{fields}`` the program fills for its key (:data:`TEXT_FIELDS`);
``texts: {nb: {verse: "Vers {bogus}"}}`` is a problem at its file:line, not a KeyError during
the session. A key the table does not name, but the project's own config.yaml ships, may use
the fields its shipped text uses.
"""

from __future__ import annotations

import difflib
import string
from typing import Mapping

from player.core.script.checks import Checker
from player.core.script.yamlnodes import Node
from player.core.script.values import string as text_reader
from player.core.model.messages import tr

__all__ = ["TEXT_FIELDS", "fields_of", "read_catalog"]

#: Text key → the fields the program fills in (``str.format`` names); a text may use fewer.
TEXT_FIELDS: Mapping[str, tuple[str, ...]] = {
    "inhale": (), "exhale": (), "sound": (), "hold": (), "call": (), "response": (),
    "verse": ("n", "total"), "chorus": (), "bridge": (), "intro": (), "outro": (),
    "pause_countdown": ("minutes",), "pause_soon": (), "next_up": ("title",), "step_of": ("k", "n"),
    "end": (), "songbook": (), "quit_confirm": (), "quit_hint": (), "go_to_step": ("n",),
    "draw_failed": (), "breath_cycle": ("cycle", "cycles"),
}

_FORMATTER = string.Formatter()


def fields_of(text: str) -> tuple[str, ...]:
    """The ``{names}`` in ``text``; ValueError for braces ``str.format`` cannot read, or for a
    field with a position, attribute, index, conversion or format (only ``{name}`` is allowed)."""
    names = []
    for _literal, name, spec, conversion in _FORMATTER.parse(text):
        if name is None:
            continue
        if not name.isidentifier() or spec or conversion:
            shown = "{" + name + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "") + "}"
            raise ValueError(tr("'{shown}' is not a field (write a field as {{name}})", shown=shown))
        names.append(name)
    return tuple(names)


def _allowed(key: str, shipped: Mapping[str, str]) -> tuple[str, ...] | None:
    if key in TEXT_FIELDS:
        return TEXT_FIELDS[key]
    try:
        return fields_of(shipped[key]) if key in shipped else None
    except ValueError:
        return None


def read_catalog(ck: Checker, node: Node, path: str, shipped: Mapping[str, str]) -> dict[str, dict[str, str]]:
    """``texts:`` as {language: {key: text}}; ``shipped`` is the project's own bokmål texts."""
    out: dict[str, dict[str, str]] = {}
    if node.kind != "map":
        ck.error(node, path, tr("expected a block of languages (such as 'nb:'), found {value}", value=tr('a list') if node.kind == 'seq' else tr('a value')))
        return out
    known = sorted(set(TEXT_FIELDS) | set(shipped))
    for language, block in node.value.items():
        lpath = f"{path}.{language}"
        if not (2 <= len(language) <= 8 and language.replace("-", "").replace("_", "").isalnum()):
            ck.error(block, lpath, tr("'{language}' is not a language code (allowed: codes such as nb, en)", language=language))
            continue
        entries = ck.mapping(block, lpath, (), known)
        if entries is None:
            continue
        texts: dict[str, str] = {}
        for key, value in entries.items():
            kpath = f"{lpath}.{key}"
            text = text_reader(2000, strip=False)(ck, value, kpath)
            if text is None:
                continue
            try:
                used = fields_of(text)
            except ValueError as err:
                ck.error(value, kpath, tr('{err}; a brace that is not a field is written {{{{ or }}}}', err=err))
                continue
            allowed = _allowed(key, shipped)
            wrong = [n for n in used if allowed is not None and n not in allowed]
            if wrong:
                offer = ", ".join("{" + a + "}" for a in allowed) if allowed else tr("none: this text is shown as it is")
                guess = difflib.get_close_matches(wrong[0], allowed or (), n=1)
                hint = tr("; did you mean '{{{guess}}}'?", guess=guess[0]) if guess else ""
                ck.error(value, kpath, tr("unknown field '{{{wrong}}}' (allowed: {offer}){hint}", wrong=wrong[0], offer=offer, hint=hint))
                continue
            texts[key] = text
        out[language] = texts
    return out
