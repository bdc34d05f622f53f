"""Keep the message catalog (player/locale/*/LC_MESSAGES/helsekor.po and .mo) in step with the code.

    python tools/messages.py update        extract every tr("...") with Babel (babel.cfg), add new
                                           messages to nb.po and en.po, compile both .mo
    python tools/messages.py compile       only compile the .po files to .mo
    python tools/messages.py texts [FILE]  carry the show's words from a config.yaml ``texts: nb:``
                                           and ``texts: en:`` (default: the project's) into the
                                           catalog as context "texts" entries, then compile; prints
                                           each key that still needs its English

English is the source language: an English entry left empty gets its message id (for the
show's words, the bokmål text marked ``#, fuzzy`` until someone writes the English). The
extraction is ``pybabel extract -F babel.cfg -k tr -o helsekor.pot player`` done through
Babel's API, so that the show's words (which are data, not code) stay in the template.
Needs Babel (a test dependency); the program itself only reads the .mo with stdlib gettext.
"""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[1]
LOCALE = ROOT / "player" / "locale"
LANGUAGES = ("nb", "en")
CONTEXT = "texts"
KEYWORDS = {"tr": None, "N_": None}


def po_path(language: str) -> Path:
    return LOCALE / language / "LC_MESSAGES" / "helsekor.po"


def load(language: str) -> Catalog:
    path = po_path(language)
    if not path.exists():
        return Catalog(locale=language, domain="helsekor", project="helsekor")
    with path.open("rb") as f:
        return read_po(f, locale=language)


def save(language: str, catalog: Catalog) -> None:
    path = po_path(language)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as f:
        write_po(f, catalog, width=0, omit_header=False, sort_output=False, include_previous=False)
    with path.with_suffix(".mo").open("wb") as f:
        write_mo(f, catalog, use_fuzzy=True)


def template() -> Catalog:
    """Every message of the code (Babel's extraction of ``tr``) plus the show's words of nb.po."""
    pot = Catalog(domain="helsekor", project="helsekor")
    for filename, lineno, message, comments, context in extract_from_dir(
            str(ROOT / "player"), method_map=[("**.py", "python")], keywords=KEYWORDS,
            comment_tags=("TRANSLATORS:",), strip_comment_tags=True):
        pot.add(message, None, [(f"player/{filename}", lineno)], auto_comments=comments, context=context)
    for entry in load("nb"):
        if entry.id and entry.context == CONTEXT:
            pot.add(entry.id, None, context=CONTEXT, auto_comments=entry.auto_comments)
    return pot


def _fill_english(catalog: Catalog, nb: Catalog) -> list[str]:
    missing = []
    for entry in catalog:
        if not entry.id or entry.string:
            continue
        if entry.context == CONTEXT:
            norwegian = nb.get(entry.id, context=CONTEXT)
            entry.string = norwegian.string if norwegian is not None else entry.id
            entry.flags.add("fuzzy")
            missing.append(entry.id)
        else:
            entry.string = entry.id
    return missing


def update() -> None:
    pot = template()
    nb = load("nb")
    for language in LANGUAGES:
        catalog = load(language)
        catalog.update(pot, update_header_comment=False, no_fuzzy_matching=True)
        catalog.obsolete.clear()
        if language == "en":
            for key in _fill_english(catalog, nb):
                print(f"en.po: write the English of '{key}'")
        save(language, catalog)
    empty = [e.id for e in load("nb") if e.id and not e.string]
    for message in empty:
        print(f"nb.po: translate {message!r}")


def compile_all() -> None:
    for language in LANGUAGES:
        save(language, load(language))


def carry_texts(config: Path) -> None:
    """The ``texts: nb:`` (and ``texts: en:``, if given) of ``config`` into nb.po and en.po: one
    line per key under each language is all a new word needs. A key with no English yet gets
    the bokmål, marked fuzzy (the catalog test fails until someone writes the English)."""
    import yaml

    data = yaml.safe_load(config.read_text(encoding="utf-8")) or {}
    texts = data.get("texts") or {}
    words, english = texts.get("nb") or {}, texts.get("en") or {}
    nb, en = load("nb"), load("en")
    for key, text in words.items():
        key, text = str(key), str(text)
        old = nb.get(key, context=CONTEXT)
        if old is None or old.string != text:
            nb.add(key, text, context=CONTEXT)
        if key in english:
            en.add(key, str(english[key]), context=CONTEXT)
        elif en.get(key, context=CONTEXT) is None:
            en.add(key, text, context=CONTEXT, flags=("fuzzy",))
            print(f"en.po: write the English of '{key}' (now the bokmål «{text}», marked fuzzy), "
                  f"or give it under texts: en: and run this again")
    save("nb", nb)
    save("en", en)
    if words:
        print(f"carried {len(words)} words; now delete the texts: block from {config}")


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in ("update", "compile", "texts"):
        print(__doc__)
        return 2
    if argv[0] == "update":
        update()
    elif argv[0] == "compile":
        compile_all()
    else:
        carry_texts(Path(argv[1]) if len(argv) > 1 else ROOT / "config.yaml")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
