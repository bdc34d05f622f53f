"""The error log written behind the show: a logging handler that only enqueues the record on
the thread that logs (the frame loop too), and a writer thread that formats and writes it
through the real handler (the log file), so that no log line is a disk write between a key
and the frame that answers it.

Threading model. :meth:`BehindHandler.emit` is for any thread and only enqueues (the message
is made text at once, as the record's arguments may change afterwards). The writer thread
takes records off the queue only while it holds :attr:`BehindHandler.lock_write`, and so does
:meth:`BehindHandler.flush`, which writes what is still queued on the calling thread: the
watchdog's stack dump and a forced exit call it, so the log holds every line before the
stacks, in order. The writer is a daemon thread: the exit never waits for it, and
:meth:`close` (``logging.shutdown`` at exit) writes the rest.
"""

from __future__ import annotations

import copy
import logging
import queue
import threading

__all__ = ["BehindHandler"]


class BehindHandler(logging.Handler):
    """Hands every record to ``target`` (a :class:`logging.FileHandler`) on a writer thread."""

    def __init__(self, target: logging.Handler, name: str = "helsekor-log") -> None:
        super().__init__(target.level)
        self.target = target
        self.lock_write = threading.Lock()
        self._queue: "queue.SimpleQueue[logging.LogRecord]" = queue.SimpleQueue()
        self._wake = threading.Semaphore(0)
        self._closed = False
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)
        self._thread.start()

    def emit(self, record: logging.LogRecord) -> None:
        """Any thread: the record, its message made text, goes on the queue."""
        try:
            record = copy.copy(record)             # the other handlers get the record as it was
            record.msg, record.args = record.getMessage(), None
            if record.exc_info:
                formatter = self.target.formatter or logging.Formatter()
                record.exc_text = formatter.formatException(record.exc_info)
                record.exc_info = None
            self._queue.put(record)
            self._wake.release()
        except Exception:  # noqa: BLE001 - logging never raises into the show
            self.handleError(record)

    def _run(self) -> None:
        while not self._closed:
            self._wake.acquire()
            self._write_queued()

    def _write_queued(self) -> None:
        with self.lock_write:
            while True:
                try:
                    record = self._queue.get_nowait()
                except queue.Empty:
                    break
                self.target.handle(record)
            self.target.flush()

    def flush(self) -> None:
        """Write what is still queued, here and now (in order with what the writer wrote)."""
        self._write_queued()

    def close(self) -> None:
        self._closed = True
        self._wake.release()
        self._write_queued()
        self.target.close()
        super().close()
