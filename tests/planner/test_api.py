"""The planner's server over real HTTP (uvicorn on 127.0.0.1): search, safety, saving with
comments kept, and a broken file opened with its errors."""

from __future__ import annotations

import json
import os
import urllib.error
import urllib.request

import pytest

from player.planner.catalog import fold
from player.planner.folder import Confined, PathRefused, safe_name


def call(planner, path, body=None, kind="application/json", host=None, raw=None):
    data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
    req = urllib.request.Request(planner.url.rstrip("/") + path, data=data, method="POST" if data is not None else "GET")
    if data is not None:
        req.add_header("Content-Type", kind)
    if host:
        req.add_header("Host", host)
    try:
        with urllib.request.urlopen(req, timeout=60) as res:
            return res.status, res.read()
    except urllib.error.HTTPError as err:
        return err.code, err.read()


def js(planner, path, body=None, **kw):
    status, data = call(planner, path, body, **kw)
    return status, json.loads(data)


def test_the_search_ignores_case_and_accents():
    assert fold("Bjørnen") == fold("bjornen") == fold("BJORNEN")
    assert fold("Gå på stien") == fold("ga pa stien") == fold("gaa paa stien")
    assert fold("Blåbærturen") == fold("blabaerturen")


def test_library_search_and_filters(planner):
    status, data = js(planner, "/api/library?q=bjornen")
    assert status == 200 and [i["title"] for i in data["items"]] == ["Bjørnen sover"]
    item = data["items"][0]
    assert item["key"] == "C" and item["tempo"] == 100 and item["length"]
    _, everything = js(planner, "/api/library")
    assert everything["count"] >= 20 and all(i["length"] for i in everything["items"])   # each has its planned length
    _, warm = js(planner, "/api/library?tag=warmup")
    assert warm["count"] >= 5 and all(i["kind"] == "exercise" for i in warm["items"])
    _, hymns = js(planner, "/api/library?tag=hymn")
    assert "Deilig er jorden" in [i["title"] for i in hymns["items"]]


def test_names_that_leave_the_choir_folder_are_refused(planner, tmp_path):
    outside = tmp_path / "outside.yaml"
    outside.write_text("version: 1\ntitle: Ute\nsteps:\n  - text: hei\n", encoding="utf-8")
    os.symlink(outside, planner.folder / "sessions" / "lenke.yaml")
    for name in ["../../outside.yaml", str(outside), "lenke.yaml", ".skjult.yaml", "a/b.yaml", "demo.txt"]:
        status, data = js(planner, f"/api/session?name={urllib.request.quote(name)}")
        assert status == 400, name
        assert "Ugyldig filnavn" in data["error"]
    page = {"title": "X", "steps": [{"kind": "text", "value": "hei"}]}
    status, _ = js(planner, "/api/save", {"name": "../../evil.yaml", "session": page})
    assert status == 400 and not (planner.folder.parent / "evil.yaml").exists()
    place = Confined(planner.folder)
    with pytest.raises(PathRefused):
        place.file("sessions", "lenke.yaml", write=True)


def test_a_foreign_host_and_a_form_post_are_refused(planner):
    status, _ = call(planner, "/api/library", host="evil.example:80")
    assert status == 403
    status, _ = call(planner, "/api/check", raw=b"a=b", kind="application/x-www-form-urlencoded")
    assert status == 415


def test_uploads_are_limited_in_size_and_type(planner):
    status, data = call(planner, "/api/song/backing?name=x.mid", raw=b"MThd" + b"\0" * (2 << 20),
                        kind="application/octet-stream")
    assert status == 413
    status, data = call(planner, "/api/song/backing?name=x.exe", raw=b"MZ....", kind="application/octet-stream")
    assert status == 415
    status, data = call(planner, "/api/song/backing?name=x.mp3", raw=b"<html>not a song", kind="application/octet-stream")
    assert status == 415
    status, data = call(planner, "/api/song/backing?name=x.mid", raw=b"not a midi file", kind="application/octet-stream")
    assert status == 415


def test_saving_keeps_comments_and_order_and_never_overwrites_unasked(planner):
    path = planner.folder / "sessions" / "uke.yaml"
    original = ("# Øktene til torsdagskoret\nversion: 1\ntitle: Uke 12\nsteps:\n"
                "  # først litt oppvarming\n  - exercise: banke-kroppen\n    note: Rolig  # ikke for fort\n"
                "  - song: bjornen-sover\n    verses: [1, 2]\n")
    path.write_text(original, encoding="utf-8")
    status, opened = js(planner, "/api/session?name=uke.yaml")
    assert status == 200 and opened["report"]["ok"] and not opened["broken"]
    steps = opened["session"]["steps"]
    assert [s["kind"] for s in steps] == ["exercise", "song"] and steps[1]["verses"] == "1, 2"
    steps[1]["verses"] = "1, 3"
    steps.append({"kind": "text", "value": "Takk for i dag!", "origin": None})
    body = {"name": "uke.yaml", "base": "uke.yaml", "session": opened["session"]}
    status, data = js(planner, "/api/save", body)
    assert status == 409 and path.read_text(encoding="utf-8") == original      # asked first
    status, data = js(planner, "/api/save", {**body, "replace": True})
    assert status == 200, data
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# Øktene til torsdagskoret\nversion: 1\ntitle: Uke 12\n")
    assert "# først litt oppvarming" in text and "# ikke for fort" in text
    assert "verses: [1, 3]" in text and text.index("banke-kroppen") < text.index("bjornen-sover") < text.index("Takk")
    assert (path.parent / "uke.yaml.bak").read_text(encoding="utf-8") == original


