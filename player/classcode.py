"""The code that :mod:`dataclasses` writes for the program's classes, compiled once and kept.

Every ``@dataclass`` writes the source of its ``__init__``, ``__repr__``, ``__eq__``, ``__hash__``
and, frozen, ``__setattr__``/``__delattr__``, and compiles it with ``exec``: for the ninety-odd
classes of the model, the settings, the runner and the screen that was 90–140 ms of CPU at
every start with changed files (45 % of importing them, measured), before the first frame. The
text is the same from run to run, so :func:`install` gives the :mod:`dataclasses` module an
``exec`` of its own (a module global is found before the builtin) that compiles each text once:
the code objects are kept with :mod:`marshal`, like byte code in ``__pycache__``, in the start
cache's folder, in a file named by the Python that compiled them. The code run is the code
``exec`` would have compiled from the same text (no future flags inherited, the same file name),
so the classes are the same; a file that cannot be read is an empty one, one that cannot be
written is written another time (at exit: :func:`save`). ``HELSEKOR_NO_START_CACHE=1`` turns it
off. Any thread (dict reads and writes only).
"""

from __future__ import annotations

import marshal
import os
import sys

__all__ = ["install", "save", "cache_file"]

#: entries past this many are dropped (those of this run stay) when the file is written
MOST = 1500
_state: dict = {}        # "file", "code" (text -> code), "used" (texts used this run), "new" (compiled this run)


def cache_file(folder: str) -> str:
    return os.path.join(folder, f"dataclass-code-{sys.implementation.cache_tag}-{sys.hexversion:x}.marshal")


def _exec(source, globals=None, locals=None):
    """``exec`` for :mod:`dataclasses`: ``source`` compiled once, as the builtin would compile it."""
    if not isinstance(source, str):
        return exec(source, globals, locals)
    code = _state["code"].get(source)
    if code is None:
        code = compile(source, "<string>", "exec", dont_inherit=True)
        _state["code"][source] = code
        _state["new"] = True
    _state["used"].add(source)
    return exec(code, globals, locals)


def install(folder: str) -> bool:
    """Give :mod:`dataclasses` the remembering ``exec`` (once per process); whether it is in place."""
    if _state:
        return True
    if os.environ.get("HELSEKOR_NO_START_CACHE"):
        return False
    path = cache_file(folder)
    code: dict = {}
    try:
        with open(path, "rb") as f:
            loaded = marshal.load(f)
        if isinstance(loaded, dict):
            code = loaded
    except Exception:  # noqa: BLE001 - missing, old or broken: compiled afresh
        pass
    import atexit
    import dataclasses
    _state.update(file=path, code=code, used=set(), new=False)
    dataclasses.exec = _exec
    atexit.register(save)
    return True


def save() -> None:
    """Write the code compiled this run beside what was kept (main thread, at exit)."""
    if not _state or not _state["new"]:
        return
    code = dict(_state["code"])            # (a copy: a worker may still be making a class)
    if len(code) > MOST:
        code = {text: code[text] for text in set(_state["used"]) if text in code}
    path = _state["file"]
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        tmp = f"{path}.{os.getpid()}.tmp"
        with open(tmp, "wb") as f:
            marshal.dump(code, f)
        os.replace(tmp, path)
        _state["new"] = False
    except (OSError, ValueError, RuntimeError):
        pass                                   # remembered another time
