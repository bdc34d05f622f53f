"""The real show (``helsekor run`` under SDL's dummy drivers) with a log or state folder that
cannot be written from the start: no traceback, the show runs its steps, the other folder
records them. The folders are read-only tmpfs mounts (needs root and mount)."""

import json
import signal

from player.records.state import StateStore
from tests.formats.mounts import small_fs  # noqa: F401 - a fixture
from tests.test_show import _start_show, _wait_for


def _setup(tmp_path, state_dir, log_dir):
    (tmp_path / "exercises").mkdir()
    (tmp_path / "exercises" / "kort.yaml").write_text(
        "version: 1\ntitle: Kort\nkind: timed\ninstructions: [Et sekund.]\nduration: 1\n", encoding="utf-8")
    session = tmp_path / "s.yaml"
    session.write_text("version: 1\ntitle: T\nsteps:\n" + "  - exercise: kort\n" * 4 + "  - text: Slutt\n",
                       encoding="utf-8")
    config = tmp_path / "config.yaml"
    config.write_text(f"state_dir: {state_dir}\nlog_dir: {log_dir}\n", encoding="utf-8")
    return session, config


def _run_until(session, config, predicate) -> tuple[bool, str]:
    show = _start_show(session, config)
    try:
        reached = _wait_for(predicate, 30)
    finally:
        show.send_signal(signal.SIGKILL)
        show.wait(10)
    return reached, show.stderr.read().decode("utf-8", "replace")


def test_a_read_only_log_folder_at_start_the_show_runs_and_saves_its_steps(tmp_path, small_fs):
    logs = small_fs(read_only=True)
    session, config = _setup(tmp_path, tmp_path / "state", logs / "logs")
    store = StateStore(tmp_path / "state")
    reached, err = _run_until(session, config, lambda: (store.load(session) or 0) >= 2)
    assert reached, f"the show did not reach step 3:\n{err[-2000:]}"
    assert "Traceback" not in err, err[-2000:]


def test_a_read_only_state_folder_at_start_the_show_runs_and_logs_its_steps(tmp_path, small_fs):
    state = small_fs(read_only=True)
    session, config = _setup(tmp_path, state, tmp_path / "logs")

    def steps_logged() -> int:
        for path in (tmp_path / "logs").glob("*.json"):
            try:
                return len(json.loads(path.read_text(encoding="utf-8"))["steps"])
            except ValueError:
                return 0
        return 0

    reached, err = _run_until(session, config, lambda: steps_logged() >= 3)
    assert reached, f"the show did not log three steps:\n{err[-2000:]}"
    assert "Traceback" not in err, err[-2000:]
    journal = next((tmp_path / "logs").glob("*.jsonl")).read_text(encoding="utf-8")
    assert "Kan ikke lagre hvor økta er" in journal      # the conductor was told, and the log has it
