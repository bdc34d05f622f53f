"""Readers for single settings values, each over a :class:`Node` with a :class:`Checker`.

Every reader returns the typed value, or ``None`` after recording a problem with the value's
file:line, its field path and what is allowed. Numbers of any size, NaN and infinity are
refused with the range (never an OverflowError); ``~user`` paths with an unknown user are a
problem, not a RuntimeError.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Callable

from player.core.model.settings import Colour
from player.core.script.checks import Checker, describe, show_number
from player.core.script.yamlnodes import Node
from player.core.model.messages import tr

__all__ = ["Reader", "describe", "number", "whole", "boolean", "choice", "string", "colour",
           "pair", "auto_or", "folder", "show_number"]

#: A value reader: (checker, node, field path) → the value or None (a problem was recorded).
Reader = Callable[[Checker, Node, str], object]


def number(lo: float, hi: float, integer: bool = False) -> Reader:
    """A number from ``lo`` to ``hi`` (a whole one with ``integer``)."""
    def read(ck: Checker, node: Node, path: str):
        allowed = (tr("a whole number from {lo} to {hi}", lo=show_number(lo), hi=show_number(hi)) if integer
                   else tr("a number from {lo} to {hi}", lo=show_number(lo), hi=show_number(hi)))
        v = node.value
        if node.kind != "scalar" or isinstance(v, bool) or not isinstance(v, (int, float)):
            ck.error(node, path, tr('expected {allowed}, found {node}', allowed=allowed, node=describe(node)))
            return None
        if isinstance(v, float) and not math.isfinite(v):
            ck.error(node, path, tr('{v} is not allowed (allowed: {allowed})', v=show_number(v), allowed=allowed))
            return None
        if integer and isinstance(v, float) and not v.is_integer():
            ck.error(node, path, tr('expected {allowed}, found {v}', allowed=allowed, v=show_number(v)))
            return None
        if not lo <= v <= hi:
            ck.error(node, path, tr('{v} is out of range (allowed: {lo} to {hi})', v=show_number(v), lo=show_number(lo), hi=show_number(hi)))
            return None
        return int(v) if integer else float(v)
    return read


def whole(lo: int, hi: int) -> Reader:
    return number(lo, hi, integer=True)


def boolean(ck: Checker, node: Node, path: str):
    return ck.boolean(node, path)


def choice(*choices: str) -> Reader:
    def read(ck: Checker, node: Node, path: str):
        return ck.choice(node, path, choices)
    return read


def string(max_len: int = 500, empty: bool = True, strip: bool = True) -> Reader:
    """Text (numbers written bare, such as a key name ``1``, count as text); empty allowed.
    ``strip=False`` keeps the spaces round it (a separator such as ``" · "`` in a catalog text)."""
    def read(ck: Checker, node: Node, path: str):
        v = node.value
        if node.kind != "scalar" or isinstance(v, bool) or (v is None and not empty):
            ck.error(node, path, tr('expected text, found {node}', node=describe(node)))
            return None
        text = "" if v is None else (str(v).strip() if strip else str(v))
        if not text.strip() and not empty:
            ck.error(node, path, tr('must not be empty'))
            return None
        if len(text) > max_len:
            ck.error(node, path, tr('too long ({n} characters, at most {max_len})', n=len(text), max_len=max_len))
            return None
        return text
    return read


def colour(ck: Checker, node: Node, path: str) -> Colour | None:
    """``"#RRGGBB"`` or ``[r, g, b]`` (0–255 each)."""
    v = node.value
    if node.kind == "seq" and len(v) == 3 and all(n.kind == "scalar" and type(n.value) is int and 0 <= n.value <= 255
                                                  for n in v):
        return (v[0].value, v[1].value, v[2].value)
    if node.kind == "scalar" and isinstance(v, str) and len(v) == 7 and v.startswith("#"):
        try:
            return (int(v[1:3], 16), int(v[3:5], 16), int(v[5:7], 16))
        except ValueError:
            pass
    ck.error(node, path, tr('{node} is not a colour (allowed: "#RRGGBB" such as "#FFD84A", or [r, g, b] 0–255)', node=describe(node)))
    return None


def pair(lo: int, hi: int, what: str) -> Reader:
    """``[width, height]``: two whole numbers from ``lo`` to ``hi``."""
    inner = whole(lo, hi)

    def read(ck: Checker, node: Node, path: str):
        if node.kind != "seq" or len(node.value) != 2:
            ck.error(node, path, tr('expected {what} as [width, height], found {node}', what=tr(what), node=describe(node)))
            return None
        a, b = (inner(ck, n, f"{path}[{i}]") for i, n in enumerate(node.value))
        return None if a is None or b is None else (a, b)
    return read


def auto_or(inner: Reader, allowed: str) -> Reader:
    """``auto`` or what ``inner`` reads (``allowed`` says both, for the message)."""
    def read(ck: Checker, node: Node, path: str):
        if node.kind == "scalar" and node.value == "auto":
            return "auto"
        value = inner(Checker(), node, path)
        if value is None:
            ck.error(node, path, tr('expected {allowed}, found {node}', allowed=tr(allowed), node=describe(node)))
        return value
    return read


def folder(ck: Checker, node: Node, path: str) -> Path | None:
    """A folder or file path: ``~`` is the home folder; a relative path is relative to the
    file that names it. The path need not exist (see the callers)."""
    text = string(4096, empty=False)(ck, node, path)
    if text is None:
        return None
    try:
        p = Path(text).expanduser()
    except RuntimeError:
        user = text[1:].split("/", 1)[0]
        what = tr("no user '{user}' on this computer", user=user) if user else tr("the home folder is not known")
        ck.error(node, path, tr('{what}: {text} (write the whole path, or ~/ for your own home folder)', what=what, text=text))
        return None
    return p if p.is_absolute() else Path(node.file).resolve().parent / p
