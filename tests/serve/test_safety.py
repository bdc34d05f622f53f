"""The room's server is safe to switch on: given a real show with ``--serve`` (its own process,
real HTTP), a client without the code or without the PIN cannot move the show, five wrong
PINs lock that address out, nothing outside the served assets is found, and a flood from one
client leaves the others and the show going."""

from __future__ import annotations

import threading
import time

import pytest

from tests.serve.room import ROOT, Client, Viewer

pytestmark = pytest.mark.timeout(120)


def watching(show) -> Viewer:
    c = Client(show.port)
    assert c.join(show.code) == 200
    v = Viewer(c)
    v.start()
    assert v.wait_for(lambda view: view["step"] == 0) is not None
    return v


def controller(show) -> Client:
    c = Client(show.port)
    assert c.join(show.code) == 200
    assert c.pin(show.pin) == 200
    return c


def test_without_the_code_or_the_pin_the_show_does_not_move(show):
    viewer = watching(show)
    stranger = Client(show.port)                       # never joined
    assert stranger.intent("next") == 401
    assert stranger.join("WRONG1") == 403
    assert stranger.intent("next") == 401
    guest = Client(show.port)                          # joined with the code: may watch, not control
    assert guest.join(show.code) == 200
    for action in ("next", "panic", "blank"):
        assert guest.intent(action) == 403
    time.sleep(1.0)
    assert viewer.views[-1][1]["step"] == 0 and not viewer.views[-1][1]["blank"]
    assert controller(show).intent("next") == 200      # the same request with the PIN does move it
    assert viewer.wait_for(lambda view: view["step"] == 1) is not None
    viewer.stop()


def test_a_viewer_never_gets_the_conductors_notes_and_a_controller_does(show):
    viewer = watching(show)
    assert "notes" not in viewer.views[-1][1] and "sheet" not in viewer.views[-1][1]
    boss = Viewer(controller(show))
    boss.start()
    seen = boss.wait_for(lambda view: "sheet" in view)
    assert seen is not None and len(seen["sheet"]) == seen["count"]
    viewer.stop()
    boss.stop()


def test_five_wrong_pins_lock_that_client_out(show):
    c = Client(show.port)
    assert c.join(show.code) == 200
    wrong = "0000" if show.pin != "0000" else "1111"
    assert [c.pin(wrong) for _ in range(4)] == [403] * 4
    assert c.pin(wrong) == 429                          # the fifth: locked out
    assert c.pin(show.pin) == 429                       # even the right PIN, for a minute
    assert c.intent("next") == 403
    again = Client(show.port)                           # a new token from the same address is locked too
    assert again.join(show.code) == 429


@pytest.mark.parametrize("path", ["/../../etc/passwd", "/static/../app.py", "/static/app.py", "/static/%2e%2e/server.py",
                                  "/server.py", "/api/settings", "/static/", "/favicon.ico", "/static/serve.js/..",
                                  "//etc/passwd", "/config.yaml", "/static/..%2f..%2fconfig.yaml"])
def test_a_path_outside_the_served_assets_is_404(show, path):
    status, _ = Client(show.port).call("GET", path)
    assert status == 404


def test_the_pages_get_the_big_print_font_the_projector_uses(show):
    import http.client

    def get(path: str) -> tuple[int, bytes]:
        c = http.client.HTTPConnection("127.0.0.1", show.port, timeout=10)
        try:
            c.request("GET", path)
            r = c.getresponse()
            return r.status, r.read()
        finally:
            c.close()
    status, css = get("/static/serve.css")
    assert status == 200 and b"atkinson-bold.ttf" in css
    for name in ("regular", "bold"):
        status, body = get(f"/static/atkinson-{name}.ttf")
        assert status == 200 and body[:4] == b"\x00\x01\x00\x00", name     # a TrueType font


def test_no_answer_names_a_path_or_the_settings(show):
    c = Client(show.port)
    c.join(show.code)
    v = Viewer(c)
    v.start()
    v.wait_for(lambda view: True)
    v.stop()
    import http.client
    bodies = []
    for path in ("/", "/remote", "/stage", "/lyrics", "/api/words", "/static/serve.js"):
        conn = http.client.HTTPConnection("127.0.0.1", show.port, timeout=10)
        conn.request("GET", path)
        r = conn.getresponse()
        assert r.status == 200
        bodies.append(r.read().decode())
    text = "\n".join(bodies) + repr(v.views)
    assert str(ROOT) not in text and "helsekor.log" not in text and "/tmp/" not in text


def test_a_page_from_another_host_name_is_refused(show):
    status, _ = Client(show.port).call("GET", "/api/words", headers={"Host": "evil.example:80"})
    assert status == 403


def test_a_flood_from_one_client_does_not_disturb_the_others_or_the_show(show):
    viewer = watching(show)
    flooder = controller(show)
    counts: dict[int, int] = {}
    stop = threading.Event()

    def flood():
        while not stop.is_set():
            s = flooder.intent("tempo_up")
            counts[s] = counts.get(s, 0) + 1

    threads = [threading.Thread(target=flood, daemon=True) for _ in range(4)]
    for t in threads:
        t.start()
    time.sleep(1.0)
    boss = controller(show)                            # another remote, during the flood
    for k in range(1, 4):
        assert boss.intent("next") == 200
        assert viewer.wait_for(lambda view, k=k: view["step"] == k, timeout=10) is not None
        time.sleep(0.4)                               # past the double-press guard
    stop.set()
    for t in threads:
        t.join(10)
    viewer.stop()
    assert counts.get(429, 0) > 10 * counts.get(200, 1)   # most of the flood was refused
    assert show.alive()
