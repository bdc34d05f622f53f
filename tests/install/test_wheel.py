"""Issue 15's CI steps, inside `make test`: the wheel and the sdist build from a copy of the
repository, the wheel holds all the built-in content, and installed into a fresh virtual
environment in a temporary folder outside the clone, ``helsekor`` lists, checks, renders two
steps of the demo, makes a choir folder and checks its example session. The first build fetches
hatchling and the install fetches the dependencies from PyPI (through pip's cache)."""

from __future__ import annotations

import json
import zipfile
import tarfile

import pytest

from tests.install.installing import ROOT, build, copy_source, install

CONTENT = [*sorted((ROOT / "songs").iterdir()), *sorted((ROOT / "exercises").glob("*.yaml")),
           *sorted((ROOT / "media").rglob("*.*")), ROOT / "sessions" / "demo.yaml", ROOT / "config.yaml"]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    folder = tmp_path_factory.mktemp("build")
    return build(copy_source(folder / "helsekor"), folder / "dist")


@pytest.fixture(scope="module")
def installed(built, tmp_path_factory):
    return install(built[0], tmp_path_factory.mktemp("user"))


def test_the_content_list_is_not_empty():
    names = {p.name for p in CONTENT}
    assert {"ro-ro-ro-din-bat.yaml", "ro-ro-ro-din-bat.mid", "banke-kroppen.yaml", "demo.yaml"} <= names
    assert sum(p.suffix == ".png" for p in CONTENT) >= 5


@pytest.mark.timeout(900)
def test_the_wheel_holds_every_song_exercise_pictogram_the_demo_and_the_fonts(built):
    wheel, sdist = built
    names = set(zipfile.ZipFile(wheel).namelist())
    wanted = {"player/content/" + p.relative_to(ROOT).as_posix() for p in CONTENT}
    wanted |= {"player/fonts/DejaVuSans-Symbols.ttf", "player/fonts/LICENSE.txt",
               "player/templates/choir/README.txt", "player/templates/choir/sessions/eksempel.yaml",
               "player/content/media/soundfonts/TimGM6mb.sf2", "player/content/media/soundfonts/GPL-2.txt"}
    assert sorted(wanted - names) == []
    assert not [n for n in names if n.startswith(("tests/", "bench/", "songs/"))]
    with tarfile.open(sdist) as tar:
        in_sdist = {n.split("/", 1)[1] for n in tar.getnames() if "/" in n}
    assert sorted({p.relative_to(ROOT).as_posix() for p in CONTENT} - in_sdist) == []


@pytest.mark.timeout(1800)
def test_installed_from_the_wheel_elsewhere_helsekor_lists_checks_renders_and_inits(installed, tmp_path):
    work = tmp_path / "anywhere"
    work.mkdir()
    where = json.loads(installed.python(
        "import json, player; from player.core.model.places import content_root;"
        "print(json.dumps([player.__file__, str(content_root())]))", work))
    assert all(str(installed.venv) in w and str(ROOT) not in w for w in where), where

    listed = installed.helsekor("list", cwd=work)
    assert listed.returncode == 0, listed.stderr
    assert "ro-ro-ro-din-bat" in listed.stdout and "banke-kroppen" in listed.stdout

    checked = installed.helsekor("check", cwd=work)
    assert checked.returncode == 0, checked.stderr
    assert "Helsekor – demo" in checked.stdout and "Planned in all" in checked.stdout

    out = work / "rehearsal"
    rendered = installed.helsekor("render", "--steps", "10-11", "--size", "640x360", "--out", str(out), cwd=work)
    assert rendered.returncode == 0, rendered.stderr
    timeline = json.loads((out / "timeline.json").read_text(encoding="utf-8"))
    steps = [e for e in timeline["events"] if e["kind"] == "step"]
    assert [e["id"] for e in steps] == ["sirene", "bjornen-sover"]
    assert sorted({p.name[:6] for p in (out / "frames").glob("*.png")}) == ["step10", "step11"]
    assert (out / "audio.wav").stat().st_size > 44_100 * 4     # a second of sound, at least

    kor = work / "Vårt kor"
    made = installed.helsekor("init", str(kor), cwd=work)
    assert made.returncode == 0, made.stderr
    assert (kor / "README.txt").is_file() and (installed.home / "config" / "config.yaml").is_file()
    example = installed.helsekor("check", str(kor / "sessions" / "eksempel.yaml"), cwd=work)
    assert example.returncode == 0, example.stderr
    assert "Ro, ro, ro din båt" in example.stdout
    state = installed.home / "cache" / "midi-checks.json"
    assert state.is_file()                           # the user's places, not beside the code


def test_the_bundle_and_the_wheel_put_the_same_content_in_the_same_place():
    """`make bundle` (tools/bundle.py) maps the same folders as the wheel's build, where
    content_root() looks for them."""
    import importlib.util
    import tomllib
    force = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["hatch"]["build"]["targets"]["wheel"]["force-include"]
    spec = importlib.util.spec_from_file_location("bundle", ROOT / "tools" / "bundle.py")
    bundle = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bundle)
    assert {name: f"player/content/{name}" for name in bundle.CONTENT} == force
