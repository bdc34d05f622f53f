"""Pianist cues: MIDI messages written in a script, as in a show-control cue list.

A cue is a dict (from YAML) or a short text. Channels are 1–16 and programs 1–128, as printed
on keyboards and in General MIDI lists; banks are 0–16383 (MSB × 128 + LSB) or [MSB, LSB]:

    {note: 60, velocity: 100, channel: 1}      "note 60 100 ch 1"     (a press: on, then off)
    {control: 64, value: 127, channel: 1}      "cc 64 127 ch 1"
    {program: 5, bank: 2, channel: 1}          "program 5 bank 2 ch 1"
    {sysex: "F0 43 10 4C 00 00 7E 00 F7"}      "sysex F0 43 10 4C 00 00 7E 00 F7"

:func:`cue_problems` returns clear error strings (the loader adds file:line);
:func:`cue_messages` turns a valid cue into mido messages. Pure: no threads, no locks.
"""

from __future__ import annotations

from typing import Any, Iterable

import mido

from player.midi.song import TimedMessage
from player.core.model.messages import N_, tr

__all__ = ["cue_problems", "cue_messages", "program_messages", "timed_cues", "CUE_FORMS"]

CUE_FORMS = N_("note, control (cc), program (with bank) or sysex")
_KEYS = {"note": {"note", "velocity", "channel"}, "control": {"control", "value", "channel"},
         "program": {"program", "bank", "channel"}, "sysex": {"sysex"}}


def _parse_text(text: str) -> dict[str, Any]:
    words = text.replace(",", " ").split()
    if not words:
        raise ValueError(tr('an empty cue (write a {CUE_FORMS} message)', CUE_FORMS=tr(CUE_FORMS)))
    head, rest = words[0].lower(), words[1:]
    if head == "sysex":
        return {"sysex": " ".join(rest)}
    out: dict[str, Any] = {}
    nums: list[str] = []
    i = 0
    while i < len(rest):
        w = rest[i].lower()
        if w in ("ch", "channel", "bank") and i + 1 < len(rest):
            out["channel" if w != "bank" else "bank"] = rest[i + 1]
            i += 2
            continue
        if w.startswith("ch") and w[2:].isdigit():
            out["channel"] = w[2:]
        else:
            nums.append(rest[i])
        i += 1
    names = {"note": ("note", "velocity"), "cc": ("control", "value"), "control": ("control", "value"),
             "program": ("program",), "pc": ("program",)}
    if head not in names:
        raise ValueError(tr('unknown cue «{words}» (allowed: {CUE_FORMS})', words=words[0], CUE_FORMS=tr(CUE_FORMS)))
    fields = names[head]
    if len(nums) > len(fields) or len(nums) < (1 if head in ("note", "program", "pc") else 2):
        raise ValueError(tr('«{text}»: expected {head} {fields} [ch 1–16]', text=text, head=head, fields=' '.join(fields)))
    out.update(zip(fields, nums))
    return out


def _int(spec: dict, key: str, lo: int, hi: int, default: int | None, problems: list[str]) -> int:
    v = spec.get(key, default)
    try:
        iv = (int(v, 16) if v.lower().startswith("0x") else int(v)) if isinstance(v, str) else int(v)
        if isinstance(v, float) and v != iv:
            raise ValueError
    except (TypeError, ValueError):
        problems.append(tr('{key}: «{v}» is not a whole number ({lo}–{hi})', key=key, v=v, lo=lo, hi=hi))
        return lo
    if not lo <= iv <= hi:
        problems.append(tr('{key}: {iv} is out of range ({lo}–{hi})', key=key, iv=iv, lo=lo, hi=hi))
    return iv


