"""The one libvlc instance of the program, loaded lazily.

``python-vlc`` and libvlc are optional: :func:`load_vlc` imports them on first use and turns
every way of failing (no module, no libvlc, no plugins) into :class:`DeviceError` with the
command that fixes it. Outputs (``output``):

* ``"auto"``      — VLC's default audio output (PulseAudio/ALSA);
* ``"adummy"``    — plays in real time, writes nothing (machines with no sound card);
* ``"afile:PATH"``— writes the mixed output to a WAV file (about 1 s ahead of the clock;
  the header is complete only after the player is released);
* ``"capture"``   — decodes into callbacks (:class:`player.audio.capture.AudioCapture`),
  used by tests and the benchmark to see every sample with the time it is due.

Build one engine in the composition root and hand it to every backing and video player.

A backing that releases its player later (after a fade out, on its fader thread) holds the
engine with :meth:`VlcEngine.hold` until then: :meth:`VlcEngine.close` never waits, and the
instance is released when the last such player is (the quit closes the engine right after the
step's backing).
"""

from __future__ import annotations

import sys
import threading
from typing import Any

from player.core.model.errors import DeviceError
from player.core.model.messages import tr

__all__ = ["load_vlc", "VlcEngine", "missing_vlc"]


def missing_vlc(platform: str = sys.platform) -> str:
    """Why recordings and films cannot play, and what to install on ``platform``."""
    if platform == "win32":
        how = tr("install VLC (64-bit) from https://www.videolan.org/vlc/ and start Helsekor again")
    elif platform == "darwin":
        how = tr("install VLC from https://www.videolan.org/vlc/ (or brew install --cask vlc) and start Helsekor again")
    else:
        how = tr("install it with: sudo apt-get install --no-install-recommends libvlc5 vlc-plugin-base "
                 "vlc-plugin-video-output")
    return tr("VLC cannot be used, so recordings and films cannot be played: {how}", how=how)


_lock = threading.Lock()


def load_vlc() -> Any:
    """Import and return the ``vlc`` module, or raise :class:`DeviceError` saying what to install."""
    try:
        import vlc  # noqa: PLC0415  (lazy on purpose: libvlc is optional)
    except (ImportError, OSError, NotImplementedError, AttributeError) as err:
        raise DeviceError(tr('{MISSING_VLC} ({err})', MISSING_VLC=missing_vlc(), err=err)) from err
    return vlc


class VlcEngine:
    """Owns the ``vlc.Instance``. ``close()`` is idempotent; also a context manager."""

    def __init__(self, output: str = "auto", extra_args: tuple[str, ...] = (), quiet: bool = True):
        vlc = load_vlc()
        self.vlc = vlc
        self.output = output
        args = ["--no-video-title-show", "--no-snapshot-preview", "--no-osd", "--no-spu"]
        if quiet:
            args.append("--quiet")
        if output == "adummy":
            args.append("--aout=adummy")
        elif output.startswith("afile:"):
            args += ["--aout=afile", f"--audiofile-file={output.removeprefix('afile:')}"]
        elif output == "capture":
            args.append("--aout=amem")
        elif output != "auto":
            raise ValueError(tr('unknown VLC output {output} (auto, adummy, afile:PATH, capture)', output=repr(output)))
        args += list(extra_args)
        with _lock:
            try:
                instance = vlc.Instance(args)
            except (OSError, NameError) as err:
                raise DeviceError(tr('{MISSING_VLC} ({err})', MISSING_VLC=missing_vlc(), err=err)) from err
        if instance is None:
            raise DeviceError(tr('{MISSING_VLC} (libvlc found no modules)', MISSING_VLC=missing_vlc()))
        self.instance = instance
        self._closed = False
        self._released = False
        self._holds = 0
        self._hold_lock = threading.Lock()

    def new_player(self) -> Any:
        return self.instance.media_player_new()

    def media(self, path: str) -> Any:
        return self.instance.media_new_path(str(path))

    def hold(self) -> None:
        """A player will be released later (any thread): keep the instance until :meth:`unhold`."""
        with self._hold_lock:
            self._holds += 1

    def unhold(self) -> None:
        """That player is released (the fader thread): the last one after close releases the instance."""
        with self._hold_lock:
            self._holds -= 1
            last = self._closed and self._holds == 0 and not self._released
            self._released = self._released or last
        if last:
            self.instance.release()

    def close(self) -> None:
        """Idempotent; never waits (with players still held, the last unhold releases)."""
        with self._hold_lock:
            if self._closed:
                return
            self._closed = True
            now = self._holds == 0
            self._released = now
        if now:
            self.instance.release()

    def __enter__(self) -> "VlcEngine":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
