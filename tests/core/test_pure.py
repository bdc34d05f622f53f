"""The core is pure: no screen, sound or MIDI device library is imported by player/core, so
the model, loader, runner and timeline run (and are tested) anywhere."""

import ast
from pathlib import Path

CORE = Path(__file__).resolve().parents[2] / "player" / "core"
DEVICES = ("pygame", "vlc", "rtmidi", "fluidsynth", "player.midi", "player.audio", "player.display",
           "player.formats")


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = ("player.core." if node.level else "") + (node.module or "")
            found.add(base if node.level != 2 else f"player.{node.module}")
    return found


def test_no_core_module_imports_a_device_library():
    offenders = {}
    for path in sorted(CORE.glob("*.py")):
        bad = [m for m in imported_modules(path) if any(m == d or m.startswith(d + ".") for d in DEVICES)]
        if bad:
            offenders[path.name] = bad
    assert offenders == {}


def test_the_scan_sees_a_device_import(tmp_path):
    sample = tmp_path / "x.py"
    sample.write_text("import pygame\nfrom ..midi import song\n", encoding="utf-8")
    assert {"pygame", "player.midi"} <= imported_modules(sample)