def test_a_session_with_problems_is_not_saved(planner):
    page = {"title": "Feil", "steps": [{"kind": "song", "value": "bjornen-sover", "verses": "9"}]}
    status, data = js(planner, "/api/save", {"session": page})
    assert status == 422
    assert data["report"]["steps"][0]["problems"][0]["step"] == 0
    assert not (planner.folder / "sessions" / "feil.yaml").exists()


def test_a_file_that_is_not_yaml_opens_with_the_parsers_words(planner):
    (planner.folder / "sessions" / "tab.yaml").write_text("version: 1\ntitle: a: b\nsteps:\n\t- text: x\n",
                                                           encoding="utf-8")
    status, data = js(planner, "/api/session?name=tab.yaml")
    assert status == 200 and data["broken"]
    assert data["report"]["problems"] and data["report"]["problems"][0]["line"] >= 2
    assert "title: a: b" in data["text"]


def test_the_preview_is_a_png_of_the_step(planner):
    page = {"title": "P", "steps": [{"kind": "text", "value": "Velkommen!"}]}
    status, png = call(planner, "/api/preview", {"session": page, "step": 0})
    assert status == 200 and png[:4] == b"\x89PNG"
    status, _ = call(planner, "/api/preview", {"session": page, "step": 5})
    assert status == 422


def test_file_names_are_made_safe_from_titles():
    assert safe_name("Høstøkt – 3. uke!") == "hostokt-3-uke"
    assert safe_name("../../etc/passwd") == "etc-passwd"
    assert safe_name("!!!") == "okt"


def test_a_broken_song_named_twice_is_shown_beside_both_steps(planner):
    (planner.folder / "songs" / "feil.yaml").write_text("version: 1\ntitle: Feil\nlyrics: |\n  la la\nbogus: 1\n",
                                                         encoding="utf-8")
    page = {"title": "To", "steps": [{"kind": "song", "value": "feil"}, {"kind": "song", "value": "feil"}]}
    status, data = js(planner, "/api/check", {"session": page})
    assert status == 200
    first, second = data["report"]["steps"]
    assert "bogus" in first["problems"][0]["message"]
    assert second["problems"] and second["problems"][0]["step"] == 1


def test_a_song_with_a_recording_and_tapped_timing(planner, tmp_path):
    import subprocess
    import sys
    import wave
    recording = tmp_path / "opptak.wav"
    with wave.open(str(recording), "wb") as f:            # 10 s of quiet sound
        f.setnchannels(1)
        f.setsampwidth(2)
        f.setframerate(8000)
        f.writeframes(b"\x01\x00" * 80000)
    status, up = js(planner, "/api/song/backing?name=opptak.wav", raw=recording.read_bytes(),
                    kind="application/octet-stream")
    assert status == 200 and up["kind"] == "audio"
    song = {"text": "En to tre fire\nfem seks sju\n\nåtte ni ti\nelleve tolv\n", "title": "Opptakssang",
            "tempo": "60", "taps": [0.2, 2.1, 4.0, 6.1]}
    status, built = js(planner, "/api/song/build", {"song": song, "backing": up["token"]})
    assert status == 200 and built["problems"] == [] and not built["estimated"]
    status, saved = js(planner, "/api/song/save", {"song": song, "backing": up["token"]})
    assert status == 200, saved
    text = (planner.folder / "songs" / "opptakssang.yaml").read_text(encoding="utf-8")
    assert "opptakssang.wav" in text and (planner.folder / "songs" / "opptakssang.wav").exists()
    result = subprocess.run([sys.executable, "-m", "player.cli", "check", str(planner.folder / "songs" / "opptakssang.yaml")],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    status, again = js(planner, "/api/song/save", {"song": song, "backing": up["token"]})
    assert status == 409                                   # never overwritten without asking


def test_the_show_does_not_import_the_web_framework():
    import subprocess
    import sys
    code = "import sys, player.cli, player.show; print(sorted(m for m in ('starlette', 'uvicorn', 'ruamel') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.stdout.strip() == "[]", out.stderr


def test_helsekor_plan_prints_its_address_on_127_0_0_1_and_serves_the_page(choir):
    import subprocess
    import sys
    from pathlib import Path
    proc = subprocess.Popen([sys.executable, "-m", "player.cli", "plan", str(choir), "--no-browser"],
                            cwd=Path(__file__).resolve().parents[2], stdout=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONUNBUFFERED": "1", "HELSEKOR_LANGUAGE": "nb"})
    try:
        line = proc.stdout.readline()
        url = next(word for word in line.split() if word.startswith("http://"))
        assert url.startswith("http://127.0.0.1:") and str(choir) in line
        with urllib.request.urlopen(url, timeout=60) as res:
            page = res.read().decode("utf-8")
        assert '<script src="/static/app.js"' in page and "http" not in page.split("<body>")[1]   # nothing from a CDN
        with urllib.request.urlopen(url + "api/words", timeout=60) as res:
            assert json.loads(res.read())["app_title"] == "Planlegg økta"
    finally:
        proc.terminate()
        proc.wait(10)


def test_every_script_and_style_is_shipped_in_the_package():
    from player.planner.server import STATIC
    for path in STATIC.iterdir():
        text = path.read_text(encoding="utf-8")
        assert "http://" not in text and "https://" not in text and "//cdn" not in text, path.name
    assert {p.name for p in STATIC.iterdir()} >= {"index.html", "app.js", "style.css"}
