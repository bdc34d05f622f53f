"""The planner's web server: Starlette on uvicorn, bound to 127.0.0.1 unless told otherwise.

Requests are served on uvicorn's worker threads; every loader, renderer and file write runs
under one lock (:attr:`Planner.lock` in :mod:`player.planner.api`), so the page never sees a
half-written file. A request whose Host is not this machine is refused (a web page elsewhere
cannot reach the planner through a DNS name that points here), and every POST must say it is
JSON or a file, which a form on another site cannot.
"""

from __future__ import annotations

import socket
import sys
import webbrowser
from pathlib import Path

from player.core.model.settings import Settings

__all__ = ["make_app", "serve", "STATIC"]

STATIC = Path(__file__).with_name("static")
LOCAL_HOSTS = ("127.0.0.1", "localhost", "[::1]")


def make_app(folder: Path, config: Settings, allow_hosts: tuple[str, ...] = LOCAL_HOSTS):
    """The Starlette app for the choir folder ``folder``."""
    from starlette.applications import Starlette
    from starlette.middleware import Middleware
    from starlette.middleware.base import BaseHTTPMiddleware
    from starlette.responses import FileResponse, PlainTextResponse
    from starlette.routing import Mount, Route
    from starlette.staticfiles import StaticFiles

    from player.planner.api import Planner
    from player.planner.routes import make_routes

    planner = Planner(folder, config)
    planner.warm()                   # the library is read while the browser opens

    async def guard(request, call_next):
        host = request.headers.get("host", "").rsplit(":", 1)[0]
        if host not in allow_hosts:
            return PlainTextResponse("forbidden host", status_code=403)
        if request.method == "POST":
            kind = request.headers.get("content-type", "").split(";")[0].strip()
            if kind not in ("application/json", "application/octet-stream"):
                return PlainTextResponse("unsupported content type", status_code=415)
        response = await call_next(request)
        response.headers["Cache-Control"] = "no-store"
        response.headers["X-Content-Type-Options"] = "nosniff"
        return response

    async def index(request):
        return FileResponse(STATIC / "index.html", media_type="text/html; charset=utf-8")

    return Starlette(routes=[Route("/", index), *make_routes(planner),
                             Mount("/static", StaticFiles(directory=str(STATIC)), name="static")],
                     middleware=[Middleware(BaseHTTPMiddleware, dispatch=guard)])


def _socket(host: str, port: int) -> socket.socket:
    sock = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen(64)
    sock.set_inheritable(True)
    return sock


def serve(folder: Path, config: Settings, host: str = "127.0.0.1", port: int = 0, browser: bool = True,
          out=None) -> int:
    """Serve the planner until Ctrl+C; prints the address (port 0: a free one).

    The socket listens before the framework is imported, so the address is printed and the
    browser opened at once: its first request waits in the socket's queue, not for an error."""
    from player.core.show.words import say

    out = out or sys.stdout
    sock = _socket(host, port)
    port = sock.getsockname()[1]
    url = f"http://{'127.0.0.1' if host == '0.0.0.0' else host}:{port}/"
    print(say(config.texts(), "plan_address", url=url, folder=folder), file=out, flush=True)
    if browser:
        webbrowser.open(url)
    import uvicorn

    hosts = LOCAL_HOSTS if host in ("127.0.0.1", "localhost", "::1") else (*LOCAL_HOSTS, host, socket.gethostname())
    app = make_app(folder, config, hosts)
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
    server.run(sockets=[sock])
    return 0
