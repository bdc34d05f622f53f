"""The saved step: a hand-corrupted file is ignored with a notice (never a traceback, a hang or
a read of /dev/zero); a folder that cannot be written is a notice and the show goes on."""

import json
import os
import threading
from pathlib import Path

import pytest

from player.core.model import intents as I
from player.core.script.library import Library
from player.core.script.loader import load_session
from player.core.show.runner import Runner
from player.core.time.clock import ManualClock
from player.core.time.plain import PlainBacking
from player.core.show.notices import NoticeBoard
from player.records.state import MAX_AGE_S, StateStore
from tests.formats.mounts import remount, small_fs  # noqa: F401 - a fixture

NOW = 1_800_000_000.0
SESSION = Path("/choir/s.yaml")


def _board(clock):
    """The notice board the runner posts to, and every (time, text) posted on it."""
    board, heard = NoticeBoard(clock), []
    board.listen(lambda t, text: heard.append((t, text)))
    return board, heard


def _store(folder: Path, notices: list) -> StateStore:
    return StateStore(folder, wall=lambda: NOW, notify=notices.append)


def _good(store: StateStore, **changes) -> None:
    data = {"session": str(SESSION.resolve()), "step": 2, "saved": NOW - 60, **changes}
    store.path.parent.mkdir(parents=True, exist_ok=True)
    store.path.write_text(json.dumps(data), encoding="utf-8")


CORRUPT = {
    "a directory": lambda p: p.mkdir(),
    "a FIFO": lambda p: os.mkfifo(p),
    "a link to /dev/zero": lambda p: p.symlink_to("/dev/zero"),
    "a link to a good file": lambda p: (p.with_name("good.json").write_text(json.dumps(
        {"session": str(SESSION.resolve()), "step": 2, "saved": NOW - 60})), p.symlink_to(p.with_name("good.json"))),
    "step: true": lambda p: p.write_text(json.dumps({"session": str(SESSION.resolve()), "step": True, "saved": NOW})),
    "step: 2.0": lambda p: p.write_text(json.dumps({"session": str(SESSION.resolve()), "step": 2.0, "saved": NOW})),
    "step: -1": lambda p: p.write_text(json.dumps({"session": str(SESSION.resolve()), "step": -1, "saved": NOW})),
    "step past the end": lambda p: p.write_text(json.dumps({"session": str(SESSION.resolve()), "step": 5, "saved": NOW})),
    "saved: NaN": lambda p: p.write_text('{"session": "%s", "step": 2, "saved": NaN}' % SESSION.resolve()),
    "saved: Infinity": lambda p: p.write_text('{"session": "%s", "step": 2, "saved": Infinity}' % SESSION.resolve()),
    "saved: 1e308 (never expires)": lambda p: p.write_text(json.dumps(
        {"session": str(SESSION.resolve()), "step": 2, "saved": 1e308})),
    "saved: a string": lambda p: p.write_text(json.dumps({"session": str(SESSION.resolve()), "step": 2, "saved": "x"})),
    "an extra key": lambda p: p.write_text(json.dumps(
        {"session": str(SESSION.resolve()), "step": 2, "saved": NOW, "x": 1})),
    "a list": lambda p: p.write_text("[1, 2, 3]"),
    "not UTF-8": lambda p: p.write_bytes(b'{"session": "\xff"}'),
    "10 MB of spaces": lambda p: p.write_bytes(b" " * 10_000_000),
    "not JSON": lambda p: p.write_text("{not json"),
}


@pytest.mark.parametrize("case", list(CORRUPT))
def test_a_hand_corrupted_saved_step_is_ignored_with_a_notice(tmp_path, case):
    notices: list[str] = []
    store = _store(tmp_path, notices)
    CORRUPT[case](store.path)
    result: list = []
    reader = threading.Thread(target=lambda: result.append(store.load(SESSION, steps=4)), daemon=True)
    reader.start()
    reader.join(5)
    assert not reader.is_alive(), f"{case}: load hangs"
    assert result == [None]
    assert len(notices) == 1 and "ignorert" in notices[0], notices


def test_what_save_writes_is_resumed_and_other_sessions_or_old_saves_are_not(tmp_path):
    notices: list[str] = []
    store = _store(tmp_path, notices)
    store.save(SESSION, 3)
    assert store.load(SESSION, steps=4) == 3
    assert store.load(SESSION, now=NOW + MAX_AGE_S + 1) is None
    assert store.load(Path("/choir/other.yaml")) is None
    _good(store)
    assert store.load(SESSION, steps=4) == 2
    assert notices == []                            # nothing odd: nothing said
    assert list(tmp_path.iterdir()) == [store.path]  # no temporary file left


def test_a_read_only_state_folder_is_one_notice_and_saving_resumes_when_it_is_writable(small_fs):
    where = small_fs()
    notices: list[str] = []
    store = _store(where / "state", notices)
    store.save(SESSION, 1)
    remount(where, read_only=True)
    store.save(SESSION, 2)
    store.save(SESSION, 3)
    store.clear()
    assert len([n for n in notices if "Kan ikke lagre" in n]) == 1 and "skrivebeskyttet" in notices[0]
    assert store.load(SESSION, steps=9) == 1          # the last good save is intact
    remount(where, read_only=False)
    store.save(SESSION, 4)
    assert store.load(SESSION, steps=9) == 4 and notices[-1] == "Lagring av hvor økta er virker igjen"


class _Recording(PlainBacking):
    stopped = 0

    def stop(self, fade: bool = True) -> None:
        _Recording.stopped += 1
        super().stop(fade)


class _Backings:
    def __init__(self, clock):
        self.clock = clock
        self.made: list[_Recording] = []

    def song(self, step):
        from player.core.model.tempomap import TempoMap

        backing = _Recording(self.clock, TempoMap.constant(step.song.tempo))
        self.made.append(backing)
        return backing, None

    def pulse(self, step):
        return None

    def video(self, step):
        return None


def test_a_state_folder_that_turns_read_only_mid_show_is_a_notice_and_the_song_still_stops(tmp_path, small_fs):
    from tests.test_show import song_session

    path = song_session(tmp_path)
    session = load_session(path, Library.for_session(path, (), project_root=tmp_path))
    where = small_fs()
    clock = ManualClock()
    store = StateStore(where, wall=lambda: NOW)
    backings = _Backings(clock)
    board, heard = _board(clock)
    runner = Runner(session, clock, {}, backings=backings, on_step=lambda i: store.save(session.path, i),
                    notices=board)
    store.notify = runner.notify
    remount(where, read_only=True)
    runner.handle(I.Next())                                       # the song starts; its step cannot be saved
    texts = [text for _, text in heard]
    assert any("Kan ikke lagre" in t for t in texts) and not any("feilet" in t for t in texts), texts
    assert runner.snapshot().scene == "lyrics" and backings.made
    _Recording.stopped = 0
    runner.close()                                                # closing the show stops the backing
    assert _Recording.stopped == 1
