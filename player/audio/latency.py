"""How VLC's reported time stands to the sound it plays, measured per file type: the lead of its
reports, the delay from "playing" and from a seek to the first sample due out, the time-stretch
filter's delay at a rate other than 1, and the demuxers that make these figures hold. Every
figure was measured with bench/bench_vlc.py and click tracks (VLC 3.0). Pure data and one
function; no thread, no VLC call."""

from __future__ import annotations

__all__ = ["LEAD_BY_SUFFIX", "DEFAULT_LEAD", "START_BY_SUFFIX", "DEFAULT_START", "SEEK_BY_SUFFIX",
           "DEFAULT_SEEK", "SEEK_BELIEF_S", "OPTIONS_BY_SUFFIX", "STRETCH_BY_SUFFIX", "DEFAULT_STRETCH",
           "stretch_lead_s"]

#: How far VLC's reported time runs ahead of the sound due out, by file type (seconds).
#: Measured with bench/bench_vlc.py (VLC 3.0, the demuxer's block length).
#: OGG and FLAC go through libavformat (``OPTIONS_BY_SUFFIX``), whose reports are on the sound
#: (0 ms; VLC's own Ogg demuxer was 6 ms ahead, its FLAC demuxer 93 ms).
#: MP3 (decoded by libavcodec, ``OPTIONS_BY_SUFFIX``): 4 ms, set from bench/bench_live_av.py (a
#: LAME-encoded click track through PulseAudio: 30 ms put the picture 23-24 ms after the sound,
#: two runs, where WAV sat at -1 to -4 ms).
LEAD_BY_SUFFIX = {".wav": 0.050, ".mp3": 0.004, ".flac": 0.0, ".ogg": 0.0, ".oga": 0.0}
DEFAULT_LEAD = 0.050
#: From the "playing" event to the first sample due out, by file type (seconds; bench_vlc).
START_BY_SUFFIX = {".wav": 0.011, ".mp3": 0.02, ".flac": 0.011, ".ogg": 0.015, ".oga": 0.015}
DEFAULT_START = 0.02
#: After ``set_time`` VLC first echoes the target as its time at once; from that echo to the
#: target's sound due out, by file type (seconds; measured with click tracks: WAV/OGG sound
#: out after 11 ms; MP3 after 63 ms but from 45 ms past the target). FLAC: 11 ms after the
#: echo the sound is due out from where :func:`plan_seek` says, a frame boundary, not the
#: target (VLC's own FLAC demuxer was 103 ms, and 172-365 ms past the target).
SEEK_BY_SUFFIX = {".wav": 0.011, ".mp3": 0.018, ".flac": 0.011, ".ogg": 0.011, ".oga": 0.011}
DEFAULT_SEEK = 0.011
#: A report this far (file seconds) from where a seek went is not believed (VLC's Ogg
#: demuxer reports a bogus time right after a seek).
SEEK_BELIEF_S = 1.0


#: Media options by file type. OGG goes through libavformat's demuxer (in vlc-plugin-base):
#: VLC's own Ogg demuxer cannot seek forward in Vorbis files made by sox (the player went to
#: Ended within 0.5 s, every time, also with ``:start-time``); its ``set_position`` plays on
#: but lands 18-28 ms past the target, and it reports the time only at page boundaries
#: (every 1.4-4 s). Through libavformat: seeks play on, land 0-19 ms before the target, and
#: the time comes every ~260 ms as for WAV (measured, VLC 3.0.24).
#: FLAC goes through libavformat too: its seeks land on a frame boundary that can be told in
#: advance (:mod:`seekplan`); VLC's own FLAC demuxer lands 1-2 frames further on, which one
#: depends on the file, and the clock stayed 135-365 ms off until VLC's next report.
#: MP3 is decoded by libavcodec (then any other decoder, if a VLC lacks it): VLC's default MP3
#: decoder, mpg123, starts a stream that begins while another is playing (the last song fading,
#: the synth) 61 ms "too early" by VLC's own clock, and VLC then slows the sound for about
#: 10 s to make it up ("playback too early (-61594): down-sampling" in VLC's log): the
#: picture, which follows VLC's time, and the sound parted by 45-50 ms over 8 s (VLC 3.0.24
#: through PulseAudio, two runs each; with libavcodec or mad: no drift, within ±3 ms).
OPTIONS_BY_SUFFIX: dict[str, tuple[str, ...]] = {".ogg": (":demux=avformat",),
                                                 ".oga": (":demux=avformat",),
                                                 ".flac": (":demux=avformat",),
                                                 ".mp3": (":codec=avcodec,any",)}


#: The time-stretch filter's delay as (a, b): a + b × rate file seconds, by file type.
STRETCH_BY_SUFFIX = {".mp3": (0.008, 0.020)}
DEFAULT_STRETCH = (0.028, 0.007)


def stretch_lead_s(rate: float, suffix: str = ".wav") -> float:
    """File seconds VLC's time-stretch filter (scaletempo, on at any rate but 1) delays the
    sound behind its reported time, on top of the format's lead. Measured with click tracks
    (VLC 3.0, the samples timed back to back): WAV and FLAC 32 ms at 0.7, 33 at 0.8, 34 at
    0.9, 35.5 at 1.1, 36 at 1.2 (±1 ms); MP3 23 at 0.7, 25 at 0.8, 26 at 0.9, 32.5 at 1.2
    (±2 ms). OGG not measured (its reports come only every 1.4–4 s)."""
    if rate == 1.0:
        return 0.0
    a, b = STRETCH_BY_SUFFIX.get(suffix.lower(), DEFAULT_STRETCH)
    return a + b * rate
