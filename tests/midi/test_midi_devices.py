"""Outputs and inputs: the fallback when there is no MIDI system, reconnect, cues, pedals."""

import mido
import pytest

from player.core.model import intents as I
from player.core.time.clock import ManualClock
from player.core.model.errors import DeviceError

from player.midi.control import MidiControl, PedalMap, pedal_map_problems
from player.midi.cues import cue_messages, cue_problems
from player.midi.ports import OutputSelector, RecordingPort, open_port


def _no_alsa():
    raise SystemError("MidiOutAlsa::initialize: error creating ALSA sequencer client object.")


@pytest.mark.usefixtures("bokmal")
def test_no_midi_system_is_a_clear_device_error(monkeypatch):
    # this machine has no ALSA sequencer; make the test independent of where it runs
    monkeypatch.setattr(mido, "get_output_names", _no_alsa)
    with pytest.raises(DeviceError, match="«Clavinova».*ikke noe MIDI-system"):
        open_port("Clavinova")


def test_missing_port_lists_those_that_exist(monkeypatch):
    monkeypatch.setattr(mido, "get_output_names", lambda: ["Midi Through:0", "USB MIDI Interface"])
    with pytest.raises(DeviceError, match="Midi Through:0, USB MIDI Interface"):
        open_port("Clavinova")


def test_port_is_chosen_by_case_insensitive_part_of_its_name(monkeypatch):
    opened = []
    monkeypatch.setattr(mido, "get_output_names", lambda: ["Midi Through:0", "CLAVINOVA MIDI 1"])
    monkeypatch.setattr(mido, "open_output", lambda name: opened.append(name) or RecordingPort(name=name))
    port = open_port("clavinova")
    assert opened == ["CLAVINOVA MIDI 1"] and port.name == "CLAVINOVA MIDI 1"


@pytest.mark.usefixtures("bokmal")
def test_selector_falls_back_to_built_in_synth_and_reconnects_later(monkeypatch):
    monkeypatch.setattr(mido, "get_output_names", _no_alsa)
    clock = ManualClock()
    synth = RecordingPort(name="innebygd synth")
    sel = OutputSelector("Clavinova", fallback=lambda: synth, clock=clock, retry_s=5.0)
    assert sel.port is synth and sel.on_fallback
    notices = sel.check()
    assert len(notices) == 1 and "Clavinova" in notices[0] and "innebygd synth" in notices[0]
    keyboard = RecordingPort(name="Clavinova USB")
    monkeypatch.setattr(mido, "get_output_names", lambda: ["Clavinova USB"])
    monkeypatch.setattr(mido, "open_output", lambda name: keyboard)
    clock.advance(1.0)
    assert sel.check() == [] and sel.port is synth      # not yet time to retry
    clock.advance(5.0)
    assert "tilkoblet igjen" in sel.check()[0]
    assert sel.port.name == "Clavinova USB" and not sel.on_fallback


def test_selector_without_any_sound_still_gives_a_port():
    def broken():
        raise DeviceError("ingen lydenhet")
    sel = OutputSelector("", fallback=broken)
    sel.port.send(mido.Message("note_on"))              # a silent port, no crash
    assert "ingen lydenhet" in sel.check()[0]


def test_recording_port_close_silences_once():
    port = RecordingPort(ManualClock())
    port.close(); port.close()
    assert len(port.messages("control_change")) == 32


# ------------------------------------------------------------------- cues
@pytest.mark.parametrize("spec, expected", [
    ({"note": 60, "velocity": 90, "channel": 2}, [("note_on", 1, 60), ("note_off", 1, 60)]),
    ("cc 64 127 ch 3", [("control_change", 2, 64)]),
    ({"program": 1, "bank": [0, 112]}, [("control_change", 0, 0), ("control_change", 0, 32), ("program_change", 0, 0)]),
    ("sysex F0 43 10 4C 00 00 7E 00 F7", [("sysex", None, None)]),
])
def test_valid_cues_become_messages(spec, expected):
    msgs = cue_messages(spec)
    assert [(m.type, getattr(m, "channel", None), getattr(m, "note", getattr(m, "control", getattr(m, "program", None)))) for m in msgs] == expected
    assert cue_problems(spec) == []


def test_sysex_cue_drops_framing_bytes():
    assert list(cue_messages({"sysex": "F0 7E 7F 09 01 F7"})[0].data) == [0x7E, 0x7F, 0x09, 0x01]


