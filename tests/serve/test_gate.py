"""The gate on a manual clock: the lock-out ends after a minute, the rate refills, and the cap
on pages connected at once holds; and the server itself (in this process, real HTTP) refuses
the page past the cap."""

from __future__ import annotations

import pytest

from player.core.model.settings import ServeSection
from player.serve.gate import LOCK_SECONDS, TRIES, Gate, Refused
from tests.serve.room import Client, Viewer


class Clock:
    def __init__(self):
        self.t = 100.0

    def __call__(self):
        return self.t


def test_the_lock_out_lasts_a_minute_and_is_per_address():
    clock = Clock()
    gate = Gate("ABCDEF", "1234", clock=clock)
    token = gate.join("10.0.0.5", "abcdef")                 # the code in any case
    for k in range(TRIES):
        with pytest.raises(Refused) as err:
            gate.unlock("10.0.0.5", token, "9999")
        assert err.value.status == (429 if k == TRIES - 1 else 403)
    other = gate.join("10.0.0.6", "ABCDEF")                 # another phone is not locked out
    gate.unlock("10.0.0.6", other, "1234")
    clock.t += LOCK_SECONDS - 1
    with pytest.raises(Refused):
        gate.unlock("10.0.0.5", token, "1234")
    clock.t += 2
    gate.unlock("10.0.0.5", token, "1234")
    gate.control(token)


def test_the_rate_per_client_refills_with_time():
    clock = Clock()
    gate = Gate("ABCDEF", "1234", per_second=5, clock=clock)
    a, b = gate.join("h", "ABCDEF"), gate.join("h", "ABCDEF")
    for _ in range(5):
        gate.spend(a)
    with pytest.raises(Refused) as err:
        gate.spend(a)
    assert err.value.status == 429
    gate.spend(b)                                           # the other client has its own
    clock.t += 0.2
    gate.spend(a)


@pytest.mark.timeout(60)
def test_the_server_refuses_the_page_past_the_cap_on_clients():
    from player.serve import RoomServer

    posted = []
    room = RoomServer(ServeSection(enabled=True, port=0, max_clients=2), {}, posted.append, host="127.0.0.1").start()
    try:
        room.hub.publish('{"step":0}', '{"step":0}')
        viewers = []
        for _ in range(3):
            c = Client(room.port)
            assert c.join(room.code) == 200
            v = Viewer(c)
            v.start()
            v.opened.wait(10)
            viewers.append(v)
        assert [v.status for v in viewers] == [200, 200, 503]
        viewers[0].stop()
        import time
        time.sleep(0.3)
        late = Viewer(viewers[2].client)
        late.start()
        late.opened.wait(10)
        assert late.status == 200                            # a place came free
        for v in viewers[1:] + [late]:
            v.stop()
        assert posted == []
    finally:
        room.stop()


def test_serve_is_off_unless_asked_for_and_serve_true_turns_it_on():
    from player.core.model.errors import ScriptError
    from player.core.script.settings import settings_from_plain

    assert settings_from_plain({}).serve.enabled is False
    assert settings_from_plain({"serve": True}).serve.enabled is True
    on = settings_from_plain({"serve": {"enabled": True, "port": 9000, "max_clients": 5}}).serve
    assert (on.enabled, on.port, on.max_clients) == (True, 9000, 5)
    with pytest.raises(ScriptError, match="serve"):
        settings_from_plain({"serve": {"max_clients": 0}})
