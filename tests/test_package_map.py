"""tools/package_map.py, which writes docs/packages.md's tables: it reads the same floors as the
layout test, lists every module of player/ with its line count, and rewrites only its tables."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from tests.test_layout import ALLOWED, PLAYER

TOOL = Path(__file__).resolve().parents[1] / "tools" / "package_map.py"


def load_tool():
    spec = importlib.util.spec_from_file_location("package_map", TOOL)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_it_reads_the_floors_of_the_layout_test():
    tool = load_tool()
    floors = tool.allowed_floors()
    assert floors == ALLOWED and list(floors) == list(ALLOWED)


def test_every_module_is_in_the_table_with_its_line_count():
    tool = load_tool()
    table = tool.tables()
    for path in PLAYER.rglob("*.py"):
        name = tool.module_name(path)
        lines = len(path.read_text(encoding="utf-8").splitlines())
        shown = f"**{lines}**" if lines > tool.LONG else str(lines)
        assert f"| `{name}` | {shown} |" in table, name


def test_update_rewrites_the_tables_and_keeps_the_words(tmp_path):
    tool = load_tool()
    doc = tmp_path / "packages.md"
    doc.write_text(f"# Kart\n\nHåndskrevet.\n\n{tool.BEGIN}\ngammel tabell\n{tool.END}\nslutt\n", encoding="utf-8")
    tool.update(doc, "| ny |\n")
    assert doc.read_text(encoding="utf-8") == f"# Kart\n\nHåndskrevet.\n\n{tool.BEGIN}\n| ny |\n{tool.END}\nslutt\n"