def _build(spec: Any) -> tuple[list[mido.Message], list[str]]:
    if isinstance(spec, str):
        try:
            spec = _parse_text(spec)
        except ValueError as err:
            return [], [str(err)]
    if not isinstance(spec, dict):
        return [], [tr('a cue must be a mapping or a text ({CUE_FORMS})', CUE_FORMS=tr(CUE_FORMS))]
    kinds = [k for k in ("note", "control", "cc", "program", "sysex") if k in spec]
    if len(kinds) != 1:
        return [], [tr('a cue needs exactly one of note, control, program, sysex (got {value})', value=sorted(spec) or 'nothing')]
    kind = "control" if kinds[0] == "cc" else kinds[0]
    spec = {("control" if k == "cc" else k): v for k, v in spec.items()}
    problems = [tr('{k}: not allowed in a {kind} cue (allowed: {sorted})', k=k, kind=kind, sorted=', '.join(sorted(_KEYS[kind])))
                for k in spec if k not in _KEYS[kind]]
    if kind == "sysex":
        return _sysex(spec["sysex"], problems)
    ch = _int(spec, "channel", 1, 16, 1, problems) - 1
    if kind == "note":
        note = _int(spec, "note", 0, 127, None, problems)
        vel = _int(spec, "velocity", 1, 127, 100, problems)
        msgs = [] if problems else [mido.Message("note_on", channel=ch, note=note, velocity=vel),
                                    mido.Message("note_off", channel=ch, note=note)]
    elif kind == "control":
        ctl = _int(spec, "control", 0, 127, None, problems)
        val = _int(spec, "value", 0, 127, None, problems)
        msgs = [] if problems else [mido.Message("control_change", channel=ch, control=ctl, value=val)]
    else:
        prog = _int(spec, "program", 1, 128, None, problems)
        bank = spec.get("bank")
        if isinstance(bank, (list, tuple)):
            if len(bank) != 2:
                problems.append(tr('bank: give [MSB, LSB] (each 0–127) or one number 0–16383'))
                bank = 0
            else:
                msb = _int({"bank MSB": bank[0]}, tr('bank MSB'), 0, 127, None, problems)
                lsb = _int({"bank LSB": bank[1]}, tr('bank LSB'), 0, 127, None, problems)
                bank = msb * 128 + lsb
        elif bank is not None:
            bank = _int(spec, "bank", 0, 16383, None, problems)
        msgs = [] if problems else program_messages(prog, bank, ch + 1)
    return msgs, problems


def _sysex(text: Any, problems: list[str]) -> tuple[list[mido.Message], list[str]]:
    raw = str(text).replace(",", " ").split()
    try:
        data = [int(b, 16) for b in raw]
    except ValueError:
        return [], problems + [tr('sysex: «{text}» must be hexadecimal bytes like F0 7E 7F 09 01 F7', text=text)]
    if data[:1] == [0xF0]:
        data = data[1:]
    if data[-1:] == [0xF7]:
        data = data[:-1]
    if not data:
        problems.append(tr('sysex: no data bytes between F0 and F7'))
    bad = [f"{b:02X}" for b in data if b > 0x7F]
    if bad:
        problems.append(tr('sysex: data bytes must be 00–7F (found {bad})', bad=', '.join(bad)))
    return ([] if problems else [mido.Message("sysex", data=data)]), problems


def cue_problems(spec: Any) -> list[str]:
    """What is wrong with one cue, as clear sentences; [] when it is valid."""
    return _build(spec)[1]


def cue_messages(spec: Any) -> list[mido.Message]:
    """The messages of one valid cue; ValueError (with the problems) for an invalid one."""
    msgs, problems = _build(spec)
    if problems:
        raise ValueError("; ".join(problems))
    return msgs


def program_messages(program: int, bank: int | None = None, channel: int = 1) -> list[mido.Message]:
    """Bank select (CC 0 MSB, CC 32 LSB) when ``bank`` is given, then program change.
    ``program`` 1–128, ``channel`` 1–16, ``bank`` 0–16383."""
    ch = channel - 1
    out = []
    if bank is not None:
        out.append(mido.Message("control_change", channel=ch, control=0, value=bank // 128))
        out.append(mido.Message("control_change", channel=ch, control=32, value=bank % 128))
    out.append(mido.Message("program_change", channel=ch, program=program - 1))
    return out


def timed_cues(items: Iterable[tuple[float, Any]]) -> list[TimedMessage]:
    """(beat, cue) pairs → messages for ``MidiBacking(cues=...)``; beats from bar 1 (beat 0).
    A note cue's off follows half a beat later."""
    out = []
    for beat, spec in items:
        for m in cue_messages(spec):
            out.append(TimedMessage(beat + (0.5 if m.type == "note_off" else 0.0), -1, m))
    return out
