"""The room's clients for bench_serve, in their own process (phones are other machines: their
work must not share the show's interpreter): ``python -m bench.serve_load PORT CODE PIN SECONDS
VIEWERS STEP_S``. 60 lyric viewers and 1 stage viewer follow the show over server-sent events;
1 remote gives the PIN and presses Next every STEP_S seconds. Prints one JSON line: each
view's lag (ms, its arrival here against the wall time the show stamped it with when the frame
was on the projector), and counts."""

from __future__ import annotations

import json
import sys
import time

from tests.serve.room import Client, Viewer


def main(argv: list[str]) -> int:
    port, code, pin = int(argv[0]), argv[1], argv[2]
    seconds, viewers, step_s = float(argv[3]), int(argv[4]), float(argv[5])
    pages = []
    for _ in range(viewers + 1):                 # the lyric viewers and the stage
        c = Client(port)
        c.join(code)
        v = Viewer(c)
        v.start()
        pages.append(v)
    remote = Client(port)
    remote.join(code)
    remote.pin(pin)
    end = time.monotonic() + seconds
    presses = refused = 0
    next_press = time.monotonic() + step_s
    while time.monotonic() < end:
        time.sleep(0.05)
        if time.monotonic() >= next_press:
            next_press += step_s
            presses += 1
            refused += remote.intent("next") != 200
    for v in pages:
        v.stop()
    # each stream's first view is the state when it connected (stamped when that state began), not a lag
    lags = [(arrived - view["at"]) * 1000.0 for v in pages for arrived, view in v.views[1:] if "at" in view]
    print(json.dumps({"lags": lags, "views": sum(len(v.views) for v in pages), "pages": len(pages),
                      "open": sum(v.status == 200 for v in pages), "presses": presses, "refused": refused}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
