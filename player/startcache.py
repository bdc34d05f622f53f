"""The checked settings and session of `helsekor run`, remembered by the files they were read from.

Reading config.yaml and a session (YAML, every song and exercise, the checks) took 0.54 s on a
busy machine, most of it importing the YAML reader and the checks; the first frame waits for
it. A launch whose files are all as they were (same size and modification time, the same
folders listed, the same program code) takes them from here instead: the pickle loads in 3 ms
and the YAML reader is not imported at all.

What was read is seen through an audit hook (:func:`sys.addaudithook`) while the real load
runs: every file opened for reading and every folder listed, and the folders of those files
(a new song file changes its folder's time). The program's own sources that define or read
these values are part of the key, so a changed program never reads an old pickle. Any fault
here is a miss: the real load runs and reports its own problems with their lines.
``HELSEKOR_NO_START_CACHE=1`` turns it off.
"""

from __future__ import annotations

import marshal
import os
import sys
import zlib
TYPE_CHECKING = False      # (typing itself costs milliseconds before the kept frame)
if TYPE_CHECKING:
    from pathlib import Path
    from typing import Callable

__all__ = ["cached", "cache_folder", "folder_name", "fresh", "key_of", "run_words"]

VERSION = 3
_PACKAGES = ("core/model", "core/script", "core/show", "core/time")
_recording: list[set] = []
_HERE = os.path.dirname(os.path.realpath(__file__))


def _proxy(d):
    from types import MappingProxyType
    return MappingProxyType(d)


_registered: list = []


def _pickle():
    """pickle, with the model's read-only mappings made picklable (imported on first use: the
    stamps a launch checks first are marshal'd, so a remembered start's first frame needs neither)."""
    import pickle
    if not _registered:
        import copyreg
        from types import MappingProxyType
        copyreg.pickle(MappingProxyType, lambda m: (_proxy, (dict(m),)))
        _registered.append(True)
    return pickle


def run_words(session: str, config: str | None, language: str | None) -> tuple:
    """What chose the files of ``helsekor run SESSION [--config FILE] [--language L]``: the
    words its load is remembered by (the launcher, before argparse, and the command give the same)."""
    return ("run", os.path.realpath(session), config, language, os.environ.get("HELSEKOR_LANGUAGE"))


def folder_name() -> str:
    """:func:`cache_folder` as text, found with the standard library where the platform's rule
    is plain (the same folder as ``user_places().cache / "start"``: tests/test_launch.py compares)."""
    home = os.environ.get("HELSEKOR_HOME")
    if home:
        return os.path.join(os.path.abspath(os.path.expanduser(home)), "cache", "start")
    if os.name == "posix" and os.path.isabs(os.environ.get("HOME", "")):
        xdg = os.environ.get("XDG_CACHE_HOME", "")
        base = xdg if os.path.isabs(xdg) else os.path.expanduser(
            "~/Library/Caches" if sys.platform == "darwin" else "~/.cache")
        return os.path.join(base, "helsekor", "start")
    from player.core.model.places import user_places
    return str(user_places().cache / "start")


def cache_folder() -> Path:
    """Where the remembered loads are kept (a cache: losing it costs one slow start)."""
    from pathlib import Path
    return Path(folder_name())


def _audit(event: str, args) -> None:
    if not _recording:
        return
    if event == "open":
        path, mode, flags = args
        if isinstance(path, int) or path is None:
            return
        writing = any(c in mode for c in "wax+") if isinstance(mode, str) else bool(flags & 3)
        if not writing:
            _recording[-1].add(("file", os.fsdecode(path)))
    elif event in ("os.listdir", "os.scandir") and args and args[0] is not None and not isinstance(args[0], int):
        _recording[-1].add(("dir", os.fsdecode(args[0])))


_hooked = False


def _code_key() -> list:
    out = []
    for pkg in _PACKAGES:
        folder = os.path.join(_HERE, *pkg.split("/"))
        for name in sorted(n for n in os.listdir(folder) if n.endswith(".py")):
            st = os.stat(os.path.join(folder, name))
            out.append((os.path.join(folder, name), st.st_mtime_ns, st.st_size))
    return out


_CODE = tuple({os.path.dirname(os.__file__), sys.prefix, sys.base_prefix, _HERE})


