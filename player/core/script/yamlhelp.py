"""YAML syntax errors in plain words, with the fix: what a conductor typing a script most often
gets wrong (a tab, a colon inside a text, a quote left open, a list item among keys, a line
indented out of step), and where it is. The parser's own words follow in brackets, for the
one who knows YAML.
"""

from __future__ import annotations

from player.core.model.messages import tr

__all__ = ["explain"]


def _has(text: str | None, *parts: str) -> bool:
    return bool(text) and any(p in text for p in parts)


def _char_at(text: str, at: tuple[int, int] | None) -> str:
    if at is None:
        return ""
    lines = text.split("\n")
    line = lines[at[0] - 1] if 0 < at[0] <= len(lines) else ""
    return line[at[1] - 1] if 0 < at[1] <= len(line) else ""


def explain(problem: str | None, context: str | None, problem_at: tuple[int, int] | None,
            context_at: tuple[int, int] | None, text: str = "") -> tuple[str, tuple[int, int] | None]:
    """(the message, its (line, column), 1-based) for a PyYAML error (libyaml's or the pure
    Python parser's words) with ``problem`` and ``context`` at the marks given (either may be
    None) in the document ``text``."""
    words = "; ".join(w for w in (context, problem) if w) or "invalid YAML"
    where = problem_at or context_at
    char = _char_at(text, problem_at)
    if _has(problem, "'\\t'", "\t", "tab character") or char == "\t":
        plain = tr("a tab is used to indent this line: use spaces, not tab (two spaces for each level)")
    elif _has(problem, "mapping values are not allowed"):
        plain = tr("a ': ' inside a text, or a key indented under a value: put the text in quotes "
                   "(title: \"Neste: kaffe\"), or line the key up with the keys above it")
    elif _has(context, "quoted scalar"):
        plain = tr("a quote (\" or ') is opened here and never closed: end the text with the same quote "
                   "(a ' inside a text in '...' is written '')")
        where = context_at or problem_at
    elif (_has(problem, "'-'") or char == "-") and _has(context, "block mapping"):
        plain = tr("a list item ('- ...') where a key was expected: put the list under its own key "
                   "(lines: followed by the '- ' lines, indented), or write the item as key: value")
    elif _has(problem, "expected <block end>") or _has(context, "block mapping", "block collection"):
        plain = tr("this line is indented differently from the lines above it: line up the keys of one "
                   "block with each other (spaces only)")
    elif _has(problem, "could not find expected ':'"):
        plain = tr("a line with no 'key:' where keys are expected: add the colon, or put a text that goes "
                   "on over several lines in quotes")
    elif _has(problem, "expected ',' or ']'", "expected ',' or '}'"):
        plain = tr("a list in [ ] or a block in { } is not closed, or holds a text with ',' or ': ' inside: "
                   "close it, or put the text in quotes")
    elif _has(problem, "that cannot start any token"):
        plain = tr("a text starts with a character YAML keeps for itself (here {char}; also @, ` or %): put "
                   "the text in quotes", char=repr(char) if char else "?")
    elif _has(problem, "found undefined alias", "found undefined tag"):
        plain = tr("a text starts with * or !: put the text in quotes")
    else:
        plain = tr("this is not valid YAML: check the line for a missing quote, colon or space")
    return f"{plain} [YAML: {words}]", where
