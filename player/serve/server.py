"""The room's server beside the show: uvicorn on its own thread, bound to the local network
(``0.0.0.0``; only when asked for with ``--serve`` or ``serve: true``), fed by the frame loop
through the :class:`~player.serve.hub.Hub` and sending intents back through ``post`` (the
app's one event pump).

Threads: :meth:`RoomServer.start` and :meth:`RoomServer.stop` on the main thread;
:meth:`RoomServer.publish` on the main thread after each frame (builds the small view, and
hands it off only when it changed: never waits); everything else on the server thread."""

from __future__ import annotations

import logging
import socket
import threading
import time
from typing import Callable, Mapping

from player.core.model import intents as I
from player.core.model.settings import ServeSection
from player.serve.app import ACTIONS, make_app
from player.serve.gate import Gate, new_code, new_pin
from player.serve.hub import Hub
from player.serve.view import texts_of, view_of

__all__ = ["RoomServer", "local_address", "INTENTS"]

log = logging.getLogger(__name__)

INTENTS = {"next": I.Next, "back": I.Back, "blank": I.Blank, "pause": I.StartPause,
           "tempo_up": I.TempoUp, "tempo_down": I.TempoDown, "panic": I.Panic}
assert set(INTENTS) == set(ACTIONS)


def local_address() -> str:
    """This machine's address on the local network (the interface of the default route; no
    packet is sent), or 127.0.0.1 without one."""
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        s.connect(("192.0.2.1", 9))
        return s.getsockname()[0]
    except OSError:
        return "127.0.0.1"
    finally:
        s.close()


class RoomServer:
    def __init__(self, settings: ServeSection, texts: Mapping[str, str], post: Callable[[I.Intent], None], *,
                 clock=time.monotonic, host: str = "0.0.0.0", double_press_s: float = 0.3,
                 wall: Callable[[], float] = time.time) -> None:
        self.settings = settings
        self.post = post
        self.clock = clock
        self.wall = wall
        self.host = host
        self.hub = Hub()
        self.gate = Gate(new_code(), new_pin(), max_clients=settings.max_clients,
                         per_second=settings.messages_per_second, clock=clock)
        self.words = {k[6:]: v for k, v in texts.items() if k.startswith("serve_")}
        self.double_press_s = double_press_s
        self.port = 0
        self.address = "127.0.0.1" if host == "127.0.0.1" else local_address()
        self._server = None
        self._thread: threading.Thread | None = None
        self._last: dict | None = None
        self._seq = 0

    @property
    def code(self) -> str:
        return self.gate.code

    @property
    def pin(self) -> str:
        return self.gate.pin

    @property
    def url(self) -> str:
        """The address to open (the QR code holds it with the code)."""
        return f"http://{self.address}:{self.port}/?c={self.code}"

    def qr(self) -> tuple[tuple[bool, ...], ...]:
        """The QR code of :attr:`url` as rows of dark (True) modules, with its quiet border."""
        import qrcode

        code = qrcode.QRCode(border=2, error_correction=qrcode.constants.ERROR_CORRECT_M)
        code.add_data(self.url)
        code.make(fit=True)
        return tuple(tuple(bool(v) for v in row) for row in code.get_matrix())

    def _action(self, action: str) -> None:          # the server thread: only enqueues
        self.post(INTENTS[action](at=self.clock()))

    def start(self) -> "RoomServer":
        """Listen (the port is taken before this returns) and serve on a daemon thread."""
        import uvicorn

        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((self.host, self.settings.port))
        sock.listen(256)
        self.port = sock.getsockname()[1]
        hosts = ("127.0.0.1", "localhost", "::1", self.address, socket.gethostname(), socket.gethostname() + ".local")
        app = make_app(self.hub, self.gate, self._action, self.words, hosts, self.double_press_s, self.clock)
        self._server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="on",
                                                     timeout_graceful_shutdown=1, access_log=False))
        self._thread = threading.Thread(target=self._run, args=(sock,), name="room-server", daemon=True)
        self._thread.start()
        return self

    def _run(self, sock) -> None:
        try:
            self._server.run(sockets=[sock])
        except Exception:  # noqa: BLE001 - the room's pages stop; the show goes on
            log.exception("the room server stopped")

    def publish(self, snap, info) -> bool:
        """After a frame (main thread): hand off the view when it changed. True if it did."""
        view = view_of(snap, info)
        if view == self._last:
            return False
        self._last = view
        self._seq += 1
        sheet = [[r.number, r.title, r.planned, r.actual, r.state] for r in info.sheet]
        self.hub.publish(*texts_of(view, self._seq, self.wall(), info.notes, sheet))
        return True

    def stop(self, timeout: float = 1.0) -> None:
        """Close the pages' connections and end the thread (waits at most ``timeout`` s)."""
        self.hub.close()
        if self._server is not None:
            self._server.should_exit = True
        if self._thread is not None:
            self._thread.join(timeout)
            if self._thread.is_alive() and self._server is not None:
                self._server.force_exit = True      # a connection that would not close
                self._thread.join(timeout / 2)
