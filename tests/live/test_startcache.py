"""A second `helsekor run` of an unchanged session takes the checked settings and session from
the start cache (no YAML read); any change to a file it read, or a song added where songs are
looked for, reads everything again. The state folder's changes do not count."""

from __future__ import annotations

import os
import time
from dataclasses import replace

from player.core.script.config import load_config
from player.startcache import cached
from player.wiring import load_session_file

from ..test_show import song_session


def _touch_later(path):
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 10_000_000))


def test_an_unchanged_session_comes_from_the_cache_and_a_change_reads_it_again(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("HELSEKOR_NO_START_CACHE", raising=False)
    (tmp_path / "show").mkdir()
    path = song_session(tmp_path / "show")
    state = tmp_path / "state"
    loads = []

    def load():
        config = replace(load_config(user_file=None), state_dir=state)
        loads.append(time.perf_counter())
        return config, load_session_file(path, config)
    words = ("run", str(path), None)
    first = cached(words, load)
    assert len(loads) == 1
    again = cached(words, load)
    assert len(loads) == 1 and again == first                   # from the cache, equal
    state.mkdir(exist_ok=True)
    (state / "step.json").write_text("{}")                      # the show's own state: not a change
    assert cached(words, load) == first and len(loads) == 1
    song = tmp_path / "show" / "songs" / "telle.yaml"
    song.write_text(song.read_text(encoding="utf-8").replace("En to tre fire", "En to tre fem"), encoding="utf-8")
    _touch_later(song)
    changed = cached(words, load)
    assert len(loads) == 2
    assert "En to tre fem" in repr(changed[1]) and "En to tre fire" not in repr(changed[1])
    assert cached(words, load) == changed and len(loads) == 2
    (tmp_path / "show" / "exercises").mkdir()                   # a folder an exercise is looked for in
    cached(words, load)
    assert len(loads) == 3
    assert cached(("run", str(path), "other.yaml"), load) and len(loads) == 4    # another command line


def test_it_can_be_turned_off(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("HELSEKOR_NO_START_CACHE", "1")
    calls = []
    for _ in range(2):
        cached(("run", "x", None), lambda: calls.append(1) or (None, None))
    assert len(calls) == 2
