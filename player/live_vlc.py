"""The VLC part of :class:`player.live.LiveBackings`: one VLC engine for the program (made a step
ahead on the preparation worker, else here), recordings as :class:`~player.audio.VlcBacking`
(a pending backing while VLC is still loading, so the step's first screen shows at once) and
films. A mixin: the attributes it reads (``audio``, ``clock``, ``make_vlc``, ``_vlc``,
``_vlc_job``, ``window_handle``, ``picture_s``, ``_pending``) are set by ``LiveBackings``."""

from __future__ import annotations

from player.core.model.data import Step

__all__ = ["VlcBackings"]


class VlcBackings:
    def _new_vlc(self):
        from .audio import VlcEngine  # lazy: VLC is optional
        return VlcEngine(output=self.audio.vlc_output)

    @property
    def vlc(self):
        """One VLC engine for the program: the one made ahead (waited for if it is still being
        made: a video asked for in the first second), else made here (raises DeviceError without VLC)."""
        if self._vlc is None:
            job, self._vlc_job = self._vlc_job, None
            if job is not None and job.wait(30):
                self._vlc = job.result()
            else:
                self._vlc = self.make_vlc()
        return self._vlc

    def _audio(self, step: Step):
        from player.core.model.tempomap import TempoMap

        song = step.song
        tempo_map = TempoMap.constant(song.tempo, song.meter.beats, song.meter.unit)
        job = self._vlc_job
        if self._vlc is None and job is not None and not job.done:
            from player.core.time.backing import Abilities
            # its first screen at once; the recording starts behind it once VLC is loaded
            make = lambda: self._audio_now(step) if job.done else None   # noqa: E731
            return self._pending(make, Abilities(), 0.0, f"«{step.title}»"), tempo_map
        return self._audio_now(step), tempo_map

    def _audio_now(self, step: Step):
        from .audio import BeatMap, VlcBacking

        song = step.song
        beats = BeatMap.from_times(song.beat_times) if song.beat_times else BeatMap.constant(song.tempo, song.audio_start)
        from .audio.outlatency import vlc_output_lead_s
        backing = VlcBacking(self.vlc, song.audio, beats, clock=self.clock,
                             latency_s=self.picture_s(vlc_output_lead_s(self.audio.vlc_output)))
        if step.tempo_scale != 1.0:
            backing.set_tempo_scale(step.tempo_scale)
        return backing

    def video(self, step: Step):
        handle = self.window_handle() if callable(self.window_handle) else self.window_handle
        if handle is None:
            return None
        from .audio import VideoPlayer

        return VideoPlayer(handle, engine=self.vlc)
