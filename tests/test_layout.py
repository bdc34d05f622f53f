"""The package's layout holds: each floor imports only the floors below it (docs/packages.md),
and no module imports itself round a circle. Imports under ``if TYPE_CHECKING`` count too: a
type that needs a circle to be named is a circle in the design."""

from __future__ import annotations

import ast
from pathlib import Path


PLAYER = Path(__file__).resolve().parents[1] / "player"

#: what each package may import (besides itself); anything not listed is not allowed
ALLOWED = {
    "player": set(),
    "player.core": set(),
    "player.core.model": set(),
    "player.core.script": {"player.core.model"},
    "player.core.time": {"player.core.model"},
    "player.core.show": {"player.core.model", "player.core.time"},
    "player.records": {"player.core.model", "player.core.time"},
    "player.midi": {"player.core.model", "player.core.time"},
    "player.audio": {"player.core.model", "player.core.time"},
    "player.formats": {"player.core.model", "player.core.script", "player.midi"},
    "player.display": {"player.core.model", "player.core.time", "player.core.show"},
    "player.render": {"player.core.model", "player.core.time", "player.core.show", "player.midi"},
    "player.live_vlc": {"player.core.model", "player.core.time", "player.audio"},
    "player.live": {"player.core.model", "player.core.script", "player.core.time", "player.midi", "player.audio",
                    "player.live_vlc"},
    "player.wiring": {"player.core.model", "player.core.script", "player.midi", "player.audio"},
    "player.choir": {"player.core.model", "player.core.script"},
    "player.show": {"player.core.model", "player.core.script", "player.core.time", "player.core.show",
                    "player.records", "player.midi", "player.display", "player.live", "player.wiring", "player.serve"},
    "player.serve": {"player.core.model", "player.core.time", "player.core.show"},
    "player.planner": {"player.core.model", "player.core.script", "player.core.time", "player.core.show",
                       "player.midi", "player.display", "player.formats", "player.render", "player.wiring"},
    "player.cli": {"player.core.model", "player.core.script", "player.formats", "player.commands", "player.launch",
                   "player.classcode", "player.startcache"},
    "player.classcode": set(),
    "player.commands": {"player.core.model", "player.core.script", "player.core.show", "player.display",
                        "player.render", "player.show", "player.wiring", "player.choir", "player.calibrate",
                        "player.planner", "player.startcache"},
    "player.launch": {"player.display", "player.startcache"},
    "player.startcache": {"player.core.model", "player.core.script"},
    "player.calibrate": {"player.core.model", "player.core.script", "player.core.show", "player.core.time",
                         "player.display", "player.live", "player.midi", "player.audio"},
}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PLAYER.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def package_of(module: str) -> str:
    parts = module.split(".")
    return ".".join(parts[:3] if len(parts) >= 3 and parts[1] == "core" else parts[:2])


def imports_of(path: Path) -> set[str]:
    """Every player module that ``path`` imports (relative imports resolved)."""
    me = module_name(path).split(".")
    here = me if path.name == "__init__.py" else me[:-1]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = here[: len(here) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            names = [f"{target}.{a.name}" for a in node.names]
            found.add(target)
            found.update(names)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
    return {m for m in found if m.split(".")[0] == "player"}


def graph() -> dict[str, set[str]]:
    modules = {module_name(p): p for p in PLAYER.rglob("*.py")}
    return {m: {t for t in imports_of(p) if t in modules and t != m} for m, p in modules.items()}


def test_every_package_imports_only_the_floors_below_it():
    wrong = {}
    for module, targets in graph().items():
        mine = package_of(module)
        assert mine in ALLOWED, f"{mine} is a new package: give it a floor in ALLOWED and docs/packages.md"
        bad = sorted(t for t in targets if package_of(t) != mine and package_of(t) not in ALLOWED[mine]
                     and package_of(t) != "player")
        if bad:
            wrong[module] = bad
    assert wrong == {}


def find_cycle(edges: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(edges.get(node, ())):
            if state.get(nxt) == 1:
                return stack[stack.index(nxt):] + [nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(edges):
        if node not in state and (found := visit(node)):
            return found
    return None


def test_no_module_imports_itself_round_a_circle():
    edges = graph()
    # a package's __init__ gathering its own modules' names is not a circle of the design
    edges = {m: {t for t in ts if not (t.startswith(m + ".") and (PLAYER.parent / m.replace(".", "/")).is_dir())}
             for m, ts in edges.items()}
    assert find_cycle(edges) is None


def test_the_cycle_finder_finds_a_cycle():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


# ---------------------------------------------------------------------- words live in one catalog
#: non-ASCII characters that are notation, not words (chord and key names; the vowels that count syllables)
NOTATION = {"model/keyname.py": "♯♭", "script/notation.py": "°ø", "script/lyrictext.py": "æøåäöüéèêáàóòúíâ"}
#: punctuation, not words: an ellipsis for a cut value, a dash in a range such as 0–127
PUNCTUATION = "…–"


def _docstrings(tree: ast.AST) -> set[int]:
    ids = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                ids.add(id(first.value))
    return ids


def non_ascii_literals(path: Path, allowed: str = "") -> list[tuple[int, str]]:
    """String literals (f-string parts too) with characters beyond ASCII, outside docstrings."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = _docstrings(tree)
    return [(node.lineno, node.value) for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip
            and any(ord(c) > 127 and c not in allowed for c in node.value)]


def test_the_core_holds_no_words_of_its_own():
    """Every word the core shows comes from config.yaml ``texts:``: a literal in another alphabet
    than ASCII outside a docstring is a word that escaped the catalog."""
    found = {}
    for path in sorted((PLAYER / "core").rglob("*.py")):
        rel = path.relative_to(PLAYER / "core").as_posix()
        if hits := non_ascii_literals(path, NOTATION.get(rel, "") + PUNCTUATION):
            found[rel] = hits
    assert found == {}


def test_the_word_scan_finds_a_word(tmp_path):
    sample = tmp_path / "m.py"
    sample.write_text('"""Dokumentasjon på norsk er lov."""\nx = f"Steg {1} gikk på trynet"\n', encoding="utf-8")
    assert non_ascii_literals(sample) == [(2, " gikk på trynet")]


def _catalog_keys() -> set[str]:
    from player.core.script.config import load_config
    return set(load_config(user_file=None).texts())


def test_every_word_the_runner_asks_for_is_in_the_catalog():
    from player.core.model.data import LEAD_MODES
    from player.core.show.handlers import ADJUSTMENTS
    from player.core.time.lead import lead_text_key

    asked = set()
    for path in [*(PLAYER / "core").rglob("*.py"), PLAYER / "show.py", PLAYER / "render.py"]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "say" and len(node.args) > 1 \
                    and isinstance(node.args[1], ast.Constant):
                asked.add(node.args[1].value)
    asked |= {lead_text_key(m) for m in (*LEAD_MODES, "manual")}
    asked |= {f"{what}_{end}" for what in ADJUSTMENTS.values() for end in ("done", "refused")}
    asked |= {f"changed_{what}" for what in ADJUSTMENTS.values()}
    asked |= {f"guide_{state}{later}" for state in ("on", "off") for later in ("", "_later")}
    assert len(asked) > 40
    assert sorted(asked - _catalog_keys()) == []
