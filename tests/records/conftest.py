"""These tests read the importers' and the show's own files' messages in bokmål, the program's
default language (the root conftest sets English for the rest)."""

import pytest


@pytest.fixture(autouse=True)
def _messages_in_bokmal(_messages_in_english, monkeypatch):
    from player.core.model import messages

    monkeypatch.setenv("HELSEKOR_LANGUAGE", "nb")
    messages.use("nb")