@pytest.mark.parametrize("spec, words", [
    ({"note": 128}, "note: 128 is out of range (0–127)"),
    ({"control": 7, "value": 100, "channel": 17}, "channel: 17 is out of range (1–16)"),
    ({"program": 0}, "program: 0 is out of range (1–128)"),
    ({"sysex": "F0 GG F7"}, "hexadecimal"),
    ({"sysex": "F0 43 90 F7"}, "00–7F"),
    ({"note": 60, "control": 7}, "exactly one of"),
    ({"note": 60, "value": 3}, "value: not allowed in a note cue"),
    ("bend 3", "unknown cue «bend»"),
    (42, "mapping or a text"),
])
def test_invalid_cues_give_clear_problems(spec, words):
    problems = cue_problems(spec)
    assert problems and any(words in p for p in problems), problems
    with pytest.raises(ValueError):
        cue_messages(spec)


# ------------------------------------------------------------------- pedal input
def test_pedal_press_and_note_become_intents_on_the_queue():
    clock = ManualClock(3.0)
    ctl = MidiControl({"next": {"control": 67}, "back": {"control": 66}, "tap": {"note": 21}}, clock)
    ctl.feed(mido.Message("control_change", control=67, value=127))
    ctl.feed(mido.Message("control_change", control=67, value=100))   # still down: no repeat
    ctl.feed(mido.Message("control_change", control=67, value=0))
    ctl.feed(mido.Message("control_change", control=66, value=127))
    ctl.feed(mido.Message("note_on", note=21, velocity=80))
    ctl.feed(mido.Message("note_on", note=21, velocity=0))
    ctl.feed(mido.Message("note_on", note=60, velocity=80))
    assert ctl.drain() == [I.Next(at=3.0), I.Back(at=3.0), I.Tap(at=3.0)]
    assert ctl.drain() == []


def test_pedal_channel_filter():
    pm = PedalMap({"next": {"control": 64, "channel": 2}})
    assert pm.map(mido.Message("control_change", channel=0, control=64, value=127)) == []
    assert pm.map(mido.Message("control_change", channel=1, control=64, value=127)) == [I.Next()]


def test_pedal_map_problems_are_clear():
    assert pedal_map_problems({"next": {"control": 67}}) == []
    problems = pedal_map_problems({"fly": {"note": 1}, "next": {"control": 200}, "back": {}})
    assert any("fly: unknown intent" in p for p in problems)
    assert any("next.control: 200" in p for p in problems)
    assert any("back: give exactly one" in p for p in problems)


def test_midi_input_without_midi_system_is_a_device_error(monkeypatch):
    monkeypatch.setattr(mido, "get_input_names", _no_alsa)
    with pytest.raises(DeviceError, match="«pedal»"):
        MidiControl({}).open("pedal")


def test_midi_input_opens_with_callback_that_only_enqueues(monkeypatch):
    monkeypatch.setattr(mido, "get_input_names", lambda: ["FS-6 Footswitch"])
    got = {}
    ctl = MidiControl({"next": {"control": 67}}, ManualClock())
    name = ctl.open("footswitch", opener=lambda n, callback: got.update(name=n, cb=callback) or RecordingPort())
    got["cb"](mido.Message("control_change", control=67, value=127))
    assert name == "FS-6 Footswitch" and ctl.drain() == [I.Next(at=0.0)]




@pytest.mark.usefixtures("bokmal")
def test_real_rtmidi_error_class_is_reported_as_no_midi_system(monkeypatch):
    class RtMidiSystemError(RuntimeError):     # python-rtmidi's own SystemError is a RuntimeError
        pass

    def raise_rt():
        raise RtMidiSystemError("MidiInAlsa::initialize: error creating ALSA sequencer client object.")
    monkeypatch.setattr(mido, "get_output_names", raise_rt)
    with pytest.raises(DeviceError, match="ikke noe MIDI-system"):
        open_port("piano")


def test_every_output_shares_one_base_closing_once_after_all_notes_off():
    from player.midi.ports import BaseOutput, MidoOutput, NullPort
    from player.midi.synth import SynthOutput

    class FakeMidoPort:
        name = "Clavinova"

        def __init__(self):
            self.log = []

        def send(self, msg):
            self.log.append(msg)

        def close(self):
            self.log.append("closed")

    raw = FakeMidoPort()
    with MidoOutput(raw) as out:
        out.send(mido.Message("note_on", note=60))
    assert [getattr(m, "control", m) for m in raw.log[1:]] == [64, 123] * 16 + ["closed"]
    out.close()
    out.send(mido.Message("note_on", note=62))            # after close: dropped, no error
    assert len(raw.log) == 34
    assert all(issubclass(c, BaseOutput) for c in (MidoOutput, RecordingPort, NullPort, SynthOutput))
