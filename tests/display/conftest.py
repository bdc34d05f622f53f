import pygame
import pytest
from player.core.script.settings import settings_from_plain
import yaml

from player.display.settings import DisplaySettings


@pytest.fixture(scope="session")
def config(request):
    from tests.conftest import ROOT
    return yaml.safe_load((ROOT / "config.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def settings(config) -> DisplaySettings:
    pygame.font.init()
    return DisplaySettings.from_settings(settings_from_plain(config))
