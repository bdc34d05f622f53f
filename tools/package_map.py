"""Print the package map's tables for docs/packages.md: each package of player/ with the floors
it may import (``ALLOWED`` in tests/test_layout.py, read without importing pytest) and its line
count, then every module with its line count and the first sentence of its docstring.

    python tools/package_map.py                          # print the tables (Markdown)
    python tools/package_map.py --update docs/packages.md   # rewrite them in place

``--update`` replaces what stands between the ``<!-- package_map:begin -->`` and
``<!-- package_map:end -->`` lines and leaves the hand-written paragraphs alone.
"""

from __future__ import annotations

import argparse
import ast
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PLAYER = ROOT / "player"
LAYOUT_TEST = ROOT / "tests" / "test_layout.py"
LONG = 300                       # house style: modules under about 300 lines (longer ones in bold)
BEGIN, END = "<!-- package_map:begin -->", "<!-- package_map:end -->"


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def package_of(module: str) -> str:
    """The floor a module belongs to, as tests/test_layout.py counts it (core has four)."""
    parts = module.split(".")
    return ".".join(parts[:3] if len(parts) >= 3 and parts[1] == "core" else parts[:2])


def allowed_floors(path: Path = LAYOUT_TEST) -> dict[str, set[str]]:
    """``ALLOWED`` from the layout test, in its order (lowest floors first)."""
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        target = node.targets[0] if isinstance(node, ast.Assign) else getattr(node, "target", None)
        if isinstance(target, ast.Name) and target.id == "ALLOWED" and isinstance(node.value, ast.Dict):
            floors = {}
            for key, value in zip(node.value.keys, node.value.values):
                is_empty = isinstance(value, ast.Call) and getattr(value.func, "id", "") == "set"
                floors[ast.literal_eval(key)] = set() if is_empty else set(ast.literal_eval(value))
            return floors
    raise SystemExit(f"no ALLOWED table in {path}")


def summary(path: Path) -> str:
    """The first sentence of the module's docstring, on one line."""
    doc = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) or ""
    text = " ".join(doc.split("\n\n")[0].split())
    text = re.sub(r":\w+:`~?([^`]+)`", r"`\1`", text)          # Sphinx roles read as plain code
    match = re.match(r"(.+?[.!?])(\s|$)", text)
    return (match.group(1) if match else text).replace("|", "\\|")


def line_count(path: Path) -> int:
    return len(path.read_text(encoding="utf-8").splitlines())


def tables() -> str:
    floors = allowed_floors()
    modules: dict[str, list[tuple[str, Path]]] = {}
    for path in sorted(PLAYER.rglob("*.py")):
        name = module_name(path)
        modules.setdefault(package_of(name), []).append((name, path))
    order = list(floors) + sorted(set(modules) - set(floors))
    out = ["| package | may import (besides itself) | modules | lines |", "|---|---|---:|---:|"]
    for pkg in order:
        if pkg not in modules:
            continue
        may = ", ".join(f"`{f}`" for f in sorted(floors.get(pkg, set()))) or "—"
        if pkg not in floors:
            may = "**not in ALLOWED**"
        out.append(f"| `{pkg}` | {may} | {len(modules[pkg])} | "
                   f"{sum(line_count(p) for _, p in modules[pkg])} |")
    total = sum(line_count(p) for ms in modules.values() for _, p in ms)
    out += [f"| **all** | | {sum(len(ms) for ms in modules.values())} | {total} |", ""]
    out += ["| module | lines | what it holds |", "|---|---:|---|"]
    for pkg in order:
        for name, path in modules.get(pkg, []):
            lines = line_count(path)
            shown = f"**{lines}**" if lines > LONG else str(lines)
            out.append(f"| `{name}` | {shown} | {summary(path)} |")
    return "\n".join(out) + "\n"


def update(doc: Path, text: str) -> None:
    old = doc.read_text(encoding="utf-8")
    if BEGIN not in old or END not in old:
        raise SystemExit(f"{doc} has no {BEGIN} … {END} lines to put the tables between")
    head, rest = old.split(BEGIN, 1)
    _, tail = rest.split(END, 1)
    doc.write_text(f"{head}{BEGIN}\n{text}{END}{tail}", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--update", type=Path, metavar="FILE", help="rewrite the tables in FILE in place")
    args = parser.parse_args(argv)
    text = tables()
    if args.update:
        update(args.update, text)
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
