"""Small validators over :class:`~player.core.script.yamlnodes.Node` trees.

Each check records a :class:`Problem` (file:line:column, field path, what is wrong and what is
allowed) and returns ``None`` instead of raising, so one pass finds every problem at once.
"""

from __future__ import annotations

import difflib
import math
import re
from pathlib import Path
from typing import Iterable

from player.core.model.errors import Problem
from player.core.model.files import FileRefused, read_head, regular_file
from player.core.script.yamlnodes import Node
from player.core.model.messages import N_, tr

__all__ = ["Checker", "parse_duration", "read_cues", "check_version", "media_file"]

_PART = re.compile(r"(\d+(?:[.,]\d+)?)\s*(h|min|m|sek|sec|s)?\s*")   # one number and its unit
_CLOCK = re.compile(r"^\s*(\d+):([0-5]\d)\s*$")
_UNIT_SECONDS = {"h": 3600.0, "min": 60.0, "m": 60.0, "sek": 1.0, "sec": 1.0, "s": 1.0, None: 1.0}
_UNIT_RANK = {"h": 0, "min": 1, "m": 1, "sek": 2, "sec": 2, "s": 2, None: 3}
MAX_DURATION_CHARS = 40    # "1 h 30 min 15 s" is 15; nothing longer is a duration


def parse_duration(value: object) -> float | None:
    """Seconds from ``90``, ``"90s"``, ``"2min"``, ``"1min 30s"``, ``"1:30"``; None if not a
    duration (also NaN, and any text over :data:`MAX_DURATION_CHARS`). Linear in the text:
    one left-to-right pass of number-and-unit parts, hours before minutes before seconds."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return float(value) if abs(value) < 10 ** 15 else (math.inf if value > 0 else -math.inf)
    if isinstance(value, float):
        return None if math.isnan(value) else value
    if not isinstance(value, str) or not value.strip() or len(value) > MAX_DURATION_CHARS:
        return None
    m = _CLOCK.match(value)
    if m:
        return int(m.group(1)) * 60 + int(m.group(2))
    text = value.strip()
    pos, total, rank = 0, 0.0, -1
    while pos < len(text):
        part = _PART.match(text, pos)
        if part is None or part.end() == pos:
            return None
        number, unit = part.group(1), part.group(2)
        if _UNIT_RANK[unit] <= rank:
            return None                  # "30s 1min", "1 2", "2min 3min"
        rank = _UNIT_RANK[unit]
        total += float(number.replace(",", ".")) * _UNIT_SECONDS[unit]
        pos = part.end()
    return total if rank >= 0 else None


class Checker:
    """Collects problems while reading one or more files."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def error(self, node: Node, path: str, message: str) -> None:
        self.problems.append(node.problem(path, message))

    # --- shapes -----------------------------------------------------------------------
    def mapping(self, node: Node, path: str, required: Iterable[str], optional: Iterable[str]) -> dict[str, Node] | None:
        """The mapping's entries, after reporting missing and unknown keys."""
        if node.kind != "map":
            self.error(node, path, tr("expected a block of 'key: value' lines, found {node}", node=describe(node)))
            return None
        required, optional = list(required), list(optional)
        allowed = required + optional
        for key, value in node.value.items():
            if key not in allowed:
                guess = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
                hint = tr("did you mean '{guess}'?", guess=guess[0]) if guess else tr("allowed: {keys}", keys=", ".join(allowed))
                self.error(value, _join(path, key), tr("unknown key '{key}' ({hint})", key=key, hint=hint))
        for key in required:
            if key not in node.value:
                self.error(node, path, tr("'{key}' is missing (it is required here)", key=key))
        return {k: v for k, v in node.value.items() if k in allowed}

    def sequence(self, node: Node, path: str, min_items: int = 0) -> list[Node] | None:
        if node.kind != "seq":
            self.error(node, path, tr("expected a list ('- item' lines or [a, b]), found {node}", node=describe(node)))
            return None
        if len(node.value) < min_items:
            self.error(node, path, tr('needs at least 1 item') if min_items == 1 else tr('needs at least {n} items', n=min_items))
            return None
        return node.value

    # --- scalars ----------------------------------------------------------------------
    def text(self, node: Node, path: str, max_len: int = 2000) -> str | None:
        value = node.value
        if node.kind != "scalar" or value is None or isinstance(value, bool):
            self.error(node, path, tr('expected text, found {node}', node=describe(node)))
            return None
        text = str(value).strip()
        if not text:
            self.error(node, path, tr('must not be empty'))
            return None
        if len(text) > max_len:
            self.error(node, path, tr('too long ({n} characters, at most {max_len})', n=len(text), max_len=max_len))
            return None
        return text

    def number(self, node: Node, path: str, lo: float, hi: float, integer: bool = False) -> float | None:
        """A number from ``lo`` to ``hi``; integers of any size, NaN and infinity are refused
        with the range (never converted to float before they are known to fit)."""
        value = node.value
        kind = tr("a whole number") if integer else tr("a number")
        allowed = tr("{lo} to {hi}", lo=_fmt(lo), hi=_fmt(hi))
        if node.kind != "scalar" or isinstance(value, bool) or not isinstance(value, (int, float)):
            self.error(node, path, tr('expected {kind} from {allowed}, found {node}', kind=kind, allowed=allowed, node=describe(node)))
            return None
        if isinstance(value, float) and math.isnan(value):
            self.error(node, path, tr('expected {kind} from {allowed}, found .nan (not a number)', kind=kind, allowed=allowed))
            return None
        if integer and isinstance(value, float) and not value.is_integer():
            self.error(node, path, tr('expected {kind} from {allowed}, found {value}', kind=kind, allowed=allowed, value=_fmt(value)))
            return None
        if not (lo <= value <= hi):      # int against float compares exactly, whatever its size
            self.error(node, path, tr('{value} is out of range (allowed: {allowed})', value=_fmt(value), allowed=allowed))
            return None
        return int(value) if integer else float(value)

    def choice(self, node: Node, path: str, choices: Iterable[str]) -> str | None:
        choices = list(choices)
        value = node.value
        if node.kind != "scalar" or not isinstance(value, str) or value not in choices:
            shown = describe(node) if not isinstance(value, str) else f"'{value}'"
            guess = difflib.get_close_matches(str(value), choices, n=1) if isinstance(value, str) else []
            hint = tr("; did you mean '{guess}'?", guess=guess[0]) if guess else ""
            self.error(node, path, tr('{shown} is not allowed (allowed: {choices}){hint}', shown=shown, choices=', '.join(choices), hint=hint))
            return None
        return value

    def duration(self, node: Node, path: str, lo: float = 1, hi: float = 4 * 3600) -> float | None:
        seconds = parse_duration(node.value) if node.kind == "scalar" else None
        if seconds is None:
            self.error(node, path, tr('expected a duration such as 90, 90s, 2min, 1min 30s or 1:30, found {node}', node=describe(node)))
            return None
        if not (lo <= seconds <= hi):
            self.error(node, path, tr('{seconds} s is out of range (allowed: {lo} s to {hi} s)', seconds=_fmt(seconds), lo=_fmt(lo), hi=_fmt(hi)))
            return None
        return seconds

    def boolean(self, node: Node, path: str) -> bool | None:
        if node.kind != "scalar" or not isinstance(node.value, bool):
            self.error(node, path, tr('expected true or false, found {node}', node=describe(node)))
            return None
        return node.value


