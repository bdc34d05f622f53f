"""Who may view and who may control: the session's code (to view), the PIN shown only on the
console (to control), five wrong tries lock that address out for a minute, a cap on the pages
connected at once and on the messages each client sends per second.

Called on the server's event-loop thread only (every endpoint is ``async`` and none runs on a
worker thread), so it holds no lock. The clock is injected (seconds, monotonic)."""

from __future__ import annotations

import secrets
import time
from dataclasses import dataclass, field
from typing import Callable

__all__ = ["Gate", "Refused", "new_code", "new_pin", "TRIES", "LOCK_SECONDS"]

TRIES = 5               # wrong codes or PINs from one address before it is locked out
LOCK_SECONDS = 60.0
CODE_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"     # no 0/O, 1/I: read off a screen


def new_code() -> str:
    return "".join(secrets.choice(CODE_LETTERS) for _ in range(6))


def new_pin() -> str:
    return f"{secrets.randbelow(10000):04d}"


class Refused(Exception):
    """A request the gate turns away: the HTTP status and the catalog key of its words."""

    def __init__(self, status: int, key: str) -> None:
        super().__init__(key)
        self.status, self.key = status, key


@dataclass
class _Client:
    control: bool = False
    tokens: float = 0.0
    stamp: float = 0.0
    streams: int = 0


@dataclass
class Gate:
    code: str
    pin: str
    max_clients: int = 100
    per_second: float = 10.0
    clock: Callable[[], float] = time.monotonic
    clients: dict[str, _Client] = field(default_factory=dict)
    _wrong: dict[str, list[float]] = field(default_factory=dict)   # address → times of wrong tries
    streams: int = 0

    def _locked(self, address: str) -> bool:
        now = self.clock()
        recent = [t for t in self._wrong.get(address, ()) if now - t < LOCK_SECONDS]
        self._wrong[address] = recent
        return len(recent) >= TRIES

    def _wrong_try(self, address: str) -> Refused:
        self._wrong.setdefault(address, []).append(self.clock())
        return Refused(429, "serve_locked") if self._locked(address) else Refused(403, "serve_wrong")

    def join(self, address: str, code: str) -> str:
        """A new client that knows the code: its token (to view)."""
        if self._locked(address):
            raise Refused(429, "serve_locked")
        if not secrets.compare_digest(str(code).strip().upper(), self.code):
            raise self._wrong_try(address)
        if len(self.clients) >= 4 * self.max_clients:          # forget the idle ones first
            for token in [t for t, c in self.clients.items() if not c.streams][: self.max_clients]:
                del self.clients[token]
        if len(self.clients) >= 4 * self.max_clients:
            raise Refused(503, "serve_full")
        token = secrets.token_urlsafe(18)
        self.clients[token] = _Client(tokens=self.per_second, stamp=self.clock())
        return token

    def client(self, token: str | None) -> _Client:
        found = self.clients.get(token or "")
        if found is None:
            raise Refused(401, "serve_need_code")
        return found

    def unlock(self, address: str, token: str | None, pin: str) -> None:
        """The PIN: this client may control from now on."""
        c = self.client(token)
        if self._locked(address):
            raise Refused(429, "serve_locked")
        if not secrets.compare_digest(str(pin).strip(), self.pin):
            raise self._wrong_try(address)
        c.control = True

    def spend(self, token: str | None) -> _Client:
        """One message from this client, if its bucket has one (``per_second``, refilled)."""
        c = self.client(token)
        now = self.clock()
        c.tokens = min(self.per_second, c.tokens + (now - c.stamp) * self.per_second)
        c.stamp = now
        if c.tokens < 1:
            raise Refused(429, "serve_too_fast")
        c.tokens -= 1
        return c

    def control(self, token: str | None) -> None:
        """A control message: needs the PIN, and counts against the client's rate."""
        c = self.spend(token)
        if not c.control:
            raise Refused(403, "serve_need_pin")

    def open_stream(self, token: str | None) -> _Client:
        c = self.client(token)
        if self.streams >= self.max_clients:
            raise Refused(503, "serve_full")
        self.streams += 1
        c.streams += 1
        return c

    def close_stream(self, c: _Client) -> None:
        self.streams -= 1
        c.streams -= 1
