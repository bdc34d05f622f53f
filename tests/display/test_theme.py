import math

import pytest

from player.core.model.errors import ScriptError
from player.core.script.settings import settings_from_plain
from player.display.theme import Fonts, Room, Theme, contrast_ratio, parse_colour


def test_contrast_ratio_matches_wcag_reference_values():
    assert contrast_ratio((0, 0, 0), (255, 255, 255)) == pytest.approx(21.0)
    assert contrast_ratio((255, 255, 255), (255, 255, 255)) == pytest.approx(1.0)
    # WCAG example: #777777 on white is about 4.48:1
    assert contrast_ratio(parse_colour("#777777"), (255, 255, 255)) == pytest.approx(4.48, abs=0.01)


@pytest.mark.parametrize("name", ["dark", "light"])
def test_both_configured_themes_load_and_reach_7_to_1(config, name):
    theme = Theme.from_settings(settings_from_plain(config), name)
    for key in Theme.FOREGROUNDS:
        assert contrast_ratio(getattr(theme, key), theme.background) >= 7.0, key


def test_dark_is_the_default_with_light_text_on_dark():
    theme = Theme.from_settings(settings_from_plain({"themes": {}}))
    assert theme.name == "dark"
    assert sum(theme.text) > sum(theme.background)


def test_a_low_contrast_colour_is_refused_with_its_path():
    config = {"theme": "dark", "themes": {"dark": {"background": "#101418", "dim": "#505050"}}}
    with pytest.raises(ScriptError) as err:
        settings_from_plain(config)
    assert "themes.dark.dim" in str(err.value) and "7:1" in str(err.value)


def test_room_rule_is_about_70_mm_at_10_m_and_scales_with_screen_width():
    room = Room.from_section(settings_from_plain({"room": {"farthest_viewer_m": 10, "screen_width_m": 3.0,
                                                          "min_x_height_deg": 0.4}}).room)
    assert room.min_x_height_m() == pytest.approx(0.0698, abs=0.0005)
    assert room.min_x_height_px(3840) == pytest.approx(2 * room.min_x_height_px(1920))
    assert room.angle_deg(room.min_x_height_px(1920), 1920) == pytest.approx(0.4)


def test_room_values_out_of_range_are_refused():
    with pytest.raises(ScriptError, match="room.farthest_viewer_m"):
        settings_from_plain({"room": {"farthest_viewer_m": -3}})


def test_chosen_size_is_the_smallest_whose_measured_x_height_meets_the_rule(settings):
    fonts = Fonts()
    need = 44.7
    size = fonts.size_for_x_height(need, bold=True)
    assert fonts.measure_x_height(fonts.get(size, True)) >= need
    assert fonts.measure_x_height(fonts.get(size - 1, True)) < need


def test_fallback_font_covers_symbols_atkinson_lacks():
    fonts = Fonts()
    assert fonts.has_glyph("æ") and fonts.has_glyph("ø") and fonts.has_glyph("å")
    assert not fonts.has_glyph("♩")
    from player.display.text import TextCache
    cache = TextCache(fonts)
    # with the fallback, ♩ draws as a real glyph: wider than the empty box Atkinson would give
    surf = cache.render("♩", 100, (255, 255, 255), (0, 0, 0))
    box = fonts.get(100).render("♩", True, (255, 255, 255), (0, 0, 0))
    assert surf.get_bounding_rect().size != box.get_bounding_rect().size
    assert math.isfinite(surf.get_width())
