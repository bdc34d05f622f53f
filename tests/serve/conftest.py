"""A real show with ``--serve`` (its own process, dummy drivers) for the HTTP and browser tests."""

from __future__ import annotations

import pytest

from tests.serve.room import RunningShow


@pytest.fixture
def show(tmp_path):
    running = RunningShow(home=tmp_path / "home")
    yield running
    running.stop()
