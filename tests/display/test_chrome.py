"""The conductor's layer on top of a scene: the end-of-show question the runner asks (Next on
the closing card) is drawn as a calm card of its own, as Ctrl+Q's question is."""

import pygame

from player.core.model import intents as I
from player.core.show.runner import Runner
from player.core.time.clock import ManualClock
from player.display.chrome import Chrome
from player.display.renderer import Renderer


def test_the_runners_end_question_fills_the_screen_with_its_own_lines(settings, tmp_path):
    from player.core.script.loader import load_session
    from player.core.script.library import Library
    path = tmp_path / "s.yaml"
    path.write_text("version: 1\ntitle: T\nsteps:\n  - text: Takk for i dag!\n", encoding="utf-8")
    session = load_session(path, Library.for_session(path, (), project_root=tmp_path))
    from player.core.script.config import load_config
    runner = Runner(session, ManualClock(), load_config().texts("nb"))
    surface = pygame.Surface((1280, 720))
    r = Renderer(settings)
    r.draw(surface, runner.snapshot())
    assert not any(p.role == "quit" for p in r.placed)          # the closing card, no question yet
    runner.handle(I.Next())
    snap = runner.snapshot()
    assert snap.confirm_quit, "Next on the last card asks first"
    r.draw(surface, snap)
    asked = [p.text for p in r.placed if p.role == "quit"]
    assert "".join(asked).replace(" ", "") == "".join(snap.confirm_quit).replace(" ", "")
    runner.handle(I.Back())                                      # any other key cancels: the card again
    r.draw(surface, runner.snapshot())
    assert not runner.snapshot().confirm_quit and not any(p.role == "quit" for p in r.placed)


def test_ctrl_q_keeps_its_own_words_over_the_runners_question(settings):
    from player.core.show.snapshot import Snapshot
    r = Renderer(settings)
    surface = pygame.Surface((1280, 720))
    r.draw(surface, Snapshot(scene="title", title="x", confirm_quit=("A?", "B")), Chrome(confirm_quit=True))
    asked = "".join(p.text for p in r.placed if p.role == "quit").replace(" ", "")
    assert settings.words.quit_confirm.replace(" ", "")[:10] in asked and "A?" not in asked
