"""The library as the page lists it: every song and exercise that can be used (built-in, the
library folders' and the choir folder's), with title, kind, length, key, tempo and tags, and a
search that ignores case and accents (å/aa/a, ø/o, æ/ae)."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import yaml

from player.core.model.data import Step
from player.core.script.library import Library
from player.core.script.plan import planned_seconds
from player.core.show.acts import fmt_time

__all__ = ["fold", "library_items", "matches", "TAGS_FILE"]

TAGS_FILE = Path(__file__).with_name("tags.yaml")


def fold(text: str) -> str:
    """Text for comparing: lower case, no accents, å/aa → a, ø → o, æ → ae (so «bjornen»,
    «bjørnen» and «Bjørnen» are the same word)."""
    text = text.lower().replace("aa", "a").replace("å", "a").replace("ø", "o").replace("æ", "ae")
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c))


def matches(item: dict, query: str) -> bool:
    words = fold(query).split()
    hay = fold(" ".join([item["id"], item["title"], item.get("credits", ""), " ".join(item["tags"])]))
    return all(w in hay for w in words)


def _tags() -> dict[str, list[str]]:
    """id → tags (``hymn``, ``season-christmas``…) from the planner's tags.yaml."""
    try:
        data = yaml.safe_load(TAGS_FILE.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError):
        return {}
    out: dict[str, list[str]] = {}
    for tag, ids in data.items() if isinstance(data, dict) else ():
        for ident in ids or ():
            out.setdefault(str(ident), []).append(str(tag))
    return out


def library_items(library: Library, loader) -> list[dict]:
    """One dict per song and exercise, songs and exercises each by title; one that does not load
    is listed with ``problems`` so the page can say so."""
    tags = _tags()
    items: list[dict] = []
    for kind in ("exercise", "song"):
        for ident, path in library.all(kind).items():
            before = len(loader.ck.problems)
            thing = loader.exercise(path) if kind == "exercise" else loader.song(path)
            problems = [str(p) for p in loader.ck.problems[before:]]
            item = {"id": ident, "kind": kind, "title": ident, "credits": "", "seconds": None, "length": "",
                    "key": "", "tempo": None, "tags": list(tags.get(ident, [])), "file": str(path),
                    "verses": 0, "problems": problems, "backing": "none"}
            if kind == "exercise":
                item["tags"].insert(0, "warmup")
            if thing is not None and kind == "song":
                seconds = thing.beats_sung() * 60 / thing.tempo
                item.update(title=thing.title, credits=thing.credits, seconds=seconds, length=fmt_time(seconds),
                            key=thing.key, tempo=thing.tempo, verses=thing.verse_count,
                            backing="midi" if thing.midi else "audio" if thing.audio else "none",
                            meter=f"{thing.meter.beats}/{thing.meter.unit}")
            elif thing is not None:
                song = thing.song
                seconds = planned_seconds(Step(0, "exercise", thing.title, "", 0, repeats=thing.repeats, exercise=thing,
                                               song=song, backing="midi" if song and song.midi else "none")) or None
                item.update(title=thing.title, exercise_kind=thing.kind, seconds=seconds,
                            length=fmt_time(seconds) if seconds else "", tempo=thing.tempo,
                            key=thing.song.key if thing.song else "")
            items.append(item)
    return sorted(items, key=lambda i: (i["kind"] != "exercise", fold(i["title"])))
