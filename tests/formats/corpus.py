"""The corpus of bad inputs from the issue «Bad input and bad disks», built in code.

Each builder takes a folder and returns the file(s) to import. ``CASES`` maps a case name to
``(kind, builder, expect)`` where ``expect`` is ``"ok"`` (imports into a song that passes
check), ``"error"`` (a clear error naming the file) or ``"either"``.
"""

from __future__ import annotations

import os
import random
import struct
import zipfile
from pathlib import Path

import mido

__all__ = ["CASES", "zip_bomb", "score", "mxl", "kar", "BOMB_INFLATED"]

_COPIES = (2 * 1024 ** 3 // 258 // 8 + 1) * 8
BOMB_INFLATED = 1 + 258 * _COPIES          # bytes the bomb's one member inflates to: just over 2 GiB


def _deflate_zeros(repeats: int) -> bytes:
    """A raw deflate stream of one literal zero and ``repeats`` copies of 258 zeros, built
    bit by bit (fixed Huffman codes) in milliseconds: one 13-byte period per 8 copies."""
    bits: list[int] = []

    def put(value: int, count: int, msb_first: bool = False) -> None:
        order = range(count - 1, -1, -1) if msb_first else range(count)
        bits.extend((value >> i) & 1 for i in order)

    small = 32                                  # copies in the sample, a multiple of 8
    put(1, 1), put(1, 2)                        # BFINAL, BTYPE=01 (fixed Huffman)
    put(0b00110000, 8, True)                    # literal 0
    for _ in range(small):
        put(0b11000101, 8, True)                # length 258 (symbol 285)
        put(0, 5, True)                         # distance 1
    put(0, 7, True)                             # end of block
    bits.extend([0] * (-len(bits) % 8))
    data = bytes(sum(b << i for i, b in enumerate(bits[k:k + 8])) for k in range(0, len(bits), 8))
    period = data[2:15]                         # 104 bits = 8 copies, wholly inside the copies
    assert repeats % 8 == 0 and repeats >= small
    return data[:2] + period * ((repeats - small) // 8) + data[2:]


def zip_bomb(path: Path, copies: int = _COPIES) -> Path:
    """A .mxl whose score.xml inflates to ``1 + 258 * copies`` zeros (2 GiB from 13 MB by
    default; honest sizes in the headers), written by hand since zipfile would have to deflate
    it all itself."""
    body = _deflate_zeros(copies)
    size = 1 + 258 * copies
    crc = 0   # not the real CRC (computing it means reading 2 GiB); the importer must stop long before
    name = b"score.xml"
    local = struct.pack("<4sHHHHHIIIHH", b"PK\x03\x04", 20, 0, 8, 0, 0, crc, len(body), size, len(name), 0) + name
    central = struct.pack("<4sHHHHHHIIIHHHHHII", b"PK\x01\x02", 20, 20, 0, 8, 0, 0, crc, len(body), size,
                          len(name), 0, 0, 0, 0, 0, 0) + name
    end = struct.pack("<4sHHHHIIH", b"PK\x05\x06", 0, 0, 1, 1, len(central), len(local) + len(body), 0)
    path.write_bytes(local + body + central + end)
    return path


def score(divisions: str = "1", duration: str = "1", extra: str = "", alter: str = "0", octave: str = "4",
          beats: str = "4", beat_type: str = "4", lyric: str = "la") -> str:
    notes = "".join(f"<note><pitch><step>C</step><alter>{alter}</alter><octave>{octave}</octave></pitch>"
                    f"<duration>{duration}</duration><voice>1</voice><lyric number='1'><syllabic>single</syllabic>"
                    f"<text>{lyric}{i}</text></lyric></note>" for i in range(4))
    return ("<?xml version='1.0'?><score-partwise><work><work-title>Prøve</work-title></work><part id='P1'>"
            f"<measure number='1'><attributes><divisions>{divisions}</divisions><time><beats>{beats}</beats>"
            f"<beat-type>{beat_type}</beat-type></time></attributes><sound tempo='90'/>"
            f"<harmony><root><root-step>C</root-step><root-alter>{alter}</root-alter></root><kind>major</kind></harmony>"
            f"{extra}{notes}</measure></part></score-partwise>")


def mxl(path: Path, xml: str, method: int = zipfile.ZIP_DEFLATED, members: int = 0) -> Path:
    with zipfile.ZipFile(path, "w", compression=method) as archive:
        archive.writestr("score.xml", xml)
        for i in range(members):
            archive.writestr(f"extra/{i}.txt", "x")
    return path


def _patch_method(path: Path, method: int) -> Path:
    data = bytearray(path.read_bytes())
    data[8:10] = struct.pack("<H", method)                         # local header
    central = data.index(b"PK\x01\x02")
    data[central + 10:central + 12] = struct.pack("<H", method)    # central directory
    path.write_bytes(bytes(data))
    return path


def _encrypted(path: Path) -> Path:
    mxl(path, score(), method=zipfile.ZIP_STORED)
    data = bytearray(path.read_bytes())
    data[6] |= 1
    central = data.index(b"PK\x01\x02")
    data[central + 8] |= 1
    path.write_bytes(bytes(data))
    return path


def _bad_deflate(path: Path) -> Path:
    mxl(path, score() * 5)
    data = bytearray(path.read_bytes())
    start = 30 + len("score.xml")
    for i in range(start + 2, start + 40):
        data[i] ^= 0x5A
    path.write_bytes(bytes(data))
    return path


def kar(path: Path, lyrics: list[str], tempo: int = 500000, numerator: int = 4, denominator: int = 4,
        gap: int = 96) -> Path:
    mid = mido.MidiFile(ticks_per_beat=96)
    meta = mido.MidiTrack([mido.MetaMessage("set_tempo", tempo=tempo),
                           mido.MetaMessage("time_signature", numerator=numerator, denominator=denominator)])
    words = mido.MidiTrack()
    for i, text in enumerate(lyrics):
        words.append(mido.MetaMessage("lyrics", text=text.encode("utf-8").decode("latin-1"), time=0 if i == 0 else gap))
    notes = mido.MidiTrack([mido.Message("note_on", note=60, velocity=64), mido.Message("note_off", note=60, time=96)])
    mid.tracks.extend([meta, words, notes])
    mid.save(str(path))
    return path


def _text(name: str, content: str | bytes):
    def build(folder: Path) -> list[Path]:
        path = folder / name
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
        return [path]
    return build


def _with(name: str, make):
    def build(folder: Path) -> list[Path]:
        return [make(folder / name)]
    return build


def _lrc_beside(kind: str):
    def build(folder: Path) -> list[Path]:
        lrc = folder / "sang.lrc"
        lrc.write_text("[00:01.00]Sol over fjell\n[00:05.00]Vind i kveld\n", encoding="utf-8")
        audio = folder / "sang.mp3"
        if kind == "dir":
            audio.mkdir()
        elif kind == "fifo":
            os.mkfifo(audio)
        elif kind == "zero":
            audio.symlink_to("/dev/zero")
        elif kind == "loop":
            audio.symlink_to(folder / "sang.mp3")
        return [lrc]
    return build


def _fifo_source(folder: Path) -> list[Path]:
    path = folder / "ror.cho"
    os.mkfifo(path)
    return [path]


def _random_chordpro(seed: int, nul: bool = True):
    data = random.Random(seed).randbytes(4000)
    return _text(f"tilfeldig{seed}.cho", data if nul else bytes(b or 1 for b in data))


_LONG = "la " * 200_000
CASES = {
    # archives
    "mxl zip bomb (2 GiB)": ("archive", lambda f: [zip_bomb(f / "bombe.mxl")], "error"),
    "mxl zip bomb (256 MiB from 1.6 MB)": ("archive", lambda f: [zip_bomb(f / "bombe2.mxl", 2 ** 28 // 258 // 8 * 8)],
                                           "error"),
    "mxl inflating to 5 MB at a low ratio": ("archive", _with("tekst.mxl", lambda p: mxl(p, score(lyric=random.Random(
        1).randbytes(650_000).hex()))), "error"),
    "mxl encrypted": ("archive", _with("kryptert.mxl", _encrypted), "error"),
    "mxl unsupported method": ("archive", _with("metode.mxl", lambda p: _patch_method(mxl(p, score()), 99)), "error"),
    "mxl broken method (stored said deflate)": ("archive", _with("brutt.mxl", lambda p: _patch_method(
        mxl(p, score(), method=zipfile.ZIP_STORED), 8)), "error"),
    "mxl lzma said bzip2": ("archive", _with("bzip.mxl", lambda p: _patch_method(
        mxl(p, score(), method=zipfile.ZIP_LZMA), 12)), "error"),
    "mxl bad deflate data": ("archive", _with("deflate.mxl", _bad_deflate), "error"),
    "mxl 5000 members": ("archive", _with("mange.mxl", lambda p: mxl(p, score(), members=5000)), "error"),
    # MusicXML numbers
    "musicxml negative divisions": ("musicxml", _text("negdiv.musicxml", score(divisions="-4")), "ok"),
    "musicxml negative durations": ("musicxml", _text("negdur.musicxml", score(duration="-2")), "ok"),
    "musicxml infinite duration": ("musicxml", _text("infdur.musicxml", score(duration="INF")), "ok"),
    "musicxml NaN duration": ("musicxml", _text("nandur.musicxml", score(duration="NaN")), "ok"),
    "musicxml divisions 1e-300": ("musicxml", _text("tiny.musicxml", score(divisions="1e-300")), "ok"),
    "musicxml duration 1e308": ("musicxml", _text("huge.musicxml", score(duration="1e308")), "either"),
    "musicxml backup -1e308": ("musicxml", _text("backup.musicxml", score(
        extra="<backup><duration>-1e308</duration></backup>")), "ok"),
    "musicxml alter 1e10": ("musicxml", _text("alter.musicxml", score(alter="1e10")), "ok"),
    "musicxml octave 1e300": ("musicxml", _text("octave.musicxml", score(octave="1e300")), "ok"),
    "musicxml meter 99/8": ("musicxml", _text("meter.musicxml", score(beats="99", beat_type="8")), "ok"),
    "musicxml NUL-like control in lyric": ("musicxml", _text("ctl.musicxml", score(lyric="&#x85;la\u2028")), "ok"),
    # LRC
    "lrc audio is a directory": ("lrc", _lrc_beside("dir"), "ok"),
    "lrc audio is a FIFO": ("lrc", _lrc_beside("fifo"), "ok"),
    "lrc audio links to /dev/zero": ("lrc", _lrc_beside("zero"), "ok"),
    "lrc audio is a symlink loop": ("lrc", _lrc_beside("loop"), "ok"),
    "lrc stamp [999:99.999]": ("lrc", _text("sent.lrc", "[00:01.00]Først\n[999:99.999]Sist\n"), "ok"),
    "lrc only [999:99.999]": ("lrc", _text("baresent.lrc", "[999:99.999]Sist\n"), "either"),
    "lrc 100 000 lines": ("lrc", _text("lang.lrc", "".join(f"[{i // 6000:02d}:{i % 6000 / 100:05.2f}]linje {i}\n"
                                                            for i in range(100_000))), "either"),
    "lrc 600 000-character line": ("lrc", _text("bred.lrc", "[00:01.00]" + "a" * 600_000 + "\n"), "ok"),
    "lrc offset of 5000 digits": ("lrc", _text("offset.lrc", "[offset:" + "9" * 5000 + "]\n[00:01.00]Sol\n"), "ok"),
    "lrc word stamps backwards": ("lrc", _text("bak.lrc", "[00:05.00]<00:05.00>Sol <00:01.00>over <00:09.00>fjell\n"),
                                  "ok"),
    # MIDI / .kar
    "kar NUL in lyrics": ("kar", _with("nul.kar", lambda p: kar(p, ["\\Sol\x00 ", "over ", "fjell"])), "ok"),
    "kar control characters only": ("kar", _with("ctl.kar", lambda p: kar(p, ["\x01\x02", "\x1b "])), "error"),
    "kar tempo 0": ("kar", _with("tempo0.kar", lambda p: kar(p, ["Sol ", "over"], tempo=0)), "either"),
    # the MIDI scan refuses a meter past 32 beats before mido reads it: a clear error, as the show would need
    "kar meter 99/8": ("kar", _with("meter.kar", lambda p: kar(p, ["Sol ", "over"], numerator=99, denominator=8)),
                       "error"),
    "kar meter 0/4": ("kar", _with("meter0.kar", lambda p: kar(p, ["Sol ", "over"], numerator=0)), "either"),
    "kar huge gaps": ("kar", _with("gap.kar", lambda p: kar(p, ["\\Sol ", "\\over ", "\\fjell"], gap=96 * 40_000)),
                      "either"),
    "kar 600 000-character lyric": ("kar", _with("bred.kar", lambda p: kar(p, [_LONG[:600_000]])), "either"),
    "kar 200 000-character lyric": ("kar", _with("bred2.kar", lambda p: kar(p, [_LONG[:200_000]])), "ok"),
    # ChordPro and OpenLyrics
    **{f"chordpro random bytes {seed}": ("chordpro", _random_chordpro(seed), "either") for seed in range(6)},
    **{f"chordpro random bytes without NUL {seed}": ("chordpro", _random_chordpro(seed, nul=False), "either")
       for seed in range(6)},
    "chordpro {time: 99/8}": ("chordpro", _text("tid.cho", "{title: T}\n{time: 99/8}\nSol over fjell\n"), "ok"),
    "chordpro {tempo: nan}": ("chordpro", _text("nan.cho", "{title: T}\n{tempo: nan}\nSol over fjell\n"), "ok"),
    "chordpro 100 000 lines": ("chordpro", _text("lang.cho", "Sol over fjell\n" * 100_000), "either"),
    "chordpro 60 000 lines": ("chordpro", _text("lang2.cho", "Sol\n" * 60_000), "ok"),
    "lrc 60 000 lines": ("lrc", _text("lang2.lrc", "".join(f"[{i // 6000:02d}:{i % 6000 / 100:05.2f}]\n"
                                                            for i in range(60_000))[:-1] + "x\n"), "either"),
    "chordpro 600 000-character line": ("chordpro", _text("bred.cho", "[G]" + _LONG[:600_000] + "\n"), "ok"),
    "chordpro control characters": ("chordpro", _text("ctl.cho", "{title: A\x1bB\x7f}\nSol\x0b over\x85 fjell\u2028x\n"
                                                                 "{c: merk\x01}\n"), "ok"),
    "chordpro only control characters": ("chordpro", _text("barectl.cho", "\x01\x02\x03\n\x1b\x1b\n"), "error"),
    "chordpro lone surrogate escapes": ("chordpro", _text("sur.cho", b"{title: \xed\xa0\x80}\nSol \xed\xb0\x80\n"), "ok"),
    "chordpro is a FIFO": ("chordpro", _fifo_source, "error"),
    "chordpro links to /dev/zero": ("chordpro", lambda f: [_link(f / "null.cho", "/dev/zero")], "error"),
    "openlyrics tempo of 5000 digits": ("openlyrics", _text("tempo.xml", (
        "<song xmlns='http://openlyrics.info/namespace/2009/song' version='0.8'><properties><titles><title>T</title>"
        "</titles><tempo type='bpm'>" + "9" * 5000 + "</tempo></properties><lyrics><verse name='v" + "9" * 5000 +
        "'><lines>Sol over fjell</lines></verse></lyrics></song>")), "ok"),
}


def _dense_midi(path: Path, size: int) -> Path:
    """A MIDI file of ``size`` bytes of running-status notes with lyrics: mido's slowest case."""
    n = (size - 60) // 3
    body = b"\x00\xff\x05\x03Sol\x00\x90\x3c\x40" + b"\x00\x3c\x40" * n + b"\x00\xff\x2f\x00"
    path.write_bytes(b"MThd" + struct.pack(">IHHH", 6, 0, 1, 96) + b"MTrk" + struct.pack(">I", len(body)) + body)
    return path


def _dense_xml(head: bytes, tail: bytes, size: int) -> bytes:
    return head + b"<a b=''/>" * ((size - len(head) - len(tail)) // 9) + tail


_MB = 1024 * 1024
_SCORE_HEAD = b"<score-partwise><part id='P1'><measure>"
_SCORE_TAIL = b"</measure></part></score-partwise>"
_OL_HEAD = b"<song xmlns='http://openlyrics.info/namespace/2009/song'><lyrics><verse name='v1'><lines>"
_OL_TAIL = b"Sol</lines></verse></lyrics></song>"
CASES.update({
    # each format at just under its size cap (player.formats.safeio.LIMITS), in its slowest shape
    "size: musicxml 4 MB of elements": ("size", _text("tett.musicxml", _dense_xml(_SCORE_HEAD, _SCORE_TAIL, 4 * _MB)),
                                        "error"),
    "size: musicxml 5 MB": ("size", _text("stor.musicxml", _dense_xml(_SCORE_HEAD, _SCORE_TAIL, 5 * _MB)), "error"),
    "size: mxl inflating to 4 MB of elements": ("size", _with("tett.mxl", lambda p: mxl(
        p, _dense_xml(_SCORE_HEAD, _SCORE_TAIL, 4 * _MB).decode())), "error"),
    "size: openlyrics 1 MB of elements": ("size", _text("tett.xml", _dense_xml(_OL_HEAD, _OL_TAIL, _MB)), "either"),
    "size: kar 256 kB of notes": ("size", _with("tett.kar", lambda p: _dense_midi(p, _MB // 4)), "either"),
    "size: kar 300 kB": ("size", _with("stor.kar", lambda p: _dense_midi(p, 300 * 1024)), "error"),
    "size: chordpro one 1 MB line": ("size", _text("lang.cho", "[G]" + "la " * (_MB // 3 - 2)), "ok"),
    "size: lrc one 1 MB line": ("size", _text("lang.lrc", "[00:01.00]" + "la " * (_MB // 3 - 4)), "ok"),
    "size: lrc 1 MB of stamps": ("size", _text("stempler.lrc", "[00:01.00]" * (_MB // 10 - 1) + "Sol\n"), "ok"),
    "size: chordpro 1 MB of chords": ("size", _text("akkorder.cho", "[G]a" * (_MB // 4)), "ok"),
})


def _link(path: Path, target: str) -> Path:
    path.symlink_to(target)
    return path


#: words the error (or, for a song, its YAML comments) must hold: the reason, not just any failure
WORDS = {
    "mxl zip bomb (2 GiB)": "for stor", "mxl zip bomb (256 MiB from 1.6 MB)": "zip-bombe",
    "mxl inflating to 5 MB at a low ratio": "mer enn 4 MB", "mxl encrypted": "kryptert",
    "mxl unsupported method": "metode som ikke støttes", "mxl 5000 members": "5001 deler",
    "mxl bad deflate data": "ødelagt", "mxl broken method (stored said deflate)": "ødelagt",
    "lrc audio is a directory": "er en mappe", "lrc audio is a FIFO": "FIFO", "lrc audio links to /dev/zero": "enhet",
    "lrc audio is a symlink loop": "ring", "lrc stamp [999:99.999]": "pause på mer enn 500 takter",
    "lrc only [999:99.999]": "pause på mer enn 500 takter", "chordpro is a FIFO": "FIFO",
    "chordpro links to /dev/zero": "enhet", "chordpro {time: 99/8}": "taktart «99/8» støttes ikke",
    "musicxml divisions 1e-300": "<divisions> 1e-300", "musicxml negative divisions": "<divisions> -4",
    "musicxml duration 1e308": "for langt", "size: kar 300 kB": "for stor", "size: musicxml 5 MB": "for stor",
    "lrc 100 000 lines": "for stor", "chordpro 60 000 lines": "bare de 10000 første",
    "chordpro 600 000-character line": "for lange", "kar 200 000-character lyric": "for lange",
}
