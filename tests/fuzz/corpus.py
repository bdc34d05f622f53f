"""The cases of the issue «Bad input and bad disks», each as a small project that ``helsekor
check`` must answer within bounds: the plan (``expect`` is None) or its problems (``expect``
is a text the output must hold), never a traceback, a hang or runaway memory.

Run ``python -m tests.fuzz.corpus`` for the worst time and memory over the corpus."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from . import build
from .build import BREATHING, PULSE, SESSION, SONG, project

BIG = "1" + "0" * 400          # an integer far past any float


@dataclass(frozen=True)
class Case:
    kind: str                          # what sort of hostile input (counted in the report)
    name: str
    make: Callable[[Path], Path]       # builds the project in a folder; returns the session file
    expect: str | None                 # a text the output must hold; None: check passes

    @property
    def id(self) -> str:
        return f"{self.kind}:{self.name}"


def _sub(text: str, old: str, new: str) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


def session_with(old: str, new: str) -> Callable[[Path], Path]:
    return lambda root: project(root, session=_sub(SESSION, old, new))


def song_with(old: str, new: str) -> Callable[[Path], Path]:
    return lambda root: project(root, song=_sub(SONG, old, new))


def breathing_with(old: str, new: str) -> Callable[[Path], Path]:
    return lambda root: project(root, breathing=_sub(BREATHING, old, new))


def pulse_with(old: str, new: str) -> Callable[[Path], Path]:
    return lambda root: project(root, pulse=_sub(PULSE, old, new))


def with_midi(data: bytes, lyrics: bool = False) -> Callable[[Path], Path]:
    def make(root: Path) -> Path:
        song = _sub(SONG, "key: G\n", "key: G\nmidi: testsang.mid\n")
        if lyrics:
            song = song.split("timing:")[0] + "lyrics: from-midi\n"
        path = project(root, song=song)
        (root / "songs" / "testsang.mid").write_bytes(data)
        return path
    return make


def with_wav(**kw) -> Callable[[Path], Path]:
    def make(root: Path) -> Path:
        path = project(root, song=_sub(SONG, "key: G\n", "key: G\naudio: testsang.wav\n"))
        build.wav(root / "songs" / "testsang.wav", **kw)
        return path
    return make


def media_link(key: str, where: str, target: str | None = None, fifo: bool = False,
               folder: bool = False) -> Callable[[Path], Path]:
    """The song's ``midi``/``audio``, the breathing exercise's ``picture``, or a video step,
    named ``x.<ext>`` and made a symlink loop (default), a link to ``target``, a FIFO or a folder."""
    def make(root: Path) -> Path:
        if key == "picture":
            path = project(root, breathing=BREATHING + "picture: x.png\n")
            place = root / "exercises" / "x.png"
        elif key == "video":
            path = project(root, session=SESSION + "  - video: x.mp4\n")
            place = root / "x.mp4"
        else:
            ext = "mid" if key == "midi" else "wav"
            path = project(root, song=_sub(SONG, "key: G\n", f"key: G\n{key}: x.{ext}\n"))
            place = root / "songs" / f"x.{ext}"
        _odd(place, target, fifo, folder)
        return path
    return make


def _odd(place: Path, target: str | None, fifo: bool, folder: bool) -> None:
    if fifo:
        os.mkfifo(place)
    elif folder:
        place.mkdir()
    elif target is not None:
        os.symlink(target, place)
    else:
        os.symlink(place.with_name(place.name + ".2"), place)
        os.symlink(place, place.with_name(place.name + ".2"))


def session_file(how: str) -> Callable[[Path], Path]:
    def make(root: Path) -> Path:
        project(root)
        path = root / "odd.yaml"
        _odd(path, {"zero": "/dev/zero", "mem": "/proc/self/mem", "dir": None}.get(how),
             how == "fifo", how == "dir")
        return path
    return make


def song_file(how: str) -> Callable[[Path], Path]:
    def make(root: Path) -> Path:
        path = project(root)
        place = root / "songs" / "testsang.yaml"
        place.unlink()
        _odd(place, {"zero": "/dev/zero", "mem": "/proc/self/mem"}.get(how), how == "fifo", how == "dir")
        return path
    return make


def flow_list(megabytes: float) -> Callable[[Path], Path]:
    def make(root: Path) -> Path:
        path = project(root)
        n = int(megabytes * 1024 * 1024 / 2)
        path.write_text("version: 1\ntitle: T\nsteps: [" + "1," * n + "1]\n", encoding="utf-8")
        return path
    return make


def _cases() -> list[Case]:
    c: list[Case] = [Case("valid", "the base project", project, None)]
    # --- huge integers: OverflowError in the range message itself --------------------------
    for key, old, new in [
        ("tempo", "tempo: 100", f"tempo: {BIG}"),
        ("audio_start", "key: G", f"key: G\naudio_start: {BIG}"),
        ("count_in_bars", "key: G", f"key: G\ncount_in_bars: {BIG}"),
        ("program", "key: G", f"key: G\nprogram: {BIG}"),
        ("version", "version: 1", f"version: {BIG}"),
        ("timing", "[0, 4]", f"[{BIG}, 4]"),
        ("words", "[0, 1, 2, 3]", f"[0, 1, 2, {BIG}]"),
        ("bars", "  - id: v1\n", f"  - id: v1\n    bars: {BIG}\n"),
    ]:
        c.append(Case("huge-number", f"song.{key}", song_with(old, new), "out of range" if key != "version" else "not known"))
    for key, old, new in [
        ("repeats", "repeats: 2", f"repeats: {BIG}"),
        ("duration", "duration: 10min", f"duration: {BIG}"),
        ("defaults.transpose", "transpose: 0}", f"transpose: {BIG}}}"),
        ("defaults.tempo_scale", "tempo_scale: 1.0,", f"tempo_scale: {BIG},"),
        ("verses", "verses: [1]", f"verses: [{BIG}]"),
        ("transpose", "verses: [1]", f"verses: [1]\n    transpose: -{BIG}"),
        ("version", "version: 1", f"version: {BIG}"),
    ]:
        c.append(Case("huge-number", f"session.{key}", session_with(old, new), "out of range" if key != "version" else "not known"))
    c.append(Case("huge-number", "breathing.seconds", breathing_with("seconds: 4", f"seconds: {BIG}"), "out of range"))
    c.append(Case("huge-number", "pulse.tempo", pulse_with("tempo: 90", f"tempo: {BIG}"), "out of range"))
    c.append(Case("huge-number", "pulse.call_bars", pulse_with("call_bars: 1", f"call_bars: {BIG}"), "out of range"))
    c.append(Case("huge-number", "too many digits", song_with("tempo: 100", "tempo: " + "9" * 5000), "too many digits"))
    # --- NaN and infinity ---------------------------------------------------------------------
    for value in (".nan", ".inf", "-.inf"):
        c.append(Case("nan-inf", f"song.timing {value}", song_with("[0, 4]", f"[{value}, 4]"), "timing no. 1, no. 1"))
        c.append(Case("nan-inf", f"song.words {value}", song_with("[0, 1, 2, 3]", f"[0, 1, {value}, 3]"), "words"))
        c.append(Case("nan-inf", f"song.audio_start {value}", song_with("key: G", f"key: G\naudio_start: {value}"), "audio_start"))
        c.append(Case("nan-inf", f"song.tempo {value}", song_with("tempo: 100", f"tempo: {value}"), "tempo"))
        c.append(Case("nan-inf", f"breathing.seconds {value}", breathing_with("seconds: 4", f"seconds: {value}"), "seconds"))
        c.append(Case("nan-inf", f"session.duration {value}", session_with("duration: 10min", f"duration: {value}"), "duration"))
        c.append(Case("nan-inf", f"session.tempo_scale {value}", session_with("tempo_scale: 1.0,", f"tempo_scale: {value},"), "tempo_scale"))
        c.append(Case("nan-inf", f"pulse.tempo {value}", pulse_with("tempo: 90", f"tempo: {value}"), "tempo"))
    # --- strings: NUL, lone surrogates, long ids and paths ------------------------------------
    c += [
        Case("string", "song id with NUL", session_with("song: testsang", 'song: "test\\0sang"'), "NUL"),
        Case("string", "song path with NUL", session_with("song: testsang", 'song: "songs/te\\0st.yaml"'), "NUL"),
        Case("string", "long song id", session_with("song: testsang", "song: " + "a" * 5000), "too long"),
        Case("string", "long song path", session_with("song: testsang", "song: " + "a/" * 140 + "b.yaml"), "no song"),
        Case("string", "long file name", session_with("song: testsang", "song: " + "a" * 290 + ".yaml"), "too long"),
        Case("string", "surrogate in session title", session_with("title: Økt", 'title: "\\udc80"'), "Unicode"),
        Case("string", "surrogate in a text step", session_with("text: Velkommen", 'text: "Hei \\udc80"'), "Unicode"),
        Case("string", "surrogate in a lyric", song_with('"[G]Ro, ro, ro din [D]båt"', '"Ro \\udc80 ro"'), "Unicode"),
        Case("string", "surrogate in a song id", session_with("song: testsang", 'song: "\\udc80"'), "Unicode"),
        Case("string", "surrogate in a section id", song_with("id: v1", 'id: "\\udc80"'), "Unicode"),
        Case("string", "surrogate in a key", song_with("key: G", 'key: "\\udc80"'), "Unicode"),
        Case("string", "surrogate in a meter", song_with("meter: 4/4", 'meter: "\\udc80"'), "Unicode"),
        Case("string", "surrogate in a phase", breathing_with("phase: inhale", 'phase: "\\udc80"'), "Unicode"),
        Case("string", "surrogate in a midi name", song_with("key: G", 'key: G\nmidi: "\\udc80.mid"'), "Unicode"),
        Case("string", "NUL in a midi name", song_with("key: G", 'key: G\nmidi: "a\\0.mid"'), "NUL"),
        Case("string", "NUL in a title", session_with("title: Økt", 'title: "a\\0b"'), "NUL"),
        Case("string", "surrogate in a pattern", pulse_with('"x . x ."', '"\\udc80"'), "Unicode"),
        Case("string", "surrogate in a cue", session_with("verses: [1]", 'verses: [1]\n    cues: [{send: "\\udc80"}]'), "Unicode"),
    ]
    # --- hangs ----------------------------------------------------------------------------------
    c += [
        Case("hang", "duration of many spaces", session_with("duration: 10min", "duration: '1" + " " * 30000 + "2'"), "duration"),
        Case("hang", "duration of many dots", session_with("duration: 10min", "duration: '" + "1." * 20000 + "'"), "duration"),
        Case("hang", "duration of many digits", session_with("duration: 10min", "duration: '" + "1" * 100000 + "x'"), "duration"),
        Case("hang", "50 MB flow list", flow_list(50), "too big"),
        Case("hang", "a flow list just under the cap", flow_list(0.245), "too many values"),
        Case("hang", "session is a FIFO", session_file("fifo"), "FIFO"),
        Case("hang", "song is a FIFO", song_file("fifo"), "FIFO"),
        Case("hang", "midi is a FIFO", media_link("midi", "", fifo=True), "FIFO"),
        Case("hang", "audio is a FIFO", media_link("audio", "", fifo=True), "FIFO"),
        Case("hang", "picture is a FIFO", media_link("picture", "", fifo=True), "FIFO"),
        Case("hang", "video is a FIFO", media_link("video", "", fifo=True), "FIFO"),
        Case("hang", "kar with 100 000 lyric events", with_midi(build.kar_lyrics(100_000), lyrics=True), "lyric"),
        Case("hang", "huge delta time", with_midi(build.midi_file(extra=((0x0FFFFFFF, b"\x90\x40\x10"), (0, b"\x80\x40\x00")))), "long"),
    ]
    # --- runaway memory -----------------------------------------------------------------------
    c += [
        Case("memory", "session linked to /dev/zero", session_file("zero"), "device"),
        Case("memory", "song linked to /dev/zero", song_file("zero"), "device"),
        Case("memory", "midi linked to /dev/zero", media_link("midi", "", target="/dev/zero"), "device"),
        Case("memory", "audio linked to /dev/zero", media_link("audio", "", target="/dev/zero"), "device"),
        Case("memory", "picture linked to /dev/zero", media_link("picture", "", target="/dev/zero"), "device"),
        Case("memory", "video linked to /dev/zero", media_link("video", "", target="/dev/zero"), "device"),
        Case("memory", "time signature /64", with_midi(build.midi_file(ts=(4, 6))), "time signature"),
        Case("memory", "time signature /2**255", with_midi(build.midi_file(ts=(4, 255))), "time signature"),
    ]
    # --- file-system oddities -----------------------------------------------------------------
    for key in ("midi", "audio", "picture", "video"):
        c.append(Case("file-system", f"{key} symlink loop", media_link(key, ""), "loop"))
        c.append(Case("file-system", f"{key} is a folder", media_link(key, "", folder=True), "folder"))
        c.append(Case("file-system", f"{key} cannot be read", media_link(key, "", target="/proc/self/mem"), "Input/output"))
    c += [
        Case("file-system", "song symlink loop", song_file("loop"), "loop"),
        Case("file-system", "session symlink loop", session_file("loop"), "loop"),
        Case("file-system", "session is a folder", session_file("dir"), "folder"),
        Case("file-system", "session cannot be read", session_file("mem"), "Input/output"),
        Case("file-system", "song cannot be read", song_file("mem"), "Input/output"),
        Case("file-system", "song is a folder", song_file("dir"), "testsang"),
    ]
    # --- MIDI accepted but wrong ----------------------------------------------------------------
    c += [
        Case("midi", "tempo 0", with_midi(build.midi_file(tempo_us=0)), "tempo"),
        Case("midi", "time signature 0", with_midi(build.midi_file(ts=(0, 2))), "time signature"),
        Case("midi", "0 ticks per beat", with_midi(build.midi_file(division=0)), "ticks per beat"),
        Case("midi", "SMPTE timing", with_midi(build.midi_file(division=0xE728)), "SMPTE"),
        Case("midi", "a plain file", with_midi(build.midi_file()), None),
        Case("midi", "the largest allowed .kar", with_midi(build.smf(build.track(
            *[(1, b"\x90\x3c\x64"), (1, b"\x80\x3c\x00")] * 22_000,
            *[(1, build.lyric("la ")) for _ in range(4990)])), lyrics=True), None),
        Case("midi", "sysex filling the size cap", with_midi(build.midi_file(extra=tuple(
            (0, b"\xf0" + build.varlen(250_000) + b"\x01" * 249_999 + b"\xf7") for _ in range(4)))), None),
        Case("midi", "a file over the size cap", with_midi(build.midi_file(extra=tuple(
            (0, b"\xf0" + build.varlen(300_000) + b"\x01" * 299_999 + b"\xf7") for _ in range(4)))), "too big"),
        Case("midi", "one event too many", with_midi(build.smf(build.track(
            *[(1, b"\x90\x3c\x64"), (1, b"\x80\x3c\x00")] * 25_000))), "more than 50000 events"),
    ]
    # --- pulse exercises ------------------------------------------------------------------------
    c += [
        Case("pulse", "no tempo, no meter", pulse_with("tempo: 90\nmeter: 4/4\n", ""), "tempo"),
        Case("pulse", "meter as a number", pulse_with("meter: 4/4", "meter: 4"), "meter"),
        Case("pulse", "patterns as a map", pulse_with('patterns: ["x . x .", "x x x ."]', "patterns: {a: 1}"), "patterns"),
        Case("pulse", "count_in_bars .nan", pulse_with("count_in_bars: 1", "count_in_bars: .nan"), "count_in_bars"),
        Case("pulse", "repeats huge in the step", session_with("  - exercise: puls\n", f"  - exercise: puls\n    repeats: {BIG}\n"), "out of range"),
    ]
    # --- valid WAV layouts (refused before: «WAV-fila er ødelagt») ------------------------------
    c += [
        Case("wav", "16-bit PCM", with_wav(), None),
        Case("wav", "24-bit PCM", with_wav(bits=24), None),
        Case("wav", "32-bit PCM", with_wav(bits=32), None),
        Case("wav", "32-bit float", with_wav(bits=32, tag=3), None),
        Case("wav", "6-channel extensible", with_wav(channels=6, tag=0xFFFE), None),
        Case("wav", "24-bit extensible", with_wav(bits=24, tag=0xFFFE), None),
        Case("wav", "float extensible", with_wav(bits=32, tag=0xFFFE, subformat=build.KSDATAFORMAT_FLOAT), None),
        Case("wav", "3-hour WAV", with_wav(channels=2, rate=44100, seconds=3 * 3600, sparse=True), None),
        Case("wav", "truncated", with_wav(data_bytes=100_000), "cut short"),
        Case("wav", "no sound", with_wav(seconds=0), "has no sound"),
    ]
    return c


CASES = _cases()


def counts() -> dict[str, int]:
    out: dict[str, int] = {}
    for case in CASES:
        out[case.kind] = out.get(case.kind, 0) + 1
    return out


def report(child: bool = False) -> None:
    """Print each case's time and memory, then the worst of each. ``child``: every case as
    the real command in its own process (max RSS of the whole process, start-up included);
    else in this process (resident growth over the start)."""
    import sys
    import tempfile

    from .measure import run_check, run_check_child

    worst_t = worst_c = worst_m = (0.0, "")
    failed = []
    for case in CASES:
        with tempfile.TemporaryDirectory() as tmp:
            session = case.make(Path(tmp))
            r = run_check_child(session, mem_mb=3000) if child else run_check(session)
        ok = not r.crash and r.code == (0 if case.expect is None else 1) and (case.expect or "") in r.out
        if not ok:
            failed.append(case.id)
        worst_t = max(worst_t, (r.seconds, case.id))
        worst_c = max(worst_c, (r.cpu_s, case.id))
        worst_m = max(worst_m, (r.peak_mb, case.id))
        print(f"{r.seconds:6.2f} s {r.cpu_s:6.2f} s CPU {r.peak_mb:7.1f} MB  rc {r.code}  {'ok ' if ok else 'BAD'} {case.id}", file=sys.stderr)
    what = "max RSS of the check process" if child else "resident growth in-process"
    print("cases per kind:", counts(), "total", len(CASES))
    if not child:
        print(f"worst CPU time {worst_c[0]:.2f} s ({worst_c[1]})")
    print(f"worst time {worst_t[0]:.2f} s ({worst_t[1]}); worst memory {worst_m[0]:.1f} MB, {what} ({worst_m[1]})")
    print("not as expected:", failed or "none")


if __name__ == "__main__":   # python -m tests.fuzz.corpus [--child]
    import sys
    report(child="--child" in sys.argv)
