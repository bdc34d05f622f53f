"""Values are checked before they are used: numbers of any size, NaN and infinity, strings with
NUL or lone surrogates, durations of any length; each refusal says what is allowed."""

from __future__ import annotations

import pytest

from player.core.script.checks import MAX_DURATION_CHARS, Checker, parse_duration
from player.core.script.yamlnodes import Node, parse

from .test_loader import make, problems

BIG = "1" + "0" * 400


def scalar(value) -> Node:
    return Node(value, "f.yaml", 3, 7, "scalar")


@pytest.mark.parametrize("value, shown", [(10 ** 400, "a number of 401 digits"), (-(10 ** 30), "a number of 31 digits"),
                                          (float("inf"), ".inf"), (float("-inf"), "-.inf"), (10 ** 14, str(10 ** 14)), (2 ** 53, "a number of 16 digits")])
def test_a_number_of_any_size_is_refused_with_the_range(value, shown):
    ck = Checker()
    assert ck.number(scalar(value), "tempo", 20, 300) is None
    assert [p.message for p in ck.problems] == [f"{shown} is out of range (allowed: 20 to 300)"]


def test_nan_is_refused_as_not_a_number_and_never_passes_a_range():
    ck = Checker()
    assert ck.number(scalar(float("nan")), "seconds", 1, 20) is None
    assert ck.number(scalar(float("nan")), "bars", 1, 20, integer=True) is None
    assert ck.number(scalar(float("inf")), "bars", 1, 20, integer=True) is None
    assert [p.message for p in ck.problems] == [
        "expected a number from 1 to 20, found .nan (not a number)",
        "expected a whole number from 1 to 20, found .nan (not a number)",
        "expected a whole number from 1 to 20, found .inf"]


def test_numbers_inside_the_range_still_pass():
    ck = Checker()
    assert ck.number(scalar(12), "transpose", -12, 12, integer=True) == 12
    assert ck.number(scalar(2.0), "bars", 1, 4, integer=True) == 2
    assert ck.number(scalar(0.5), "tempo_scale", 0.5, 1.5) == 0.5
    assert ck.problems == []


@pytest.mark.parametrize("text, seconds", [("90", 90), ("90s", 90), ("2min", 120), ("1min 30s", 90), ("1:30", 90),
                                           ("1 h 30 min", 5400), ("1h30m15s", 5415), ("1min 30", 90), ("2.5 min", 150),
                                           (" 45 sek ", 45), (600, 600), (1.5, 1.5)])
def test_durations_in_every_form_the_parser_knows(text, seconds):
    assert parse_duration(text) == seconds


@pytest.mark.parametrize("text", ["", "   ", "min", "30s 1min", "1 2", "2min 3min", "1.2.3", "1:60", "-5",
                                  "1" + " " * 30_000 + "2", "1." * 20_000, "9" * 100_000 + "x", float("nan"), True])
def test_what_is_not_a_duration_is_refused(text):
    assert parse_duration(text) is None


def test_a_duration_longer_than_any_real_one_is_refused_unread():
    assert parse_duration("1" + " " * (MAX_DURATION_CHARS - 2) + "s") == 1
    assert parse_duration("1" + " " * (MAX_DURATION_CHARS - 1) + "s") is None


def test_a_huge_integer_duration_is_out_of_range_not_a_crash():
    assert parse_duration(10 ** 400) == float("inf")
    ck = Checker()
    assert ck.duration(scalar(10 ** 400), "duration") is None
    assert ck.problems[0].message == ".inf s is out of range (allowed: 1 s to 14400 s)"


@pytest.mark.parametrize("text, word", [('"a\\0b"', "NUL"), ('"\\udc80"', "Unicode"), ('"x\\ud800y"', "Unicode")])
def test_a_string_with_nul_or_a_lone_surrogate_is_refused_on_its_line(text, word):
    from player.core.model.errors import ScriptError
    with pytest.raises(ScriptError) as info:
        parse(f"title: ok\nsteps:\n  - text: {text}\n", "s.yaml")
    [p] = info.value.problems
    assert p.line == 3           # libyaml refuses a surrogate escape itself, the builder a NUL
    assert word in p.message
    str(p).encode("utf-8")


@pytest.mark.parametrize("text, word", [("a\x00b", "NUL"), ("\udc80", "surrogate"), ("ok \ud800", "surrogate")])
def test_the_builder_refuses_nul_and_lone_surrogates_whichever_yaml_parser_runs(text, word, monkeypatch):
    import yaml

    from player.core.script import yamlnodes
    from player.core.model.errors import ScriptError
    assert word in yamlnodes.text_problem(text)
    assert yamlnodes.text_problem("Ro, ro, ro din båt 🎵") is None
    monkeypatch.setattr(yamlnodes, "_COMPOSER", yaml.SafeLoader)      # the pure-Python parser lets them through
    escaped = text.encode("unicode_escape").decode("ascii").replace("\\x00", "\\0")
    with pytest.raises(ScriptError) as info:
        parse(f'title: ok\nsteps:\n  - text: "{escaped}"\n', "s.yaml")
    [p] = info.value.problems
    assert (p.line, p.column) == (3, 11) and word in p.message


def test_the_session_reports_a_huge_tempo_and_a_nan_timing_with_their_lines(tmp_path):
    from .test_loader import SONG
    song = SONG.replace("tempo: 100", f"tempo: {BIG}").replace("- [4, 4]", "- [.nan, 4]")
    path = make(tmp_path, "version: 1\ntitle: T\nsteps: [{song: testsang}]\n", song=song)
    f = tmp_path / "songs" / "testsang.yaml"
    found = problems(path)
    assert f"{f}:4:8: tempo: a number of 401 digits is out of range (allowed: 20 to 300)" in found
    assert f"{f}:8:6: timing no. 2, no. 1: expected a number from 0 to 10000, found .nan (not a number)" in found


def test_a_huge_version_and_true_are_not_version_1(tmp_path):
    path = make(tmp_path, f"version: {BIG}\ntitle: T\nsteps: [{{text: Hei}}]\n")
    assert problems(path) == [f"{path}:1:10: version: version a number of 401 digits is not known "
                              "(this program reads version 1)"]
    path = make(tmp_path, "version: true\ntitle: T\nsteps: [{text: Hei}]\n")
    assert "version true is not known" in problems(path)[0]


def test_a_file_name_that_is_not_utf8_is_printed_escaped(tmp_path):
    from player.core.model.errors import Problem
    p = Problem("/tmp/\udcff.yaml", 1, 1, "", "cannot read the file")
    assert str(p) == "/tmp/\\udcff.yaml:1:1: cannot read the file"


def test_hundreds_of_thousands_of_problems_are_cut_to_the_first_hundred(tmp_path):
    path = make(tmp_path, "version: 1\ntitle: T\nsteps: [" + "1, " * 5000 + "1]\n")
    found = problems(path)
    assert len(found) == 101
    assert found[-1].endswith("... and 4901 more problems like these (fix these first)")