def _join(path: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else key


def show_number(x: float) -> str:
    """A number for a message: whole numbers without ``.0``, huge ones by their size (also past
    Python's int-to-text limit), NaN and infinity as YAML writes them."""
    if isinstance(x, int) and not isinstance(x, bool):
        if abs(x) < 10 ** 15:
            return str(x)
        try:
            digits = len(str(abs(x)))
        except ValueError:          # past Python's int-to-text limit (4300 digits)
            digits = int(abs(x).bit_length() * math.log10(2)) + 1
        return tr("a number of {digits} digits", digits=digits)
    if math.isnan(x):
        return ".nan"
    if math.isinf(x):
        return ".inf" if x > 0 else "-.inf"
    return str(int(x)) if x.is_integer() and abs(x) < 1e15 else f"{x:g}"


_fmt = show_number


def describe(node: Node) -> str:
    """What a node holds, in the words of a message."""
    if node.kind == "map":
        return tr("a block of keys")
    if node.kind == "seq":
        return tr("a list")
    v = node.value
    if v is None:
        return tr("nothing")
    if isinstance(v, bool):
        return str(v).lower()
    if isinstance(v, str):
        short = v if len(v) <= 40 else v[:37] + "..."
        return f"'{short}'"
    if isinstance(v, (int, float)):
        return _fmt(v)
    return repr(v)


join = _join
_describe = describe


def read_cues(ck: Checker, node: Node, path: str, cue_checker=None) -> tuple:
    """A ``cues:`` list: ``- {send: "program 5"}`` (at the start) or ``- {bar: 9, send: ...}``.
    ``cue_checker(spec) -> [problems]`` checks the message itself (injected: the MIDI package)."""
    from player.core.model.data import Cue

    out = []
    for i, item in enumerate(ck.sequence(node, path, 1) or []):
        p = f"{path}[{i}]"
        m = ck.mapping(item, p, ("send",), ("bar",))
        if m is None or "send" not in m:
            continue
        bar = ck.number(m["bar"], _join(p, "bar"), 1, 999, integer=True) if "bar" in m else None
        if "bar" in m and bar is None:
            continue
        spec = m["send"].plain()
        problems = cue_checker(spec) if cue_checker is not None else []
        for problem in problems:
            ck.error(m["send"], _join(p, "send"), tr('{problem} (a cue is a {help})', problem=problem, help=tr(CUE_HELP)))
        if not problems:
            out.append(Cue(bar, spec, item.line))
    return tuple(out)


CUE_HELP = N_('note, cc, program (with bank) or sysex message, such as "program 5 bank 2" or "cc 64 127 ch 1"')


def check_version(ck: Checker, m: dict[str, Node]) -> None:
    """Every script file says ``version: 1``."""
    if "version" in m:
        v = m["version"].value
        if isinstance(v, bool) or v != 1:
            ck.error(m["version"], "version", tr('version {m} is not known (this program reads version 1)', m=describe(m['version'])))


def media_file(ck: Checker, node: Node, path: str, base: Path, name: str, kind: str) -> Path | None:
    """The media file ``name`` (relative to the script file ``base``) resolved, if it is a
    regular file within the cap of ``kind`` whose first byte can be read; else None, with the
    problem recorded (missing, a FIFO, a device, a folder, a symlink loop, an I/O error...)."""
    try:
        wanted = Path(name).expanduser()
    except RuntimeError:                 # "~someone/x" with no such user
        ck.error(node, path, tr("'{name}': no such home folder (write the path without ~)", name=name))
        return None
    try:
        found = regular_file(base.parent / wanted, kind)
        read_head(base.parent / wanted, 1, kind)
    except FileRefused as err:
        if err.why == "missing":
            ck.error(node, path, tr('file not found: {path} (paths are relative to {name})', path=err.path, name=base.name))
        else:
            ck.error(node, path, tr('cannot use {where}: {reason}', where=err.where, reason=err.reason))
        return None
    return found
