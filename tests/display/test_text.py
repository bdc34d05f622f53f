from player.display.text import TextCache, wrap_spans
from player.display.theme import Fonts


def rows(text, width_chars):
    return [text[a:b] for a, b in wrap_spans(text, lambda s: len(s) <= width_chars)]


def test_wrap_breaks_at_spaces_and_keeps_every_word():
    text = "langsomt over vann, vi ror så godt vi kan"
    out = rows(text, 16)
    assert out == ["langsomt over", "vann, vi ror så", "godt vi kan"]
    assert " ".join(out) == text
    assert all(len(r) <= 16 for r in out)


def test_a_line_that_fits_is_not_wrapped():
    assert rows("Ro, ro, ro din båt", 40) == ["Ro, ro, ro din båt"]


def test_a_word_longer_than_a_row_is_broken_not_shrunk():
    out = rows("helsekorsangere", 6)
    assert "".join(out) == "helsekorsangere" and all(len(r) <= 6 for r in out)


def test_cached_text_is_rendered_once():
    cache = TextCache(Fonts())
    a = cache.render("Refreng", 80, (255, 255, 255), (0, 0, 0))
    b = cache.render("Refreng", 80, (255, 255, 255), (0, 0, 0))
    assert a is b and cache.misses == 1 and cache.hits == 1
