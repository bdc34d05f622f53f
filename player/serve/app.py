"""The Starlette app of the room's pages: a fixed list of assets (anything else is 404), the
catalog's words as JSON, joining with the code, the PIN, the live stream (server-sent events)
and the remote's intents. Every endpoint is ``async`` and runs on the server's event loop
(the gate keeps its counts there without a lock); an intent goes to the show through ``post``
(the app's one event pump, :meth:`player.display.app.App.post`), which only enqueues.

Refusals are JSON ``{"error": words}`` with the catalog's words; no answer names a file, a
path, a log or a setting."""

from __future__ import annotations

import json
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Callable, Mapping

from player.serve.gate import Gate, Refused
from player.serve.hub import Hub

__all__ = ["make_app", "STATIC", "ACTIONS", "PAGES", "MAX_BODY"]

STATIC = Path(__file__).with_name("static")
PAGES = {"/": "index.html", "/remote": "remote.html", "/stage": "stage.html", "/lyrics": "lyrics.html"}
KINDS = {".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8",
         ".css": "text/css; charset=utf-8", ".svg": "image/svg+xml", ".ttf": "font/ttf"}
#: the big-print font the projector uses, served to the pages so a phone shows the same letters
FONT_URLS = {"regular": "/static/atkinson-regular.ttf", "bold": "/static/atkinson-bold.ttf"}
ACTIONS = ("next", "back", "blank", "pause", "tempo_up", "tempo_down", "panic")
MAX_BODY = 512           # bytes of one request body
KEEPALIVE_S = 10.0


def _assets() -> dict[str, tuple[bytes, str]]:
    """Every served file, read once at start: URL → (bytes, type). Nothing else is opened."""
    out = {}
    for url, name in PAGES.items():
        out[url] = ((STATIC / name).read_bytes(), KINDS[".html"])
    for path in sorted(STATIC.iterdir()):
        if path.suffix in (".js", ".css", ".svg") and path.is_file() and not path.is_symlink():
            out["/static/" + path.name] = (path.read_bytes(), KINDS[path.suffix])
    from player.core.model.places import font_files
    fonts = font_files()
    out[FONT_URLS["regular"]] = (fonts.regular.read_bytes(), KINDS[".ttf"])
    out[FONT_URLS["bold"]] = (fonts.bold.read_bytes(), KINDS[".ttf"])
    return out


def make_app(hub: Hub, gate: Gate, post: Callable[[str], None], words: Mapping[str, str],
             allow_hosts: tuple[str, ...], double_press_s: float = 0.3, clock=None):
    """``post(action)`` hands one of :data:`ACTIONS` to the show; ``words`` are the pages'
    words (catalog keys without ``serve_``); ``allow_hosts`` the Host names this server
    answers to (a name elsewhere that points here is refused)."""
    import time

    from starlette.applications import Starlette
    from starlette.responses import Response, StreamingResponse
    from starlette.routing import Route

    clock = clock or time.monotonic
    assets = _assets()
    words_json = json.dumps(dict(words), ensure_ascii=False).encode()
    last_press: dict[str, float] = {}

    def answer(status: int, data) -> Response:
        return Response(json.dumps(data, ensure_ascii=False), status_code=status, media_type="application/json",
                        headers={"Cache-Control": "no-store", "X-Content-Type-Options": "nosniff"})

    def refused(err: Refused) -> Response:
        return answer(err.status, {"error": words.get(err.key[6:], err.key), "key": err.key})

    async def body_of(request) -> dict:
        if request.headers.get("content-type", "").split(";")[0].strip() != "application/json":
            raise Refused(415, "serve_bad_request")
        raw = b""
        async for chunk in request.stream():
            raw += chunk
            if len(raw) > MAX_BODY:
                raise Refused(413, "serve_bad_request")
        try:
            body = json.loads(raw or b"{}")
        except ValueError:
            raise Refused(400, "serve_bad_request") from None
        if not isinstance(body, dict):
            raise Refused(400, "serve_bad_request")
        return body

    def address(request) -> str:
        return request.client.host if request.client else "?"

    def host_ok(request) -> bool:
        return request.headers.get("host", "").rsplit(":", 1)[0].strip("[]") in allow_hosts

    async def asset(request):
        found = assets.get(request.url.path)
        if found is None or not host_ok(request):
            return Response(status_code=404 if found is None else 403)
        return Response(found[0], media_type=found[1],
                        headers={"Cache-Control": "no-store", "X-Content-Type-Options": "nosniff",
                                 "Content-Security-Policy": "default-src 'self'; img-src 'self' data:",
                                 "Referrer-Policy": "no-referrer"})

    def guarded(fn):
        async def endpoint(request):
            if not host_ok(request):
                return Response(status_code=403)
            try:
                return await fn(request)
            except Refused as err:
                return refused(err)
        return endpoint

    async def get_words(_request):
        return Response(words_json, media_type="application/json", headers={"Cache-Control": "no-store"})

    async def join(request):
        body = await body_of(request)
        return answer(200, {"token": gate.join(address(request), str(body.get("code", ""))[:20])})

    async def pin(request):
        body = await body_of(request)
        gate.spend(request.headers.get("x-token"))
        gate.unlock(address(request), request.headers.get("x-token"), str(body.get("pin", ""))[:12])
        return answer(200, {"control": True})

    async def intent(request):
        body = await body_of(request)
        gate.control(request.headers.get("x-token"))
        action = body.get("action")
        if action not in ACTIONS:
            raise Refused(400, "serve_bad_request")
        now = clock()
        if now - last_press.get(action, -1e9) < double_press_s:     # the clicker's double-press guard
            return answer(200, {"ok": True, "ignored": True})
        last_press[action] = now
        post(action)
        return answer(200, {"ok": True})

    async def events(request):
        client = gate.open_stream(request.query_params.get("t"))

        async def stream():
            seen = -1
            try:
                yield b"retry: 1000\n\n"
                while not hub.closing:
                    if await hub.changed(seen, KEEPALIVE_S):
                        if hub.closing:
                            break
                        seen, public, control = hub.latest
                        yield f"data: {control if client.control else public}\n\n".encode()
                    else:
                        yield b": still here\n\n"
            finally:
                gate.close_stream(client)

        return StreamingResponse(stream(), media_type="text/event-stream",
                                 headers={"Cache-Control": "no-store", "X-Accel-Buffering": "no"})

    @asynccontextmanager
    async def lifespan(_app):
        import asyncio
        hub.attach(asyncio.get_running_loop())
        try:
            yield
        finally:
            hub.detach()

    routes = [Route(url, asset) for url in assets]
    routes += [Route("/api/words", guarded(get_words)), Route("/api/join", guarded(join), methods=["POST"]),
               Route("/api/pin", guarded(pin), methods=["POST"]), Route("/api/intent", guarded(intent), methods=["POST"]),
               Route("/api/events", guarded(events))]
    return Starlette(routes=routes, lifespan=lifespan)