def _stamp(kind: str, path: str):
    if path.endswith((".py", ".pyc", ".so")) or "__pycache__" in path or "-packages" in path or path.startswith(_CODE):
        return None
    try:
        st = os.stat(path)
    except OSError:
        return (kind, path, None, None)
    return (kind, path, st.st_mtime_ns, st.st_size if kind == "file" else 0)


def _stamps(read: set, skip: str) -> list:
    """The stamps of what was read and listed (the library lists its songs/ and exercises/: a
    song added there changes the folder's time); not of ``skip``, the state folder (the
    remembered MIDI checks only save time)."""
    seen = set(read)
    skip = os.path.abspath(skip) + os.sep
    return sorted(s for s in (_stamp(k, p) for k, p in seen if not os.path.abspath(p).startswith(skip))
                  if s is not None)


def _library(value) -> set:
    """The folders a song or an exercise is looked for in (one added there may come first)."""
    from player.core.script.library import Library
    config, session = value
    roots = Library.for_session(session.path, config.library_dirs).roots
    return {("dir", str(root / kind)) for root in roots for kind in ("songs", "exercises")}


def _ident(words: tuple) -> tuple[str, str]:
    ident = repr((VERSION, sys.version, os.getcwd(), words, os.environ.get("HELSEKOR_CONFIG"), _code_key()))
    return ident, f"{zlib.crc32(ident.encode()):08x}"       # (hashlib's OpenSSL took 20 ms to import)


def key_of(words: tuple) -> str:
    """The name the load for ``words`` is remembered by (what is kept beside it shares it)."""
    return _ident(words)[1]


def _head(f) -> tuple:
    """The head of an open cache file: (the key's text, the stamps)."""
    size = int.from_bytes(f.read(4), "little")
    return marshal.loads(f.read(size))


_fresh: dict = {}          # words -> (ident, key, the open file after its stamps) of the last fresh()


def fresh(words: tuple) -> str | None:
    """The key of the remembered load for ``words`` when every file it read is unchanged, else
    None; only the stamps are read (the settings and the session, and the classes they need,
    are not loaded): what may be drawn before anything else is imported
    (:mod:`player.display.splash`) is named by this key."""
    if os.environ.get("HELSEKOR_NO_START_CACHE"):
        return None
    try:
        ident, key = _ident(words)
        f = open(os.path.join(folder_name(), f"{key}.pickle"), "rb")
        same, stamps = _head(f)
        if same == ident and [_stamp(s[0], s[1]) for s in stamps] == stamps:
            old = _fresh.pop(words, None)
            if old is not None:
                old[2].close()
            _fresh[words] = (ident, key, f)
            return key
        f.close()
    except Exception:  # noqa: BLE001 - a missing, old or broken cache is a miss
        pass
    return None


def cached(words: tuple, load: Callable[[], tuple]) -> tuple:
    """``load()`` (the settings and the session: ``(Settings, Session)``), or what it gave the last time ``words`` (the
    command line and the environment that chose the files) were the same and every file it read
    is unchanged. The file holds the head (the key's text and the stamps, marshal'd after its
    length in 4 bytes: read without importing pickle), then the value's pickle."""
    global _hooked
    if os.environ.get("HELSEKOR_NO_START_CACHE"):
        return load()
    key = ident = None
    try:
        if words in _fresh or fresh(words) is not None:        # checked just now, or now
            ident, key, f = _fresh.pop(words)
            with f:
                return _pickle().load(f)
        ident, key = _ident(words)
    except Exception:  # noqa: BLE001 - a missing, old or broken cache is a miss
        pass
    if not _hooked:
        sys.addaudithook(_audit)
        _hooked = True
    _recording.append(set())
    try:
        value = load()
    finally:
        read = _recording.pop()
    if key is not None:
        try:
            folder = cache_folder()
            folder.mkdir(parents=True, exist_ok=True)
            tmp = folder / f".{key}.{os.getpid()}.tmp"
            head = marshal.dumps((ident, _stamps(read | _library(value), str(value[0].state_dir))))
            pickle = _pickle()
            tmp.write_bytes(len(head).to_bytes(4, "little") + head
                            + pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
            os.replace(tmp, folder / f"{key}.pickle")
        except Exception:  # noqa: BLE001 - the show starts without remembering
            pass
    return value
