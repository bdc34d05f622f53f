"""Whatever a file holds, the loader answers with a session or a ScriptError: nothing else escapes."""

from __future__ import annotations

import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings, strategies as st

from player.core.model.errors import ScriptError
from player.core.script.library import Library
from player.core.script.loader import load_session

from .test_loader import EXERCISE, SONG

SESSION = """\
version: 1
title: T
defaults: {tempo_scale: 0.9, transpose: 0}
steps:
  - text: Velkommen
  - exercise: pust
    repeats: 4
  - song: testsang
    verses: [1, 2]
    backing: none
  - pause: Kaffe
    duration: 10min
"""

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-10**6, 10**6), st.floats(allow_nan=True),
    st.text(max_size=20), st.sampled_from(["1:30", "2min", "[G]x", "4/4", "from-midi", "v1", "testsang", "pust"]),
)
values = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4),
    st.dictionaries(st.sampled_from(["version", "title", "steps", "song", "text", "sections", "lines", "id",
                                     "timing", "breathing", "phase", "seconds", "kind", "words", "start",
                                     "length", "order", "verses", "duration", "x"]), inner, max_size=5),
), max_leaves=20)


def mutate(text: str, data) -> str:
    lines = text.splitlines()
    for _ in range(data.draw(st.integers(1, 4))):
        i = data.draw(st.integers(0, len(lines) - 1))
        op = data.draw(st.sampled_from(["delete", "duplicate", "value", "chars", "indent"]))
        if op == "delete" and len(lines) > 1:
            del lines[i]
        elif op == "duplicate":
            lines.insert(i, lines[i])
        elif op == "value" and ":" in lines[i]:
            key = lines[i].split(":", 1)[0]
            lines[i] = f"{key}: {yaml.safe_dump(data.draw(values), default_flow_style=True).strip()}"
        elif op == "chars":
            pos = data.draw(st.integers(0, len(lines[i])))
            lines[i] = lines[i][:pos] + data.draw(st.text(max_size=5)) + lines[i][pos:]
        elif op == "indent":
            lines[i] = "  " + lines[i]
    return "\n".join(lines) + "\n"


def run(session: str, song: str, exercise: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "songs").mkdir()
        (root / "exercises").mkdir()
        (root / "songs" / "testsang.yaml").write_text(song, encoding="utf-8", errors="surrogatepass")
        (root / "exercises" / "pust.yaml").write_text(exercise, encoding="utf-8", errors="surrogatepass")
        path = root / "s.yaml"
        path.write_text(session, encoding="utf-8", errors="surrogatepass")
        try:
            load_session(path, Library.for_session(path, (), project_root=root))
        except ScriptError as err:
            assert err.problems, "a ScriptError always lists its problems"
            for p in err.problems:
                assert p.line >= 1 and p.column >= 1 and p.message


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_mutated_scripts_give_a_session_or_a_script_error(data):
    which = data.draw(st.sampled_from(["session", "song", "exercise"]))
    texts = {"session": SESSION, "song": SONG, "exercise": EXERCISE}
    texts[which] = mutate(texts[which], data)
    run(texts["session"], texts["song"], texts["exercise"])


@settings(max_examples=100, deadline=None)
@given(values, values)
def test_generated_yaml_gives_a_session_or_a_script_error(session, song):
    run(yaml.safe_dump(session), yaml.safe_dump(song), EXERCISE)


@settings(max_examples=50, deadline=None)
@given(st.binary(max_size=200))
def test_arbitrary_bytes_give_a_script_error(blob):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "s.yaml"
        path.write_bytes(blob)
        try:
            load_session(path, Library.for_session(path, (), project_root=Path(tmp)))
        except ScriptError:
            pass
        else:
            raise AssertionError("random bytes are never a valid session")


def test_the_unmutated_scripts_are_valid():
    """The property starts from valid files, so a mutation is what breaks them."""
    run(SESSION, SONG, EXERCISE)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "songs").mkdir()
        (root / "exercises").mkdir()
        (root / "songs" / "testsang.yaml").write_text(SONG, encoding="utf-8")
        (root / "exercises" / "pust.yaml").write_text(EXERCISE, encoding="utf-8")
        (root / "s.yaml").write_text(SESSION, encoding="utf-8")
        assert len(load_session(root / "s.yaml", Library.for_session(root / "s.yaml", (), project_root=root)).steps) == 4
