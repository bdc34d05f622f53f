"""One language at a time: the message catalog (player/locale) is complete in both languages and
compiled, `helsekor check` speaks bokmål by default and English with ``language: en``, YAML syntax
errors say what to do, steps count from 1, and no message literal escapes the catalog."""

from __future__ import annotations

import ast
import gettext
import os
import re
import string
import subprocess
import sys
from pathlib import Path

import pytest

from player.core.model import messages
from player.core.model.errors import ScriptError
from player.core.script.yamlnodes import parse

ROOT = Path(__file__).resolve().parents[1]
PLAYER = ROOT / "player"
BROKEN = "version: 1\ntitle: Torsdag\nsteps:\n  - text: Velkommen\n  - song: finnes-ikke\n  - pause: {}\n"


def _check(tmp_path: Path, *extra: str, config: str | None = None) -> subprocess.CompletedProcess:
    session = tmp_path / "s.yaml"
    session.write_text(BROKEN, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in ("HELSEKOR_LANGUAGE", "HELSEKOR_CONFIG")}
    env["HOME"] = str(tmp_path)             # no user config from the machine
    args = [sys.executable, "-m", "player.cli", *extra]
    if config is not None:
        (tmp_path / "mine.yaml").write_text(config, encoding="utf-8")
        args += ["--config", str(tmp_path / "mine.yaml")]
    return subprocess.run([*args, "check", str(session)], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=60)


def test_check_on_a_broken_script_speaks_bokmal_by_default(tmp_path):
    out = _check(tmp_path)
    assert out.returncode == 1 and out.stdout == ""
    lines = out.stderr.splitlines()
    assert lines[0].startswith(f"{tmp_path / 's.yaml'}:5:11: steg 2, song: ingen sang 'finnes-ikke'"), lines
    assert f"{tmp_path / 's.yaml'}:6:5: steg 3: en pause trenger en 'duration' (for eksempel 10min)" in lines
    assert lines[-1] == "3 feil funnet; ingenting ble spilt."


def test_check_on_a_broken_script_speaks_english_with_language_en(tmp_path):
    out = _check(tmp_path, config="language: en\n")
    lines = out.stderr.splitlines()
    assert lines[0].startswith(f"{tmp_path / 's.yaml'}:5:11: step 2, song: no song 'finnes-ikke'"), lines
    assert f"{tmp_path / 's.yaml'}:6:5: step 3: a pause needs a 'duration' (such as 10min)" in lines
    assert lines[-1] == "3 problems found; nothing was played."
    assert _check(tmp_path, "--language", "en").stderr == out.stderr      # the option says the same


def test_help_speaks_the_language(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "HELSEKOR_LANGUAGE"} | {"HOME": str(tmp_path)}
    nb = subprocess.run([sys.executable, "-m", "player.cli", "--help"], cwd=ROOT, env=env, capture_output=True,
                        text=True, timeout=60).stdout
    en = subprocess.run([sys.executable, "-m", "player.cli", "--help"], cwd=ROOT, env=env | {"HELSEKOR_LANGUAGE": "en"},
                        capture_output=True, text=True, timeout=60).stdout
    assert "sjekk en økt" in nb and "check a session" not in nb
    assert "check a session" in en and "sjekk en økt" not in en
    assert nb.startswith("bruk: helsekor") and "\nvalg:\n" in nb              # argparse's own words too
    assert en.startswith("usage: helsekor") and "\noptions:\n" in en


# ----------------------------------------------------------------------------- YAML in plain words
def _yaml_problem(text: str) -> str:
    with pytest.raises(ScriptError) as err:
        parse(text, "s.yaml")
    [problem] = err.value.problems
    return str(problem)


@pytest.mark.parametrize("text, where, nb, en", [
    ("title: x\n\tsteps: []\n", "s.yaml:2:1:", "bruk mellomrom, ikke tab", "use spaces, not tab"),
    ("title: Neste: kaffe\n", "s.yaml:1:13:", "sett teksten i anførselstegn", "put the text in quotes"),
    ('title: "Hei\nsteps: []\n', "s.yaml:1:8:", "åpnes her og lukkes aldri", "is opened here and never closed"),
    ("title: x\n- a\n", "s.yaml:2:1:", "et listepunkt ('- ...') der det skulle stått en nøkkel",
     "a list item ('- ...') where a key was expected"),
    ("title: x\n  steps: 2\n", "s.yaml:2:8:", "sett teksten i anførselstegn", "put the text in quotes"),
    ("a:\n  b: 1\n c: 2\n", "s.yaml:3:2:", "rykket inn annerledes", "indented differently"),
    ("title: [a, b\n", "s.yaml:2:1:", "er ikke lukket", "is not closed"),
    ("title: a\ntitle: b\n", "s.yaml:2:1:", "står to ganger i samme blokk: fjern den ene", "is given twice in the same block: remove one"),
])
def test_yaml_syntax_errors_say_what_to_do_with_file_line_and_column(text, where, nb, en):
    messages.use("nb")
    said = _yaml_problem(text)
    assert said.startswith(where + " ") and nb in said, said
    messages.use("en")
    said = _yaml_problem(text)
    assert said.startswith(where + " ") and en in said, said
    assert "not allowed here" not in said.split("[YAML:")[0]       # the parser's words only in brackets


