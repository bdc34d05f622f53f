"""The core is pure: no screen, sound or MIDI library, no thread and no file write or wall
clock is used by player/core, so the model, loader, runner and timeline run (and are tested)
anywhere, and the same inputs always give the same show."""

import ast
from pathlib import Path

CORE = Path(__file__).resolve().parents[2] / "player" / "core"
DEVICES = ("pygame", "vlc", "rtmidi", "mido", "fluidsynth", "_thread", "multiprocessing",
           "concurrent", "asyncio", "subprocess", "socket", "shutil", "tempfile", "datetime",
           "player.midi", "player.audio", "player.display", "player.formats", "player.records",
           "player.wiring", "player.live", "player.show", "player.cli", "player.render")
#: the core may guard state that a device thread reads with a lock, but never start or wait on a thread
THREADING_ALLOWED = {"Lock", "RLock"}
#: calls that write to disk or read the wall clock (reading a script file is the loader's job)
WRITES = {"write_text", "write_bytes", "mkdir", "unlink", "rename", "replace", "rmdir", "touch",
          "makedirs", "remove", "fsync", "time", "localtime", "strftime", "sleep"}


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and not node.level:
            found.add(node.module or "")
            if node.module == "threading":
                found.update(f"threading.{a.name}" for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            found.add("player.core." + (node.module or "") if node.level == 1 else f"player.{node.module}")
        elif isinstance(node, ast.Attribute) and getattr(node.value, "id", "") == "threading":
            found.add(f"threading.{node.attr}")
    return {m for m in found if m != "threading"}


def threads(modules: set[str]) -> list[str]:
    return sorted(m for m in modules if m.startswith("threading.") and m.split(".")[1] not in THREADING_ALLOWED)


def writes(path: Path) -> list[str]:
    """Calls that write files or read the wall clock, and ``open`` in any mode but reading."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    bad = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        owner = getattr(func.value, "id", "") if isinstance(func, ast.Attribute) else ""
        if name == "open":
            at = 0 if isinstance(func, ast.Attribute) else 1   # path.open(mode) or open(path, mode)
            mode = node.args[at] if len(node.args) > at else next((k.value for k in node.keywords if k.arg == "mode"), None)
            if not (isinstance(mode, ast.Constant) and set(str(mode.value)) <= set("rbt")):
                bad.append(f"{path.name}:{node.lineno} open")
        elif name in WRITES and not (name == "replace" and owner not in ("os", "Path", "path")):
            if name == "time" and owner not in ("time",):
                continue
            bad.append(f"{path.name}:{node.lineno} {owner + '.' if owner else ''}{name}")
    return bad


def test_no_core_module_imports_a_device_library_a_thread_or_a_disk_writer():
    offenders = {}
    for path in sorted(CORE.rglob("*.py")):
        bad = [m for m in imported_modules(path) if any(m == d or m.startswith(d + ".") for d in DEVICES)]
        bad += threads(imported_modules(path))
        if bad:
            offenders[str(path.relative_to(CORE))] = bad
    assert offenders == {}


def test_no_core_module_writes_a_file_or_reads_the_wall_clock():
    assert [w for path in sorted(CORE.rglob("*.py")) for w in writes(path)] == []


def test_the_scan_sees_a_device_import(tmp_path):
    sample = tmp_path / "x.py"
    sample.write_text("import pygame\nimport threading\nfrom mido import Message\nfrom ..midi import song\n"
                      "t = threading.Thread(target=f)\nlock = threading.Lock()\n", encoding="utf-8")
    assert {"pygame", "mido", "player.midi"} <= imported_modules(sample)
    assert threads(imported_modules(sample)) == ["threading.Thread"]


def test_the_scan_sees_a_write_and_the_wall_clock(tmp_path):
    sample = tmp_path / "x.py"
    sample.write_text("import time, os\nopen(p, 'w')\np.write_text('x')\nos.replace(a, b)\nt = time.time()\n"
                      "open(p, 'rb')\ns.replace('a', 'b')\n", encoding="utf-8")
    assert writes(sample) == ["x.py:2 open", "x.py:3 p.write_text", "x.py:4 os.replace", "x.py:5 time.time"]
