"""Reading YAML safely while keeping where every value came from.

``parse(text, file)`` turns a YAML document into a tree of :class:`Node` objects: mappings
become ``dict[str, Node]``, sequences ``list[Node]``, scalars plain Python values (str, int,
float, bool, None), each with its file, line and column (1-based). Only YAML's safe scalar
types are constructed; tags that would build objects are reported as problems, never run.
Strings holding a NUL or a lone surrogate are refused where they are written.
``read_tree(path)`` reads the file through the reading layer (:mod:`player.core.model.files`)
first, so a FIFO, a device, a link loop or an oversized file is refused by name.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import SafeConstructor

from player.core.model.errors import FileRefused, Problem, ScriptError
from player.core.model.files import read_bytes
from player.core.model.messages import tr
from player.core.script.yamlhelp import explain

__all__ = ["Node", "parse", "read_tree", "text_problem"]

MAX_NODES = 50_000    # aliases can multiply a small file into a huge tree ("billion laughs"); a long song has ~3 000


_PLAIN_TAGS = ("tag:yaml.org,2002:map", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:omap")


class _TooBig(Exception):
    def __init__(self, problem: Problem):
        self.problem = problem


@dataclass(frozen=True, eq=False)
class Node:
    value: Any          # dict[str, Node] | list[Node] | str | int | float | bool | None
    file: str
    line: int
    column: int
    kind: str           # "map" | "seq" | "scalar"

    def problem(self, path: str, message: str) -> Problem:
        return Problem(self.file, self.line, self.column, path, message)

    def plain(self) -> Any:
        """The value with every Node unwrapped (for free-form data such as config colours)."""
        if self.kind == "map":
            return {k: v.plain() for k, v in self.value.items()}
        if self.kind == "seq":
            return [v.plain() for v in self.value]
        return self.value


def text_problem(text: str) -> str | None:
    """Why a YAML string cannot be used as text, or None: a NUL character (``"\\0"``) ends
    file names and C strings, and a lone surrogate (``"\\udc80"``) is not Unicode at all
    (it cannot be printed, written or drawn)."""
    if "\x00" in text:
        return tr('the text holds a NUL character ("\\0"), which no text or file name may hold')
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as err:
        return tr('the text holds a lone surrogate ("\\u{code}"), which is not a Unicode character: '
                  "remove it or write the character itself", code=f"{ord(text[err.start]):04x}")
    return None


class _Builder:
    def __init__(self, file: str):
        self.file = file
        self.constructor = SafeConstructor()
        self.problems: list[Problem] = []
        self.count = 0

    def build(self, node: yaml.Node, depth: int = 0) -> Node:
        mark = node.start_mark
        line, col = mark.line + 1, mark.column + 1
        self.count += 1
        if self.count > MAX_NODES:
            raise _TooBig(Problem(self.file, line, col, "", tr('the file has too many values (at most {MAX_NODES})', MAX_NODES=MAX_NODES)))
        if depth > 200:
            self.problems.append(Problem(self.file, line, col, "", tr('nested too deeply (at most 200 levels)')))
            return Node(None, self.file, line, col, "scalar")
        if isinstance(node, (yaml.MappingNode, yaml.SequenceNode)) and node.tag not in _PLAIN_TAGS:
            tag = node.tag.replace("tag:yaml.org,2002:", "!!")
            self.problems.append(Problem(self.file, line, col, "", tr("the tag '{tag}' is not allowed (plain YAML only)", tag=tag)))
            return Node(None, self.file, line, col, "scalar")
        if isinstance(node, yaml.MappingNode):
            out: dict[str, Node] = {}
            for key_node, value_node in node.value:
                key = self.build(key_node, depth + 1)
                if key.kind != "scalar" or key.value is None:
                    self.problems.append(key.problem("", tr('a key must be a plain word')))
                    continue
                name = str(key.value) if not isinstance(key.value, bool) else str(key.value).lower()
                if name in out:
                    self.problems.append(key.problem("", tr("'{name}' is given twice in the same block: remove one of them, or rename it", name=name)))
                    continue
                out[name] = self.build(value_node, depth + 1)
            return Node(out, self.file, line, col, "map")
        if isinstance(node, yaml.SequenceNode):
            return Node([self.build(n, depth + 1) for n in node.value], self.file, line, col, "seq")
        try:
            value = self.constructor.construct_object(node, deep=True)
        except (yaml.YAMLError, ValueError, TypeError, OverflowError) as err:
            if node.tag.startswith("tag:yaml.org,2002:python") or not node.tag.startswith("tag:yaml.org,2002:"):
                tag = node.tag.replace("tag:yaml.org,2002:", "!!")
                message = tr("the tag '{tag}' is not allowed (plain YAML only)", tag=tag)
            elif "Exceeds the limit" in str(err):
                message = tr("a number with too many digits (no number here needs more than a few)")
            else:
                message = tr("cannot read this value: {why}", why=getattr(err, "problem", None) or str(err).splitlines()[0])
            self.problems.append(Problem(self.file, line, col, "", message))
            value = None
        if not isinstance(value, (str, int, float, bool, type(None))):
            # dates, binary and the like: keep the text as written
            value = node.value if isinstance(node.value, str) else None
        if isinstance(value, str):
            bad = text_problem(value)
            if bad:
                self.problems.append(Problem(self.file, line, col, "", bad))
                value = None
        return Node(value, self.file, line, col, "scalar")


#: libyaml's composer when PyYAML was built with it (about 10 times faster: a file at the
#: script size cap is composed in well under a second), else the pure-Python one
_COMPOSER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def parse(text: str, file: str) -> Node:
    """Parse one YAML document. Raises :class:`ScriptError` for invalid YAML or values."""
    try:
        root = yaml.compose(text, Loader=_COMPOSER)
    except yaml.MarkedYAMLError as err:
        def at(mark):
            return (mark.line + 1, mark.column + 1) if mark is not None else None
        message, where = explain(err.problem, err.context, at(err.problem_mark), at(err.context_mark), text)
        line, column = where or (1, 1)
        raise ScriptError([Problem(file, line, column, "", message)]) from err
    except yaml.YAMLError as err:
        raise ScriptError.single(file, tr('this is not valid YAML: {err}', err=err)) from err
    except RecursionError as err:
        raise ScriptError.single(file, tr('this YAML is nested too deeply')) from err
    if root is None:
        raise ScriptError.single(file, tr('the file is empty'))
    builder = _Builder(file)
    try:
        tree = builder.build(root)
    except _TooBig as err:
        raise ScriptError([err.problem]) from None
    except RecursionError as err:
        raise ScriptError.single(file, tr('this YAML is nested too deeply')) from err
    if builder.problems:
        raise ScriptError(builder.problems)
    return tree


def read_tree(path: Path, kind: str = "script") -> Node:
    """Read a YAML file into a Node tree, or raise ScriptError naming the file (which must be
    a regular file within the size cap of ``kind``, "script" or "settings": see
    :mod:`player.core.model.files`)."""
    name = str(path)
    try:
        data = read_bytes(path, kind)
    except FileRefused as err:
        raise ScriptError.single(err.named, tr("cannot read the file: {reason}", reason=err.reason)
                                 + (tr(" (it is a link to {path})", path=err.path) if err.named != err.path else "")) from err
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise ScriptError.single(name, tr('the file is not UTF-8 text (save it as UTF-8)'), line=line) from err
    if "\x00" in text:
        raise ScriptError.single(name, tr('the file contains a NUL character: is it a text file?'))
    return parse(text, name)