def test_the_parsers_own_words_follow_in_brackets():
    said = _yaml_problem("title: x\n\tsteps: []\n")
    assert re.search(r"\[YAML: [^\]]*tab[^\]]*\]$", said), said


# ----------------------------------------------------------------------------- steps from 1
def test_every_message_counts_steps_from_1(tmp_path):
    steps = "".join(f"  - text: Kort {i}\n" for i in range(5)) + "  - pause: 10min\n    tempo_scale: 1.2\n"
    steps = "".join(f"  - text: Kort {i}\n" for i in range(5)) + "  - text: Kort 6\n    tempo_scale: 9\n"
    (tmp_path / "s.yaml").write_text(f"version: 1\ntitle: T\nsteps:\n{steps}", encoding="utf-8")
    from player.core.script.config import load_config
    from player.wiring import load_session_file

    with pytest.raises(ScriptError) as err:
        load_session_file(tmp_path / "s.yaml", load_config(user_file=None))
    [problem] = err.value.problems
    assert problem.path.startswith("steps[5]")                    # the path in code counts from 0 …
    assert ":10:18: step 6, tempo_scale: " in str(problem)        # … every message from 1
    messages.use("nb")
    assert ":10:18: steg 6, tempo_scale: " in str(problem)


# ----------------------------------------------------------------------------- the catalog itself
def _po(language: str):
    from babel.messages.pofile import read_po
    with (PLAYER / "locale" / language / "LC_MESSAGES" / "helsekor.po").open("rb") as f:
        return read_po(f, locale=language)


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("language", messages.LANGUAGES)
def test_the_catalog_is_complete_in_each_language(language):
    po = _po(language)
    entries = [e for e in po if e.id]
    assert len(entries) > 200
    assert [e.id for e in entries if not e.string] == []           # no empty msgstr
    assert [e.id for e in entries if "fuzzy" in e.flags] == []     # nothing waiting for a translator
    assert [e.id for e in entries if not e.context and _fields(e.id) != _fields(e.string)] == []   # same {fields}
    english = {e.id: e.string for e in _po("en") if e.context == messages.TEXTS_CONTEXT}
    assert [e.id for e in entries if e.context and _fields(e.string) != _fields(english[e.id])] == []


def test_both_languages_hold_the_same_messages_as_the_code():
    import importlib
    sys.path.insert(0, str(ROOT / "tools"))
    try:
        tool = importlib.import_module("messages")
    finally:
        sys.path.remove(str(ROOT / "tools"))
    wanted = {(e.context, e.id) for e in tool.template() if e.id}
    for language in messages.LANGUAGES:
        have = {(e.context, e.id) for e in _po(language) if e.id}
        assert sorted(wanted - have, key=str) == [], f"run: python tools/messages.py update ({language})"


@pytest.mark.parametrize("language", messages.LANGUAGES)
def test_the_compiled_catalog_is_up_to_date_with_its_po(language):
    mo = PLAYER / "locale" / language / "LC_MESSAGES" / "helsekor.mo"
    compiled = gettext.GNUTranslations(mo.open("rb"))._catalog
    po = {(f"{e.context}\x04{e.id}" if e.context else e.id): e.string for e in _po(language) if e.id}
    assert {k: v for k, v in compiled.items() if k} == po, "run: python tools/messages.py compile"


def test_the_project_config_ships_no_words_of_its_own():
    """The show's words are in the catalog (a key someone added under config.yaml texts: is
    carried over with `python tools/messages.py texts`)."""
    import yaml
    assert "texts" not in (yaml.safe_load((ROOT / "config.yaml").read_text(encoding="utf-8")) or {})


def test_a_missing_catalog_speaks_the_english_ids(monkeypatch, tmp_path):
    monkeypatch.setattr(messages, "LOCALE_DIR", tmp_path)
    monkeypatch.setattr(messages, "_catalogs", {})
    messages.use("nb")
    assert messages.tr("step {n}", n=3) == "step 3"


# ----------------------------------------------------------------------------- the scan
#: files a user never reads, each with why: the scan skips them
NOT_YET = {
    "display/xvfb.py": "a virtual X screen for the tests and benchmarks; its errors are for developers",
    "display/xorgdummy.py": "a two-monitor X server for the tests and screenshots; its errors are for developers",
    "display/preview.py": "prints a machine-read line (first_frame_epoch) for the frame benchmark",
}
LETTERS = re.compile(r"[A-Za-zÆØÅæøå]{2,}")
#: names, not words: the program's own name before a message
NAMES = re.compile(r"\bhelsekor\b")
KEY = re.compile(r"^[a-z][a-z0-9_]*$")
RAISED = {"ScriptError", "MediaError", "DeviceError", "HelsekorError", "SystemExit", "FileRefused"}


