"""A session as the page edits it (plain JSON) and as a file (YAML kept round-trip by
ruamel.yaml): opening a file gives the page its steps, each remembering where it came from, and
writing the page's steps back into the opened document keeps the file's comments and order."""

from __future__ import annotations

import io
import re
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError

__all__ = ["KINDS", "FIELDS", "from_document", "to_document", "dump", "load_document", "new_document", "read_page"]

KINDS = ("song", "exercise", "text", "pause", "video")
#: the step fields the page edits, in the order a new step writes them (then, cues, lead are kept)
FIELDS = ("title", "subtitle", "verses", "repeats", "tempo_scale", "transpose", "duration", "backing", "note")
_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")


def _yaml() -> YAML:
    y = YAML(typ="rt")
    y.preserve_quotes = True
    y.width = 4096                  # never fold a long note over lines
    y.indent(mapping=2, sequence=4, offset=2)
    return y


def load_document(text: str):
    """The round-trip document of ``text``; raises ``YAMLError`` when it is not YAML."""
    return _yaml().load(text)


def new_document(title: str) -> CommentedMap:
    doc = CommentedMap()
    doc["version"] = 1
    doc["title"] = title
    doc["steps"] = CommentedSeq()
    return doc


def dump(doc) -> str:
    out = io.StringIO()
    _yaml().dump(doc, out)
    return out.getvalue()


def _plain(value):
    """A YAML value as the page shows it: a verse list as ``"1, 3"``, everything else as text."""
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return "" if value is None else str(value)


def from_document(doc) -> dict:
    """The page's view of a document: ``{"title", "steps": [{kind, value, fields…, origin}]}``.
    A step that is not a mapping with one kind is shown as text of its YAML, kind ``"?"``."""
    title = _plain(doc.get("title")) if isinstance(doc, dict) else ""
    steps = doc.get("steps") if isinstance(doc, dict) else None
    out = []
    for i, item in enumerate(steps if isinstance(steps, list) else []):
        kinds = [k for k in KINDS if isinstance(item, dict) and k in item]
        step = {"kind": kinds[0] if len(kinds) == 1 else "?", "origin": i,
                "value": _plain(item.get(kinds[0])) if len(kinds) == 1 else _plain(item)}
        for f in FIELDS:
            step[f] = _plain(item.get(f)) if isinstance(item, dict) else ""
        out.append(step)
    return {"title": title, "steps": out}


def _value(field: str, text):
    """The page's text for ``field`` as a YAML value: numbers as numbers, a verse list as a list;
    anything else stays text and the loader says what is wrong with it."""
    text = str(text).strip()
    if field == "verses":
        parts = [p.strip() for p in re.split(r"[,\s]+", text) if p.strip()]
        seq = CommentedSeq(int(p) if p.isdigit() else p for p in parts)
        seq.fa.set_flow_style()
        return seq
    if field in ("repeats", "transpose", "tempo_scale") and _NUMBER.match(text):
        return float(text) if "." in text else int(text)
    if field == "duration" and text.isdigit():
        return int(text)
    return text


def _same(old, new) -> bool:
    return (list(old) == list(new)) if isinstance(old, list) and isinstance(new, list) else old == new


def to_document(page: dict, doc=None):
    """The page's session written into ``doc`` (the opened file's document, or a new one): a
    step with an ``origin`` updates that step's mapping in place (its comments stay), a value
    left as it was is not rewritten (its quoting and style stay), an emptied field is removed."""
    doc = doc if isinstance(doc, dict) else new_document(str(page.get("title") or ""))
    doc["title"] = str(page.get("title") or "")
    old = doc.get("steps") if isinstance(doc.get("steps"), list) else []
    steps = CommentedSeq()
    for step in page.get("steps") or []:
        origin = step.get("origin")
        if step.get("kind") not in KINDS and isinstance(origin, int) and 0 <= origin < len(old):
            steps.append(old[origin])       # a step the page cannot show is kept as written
            continue
        item = old[origin] if isinstance(origin, int) and 0 <= origin < len(old) and isinstance(old[origin], dict) \
            else CommentedMap()
        kind = step.get("kind")
        if kind in KINDS:
            for k in KINDS:
                if k != kind and k in item:
                    del item[k]
            value = str(step.get("value") or "").strip()
            if kind not in item:
                item.insert(0, kind, value)
            elif _plain(item[kind]) != value:
                item[kind] = value
        for f in FIELDS:
            text = str(step.get(f) or "").strip()
            if not text:
                if f in item:
                    del item[f]
                continue
            new = _value(f, text)
            if f not in item or not _same(item[f], new) and _plain(item[f]) != text:
                item[f] = new
        steps.append(item)
    if "steps" in doc:
        doc["steps"] = steps if not old else _keep_seq(old, steps)
    else:
        doc["steps"] = steps
    return doc


def _keep_seq(old: CommentedSeq, new: CommentedSeq) -> CommentedSeq:
    """``old`` (the list with its comments) holding ``new``'s items."""
    del old[:]
    old.extend(new)
    return old


def read_page(path: Path) -> tuple[dict, str | None]:
    """The page's view of a session file, and the parser's words when it is not YAML."""
    text = path.read_text(encoding="utf-8")
    try:
        return from_document(load_document(text)), None
    except YAMLError as err:
        return {"title": path.stem, "steps": []}, str(err)