def _sink_args(call: ast.Call) -> list[ast.AST]:
    """The arguments of ``call`` that a user reads, if it is a user-facing sink."""
    f = call.func
    name = f.attr if isinstance(f, ast.Attribute) else getattr(f, "id", "")
    owner = getattr(f.value, "id", "") if isinstance(f, ast.Attribute) else ""
    args = call.args
    found = [k.value for k in call.keywords if k.arg in ("help", "description", "epilog", "message", "reason")]
    if name == "error" and len(args) >= 3:
        found.append(args[2])
    elif name == "problem" and len(args) >= 2:
        found.append(args[1])
    elif name == "Problem" and len(args) >= 5:
        found.append(args[4])
    elif name == "single" and owner == "ScriptError" and len(args) >= 2:
        found.append(args[1])
    elif name == "FileRefused" and len(args) >= 3:
        found.append(args[2])
    elif name in RAISED and args:
        found.append(args[0])
    elif name == "print":
        found.extend(args)
    elif name in ("warning", "error", "critical") and owner in ("logger", "log", "logging") and args:
        found.append(args[0])                 # (info and debug are the developers' diagnostics)
    elif name in ("notify", "notice", "_say", "report", "post") and args:
        found.append(args[0])                 # a notice to the conductor, an importer's report
    elif name == "append" and args and isinstance(f, ast.Attribute) and ast.unparse(f.value).endswith("notes"):
        found.append(args[0])                 # what an importer left out, said to the user
    return found


def words_outside_the_catalog(path: Path) -> list[str]:
    """``file:line`` of each literal with words that reaches a sink without ``tr()``, and of each
    ``say(texts, "literal")`` whose literal is not a key."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    bad = []

    def literal_words(node: ast.AST) -> bool:
        if isinstance(node, ast.Call) and getattr(node.func, "id", "") in ("tr", "say", "N_", "repr", "str"):
            return False
        if isinstance(node, ast.Constant):
            return isinstance(node.value, str) and bool(LETTERS.search(NAMES.sub("", node.value)))
        if isinstance(node, ast.JoinedStr):
            return any(literal_words(v) for v in node.values if isinstance(v, ast.Constant))
        if isinstance(node, (ast.BinOp, ast.IfExp, ast.BoolOp)):
            return any(literal_words(c) for c in ast.iter_child_nodes(node) if not isinstance(c, ast.expr_context))
        return False

    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        if getattr(node.func, "id", "") == "say" and len(node.args) > 1 and isinstance(node.args[1], ast.Constant) \
                and not KEY.match(str(node.args[1].value)):
            bad.append(f"{path.relative_to(ROOT)}:{node.lineno}")
        if any(literal_words(a) for a in _sink_args(node)):
            bad.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    return bad


def _scanned() -> list[Path]:
    out = []
    for path in sorted(PLAYER.rglob("*.py")):
        rel = path.relative_to(PLAYER).as_posix()
        if rel in NOT_YET:
            continue
        out.append(path)
    return out


def test_no_user_facing_literal_is_left_outside_the_catalog():
    scanned = _scanned()
    assert any(p.name == "cli.py" for p in scanned) and any(p.name == "loader.py" for p in scanned)
    assert [hit for path in scanned for hit in words_outside_the_catalog(path)] == []


def test_the_scan_finds_words_that_escaped(tmp_path):
    sample = tmp_path / "m.py"
    sample.write_text(
        'print(f"{n} problems found")\n'                       # 1: an f-string with words
        'ck.error(node, path, "must not be empty")\n'            # 2: a problem message
        'p.add_argument("--x", help="a window")\n'               # 3: argparse help
        'raise ScriptError.single(f, "the file is empty")\n'     # 4: a raised error
        'say(texts, "Takk for nå")\n'                            # 5: say with words, not a key
        'print(tr("{n} problems found", n=n))\n'                 # 6: fine
        'say(texts, "end")\n'                                    # 7: fine: a key
        'print("  " + name, ": ")\n'                             # 8: fine: no words
        'logger.warning("the log is full: %s", x)\n',            # 9: a log message
        encoding="utf-8")
    hits = [h.rsplit(":", 1)[1] for h in words_outside_the_catalog_at(sample)]
    assert hits == ["1", "2", "3", "4", "5", "9"]


def words_outside_the_catalog_at(path: Path) -> list[str]:
    global ROOT
    saved, ROOT = ROOT, path.parent
    try:
        return sorted(words_outside_the_catalog(path), key=lambda h: int(h.rsplit(":", 1)[1]))
    finally:
        ROOT = saved
