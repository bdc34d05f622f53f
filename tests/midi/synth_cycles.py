"""Child process for the synth's open/play/close test: ``python -m tests.midi.synth_cycles N
LIMIT_S SEED``. Opens the built-in synth N times, each time from a new thread, plays notes for a
random while (sometimes a MIDI backing through the audio callback), and closes it from that
thread or another one while a third keeps sending; random timing throughout. A hang anywhere
(the SDL audio lock against the GIL) ends the process after LIMIT_S with every thread's stack
(faulthandler needs no GIL) and exit code 1. Prints ``ok N`` at the end."""

import faulthandler
import os
import random
import sys
import threading
import time

os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")


def main(n: int, limit_s: float, seed: int) -> int:
    faulthandler.dump_traceback_later(limit_s, exit=True)
    import mido  # noqa: PLC0415

    from player.midi.backing import MidiBacking  # noqa: PLC0415
    from player.midi.synth import SynthOutput  # noqa: PLC0415
    from tests.midi.midifixtures import notes_file  # noqa: PLC0415
    from player.midi.song import song_from_midifile  # noqa: PLC0415

    song = song_from_midifile(notes_file([(k / 4, 0.2, 60 + k % 12, 0) for k in range(64)]))
    rng = random.Random(seed)
    box: dict = {}

    def open_and_play(k: int) -> None:
        synth = SynthOutput(block=rng.choice((128, 256, 512)))
        box["synth"] = synth
        if rng.random() < 0.4:
            backing = MidiBacking(song, synth, count_in_bars=0)
            backing.start()
            time.sleep(rng.random() * 0.03)
            backing.seek(rng.random() * 8)
            box["backing"] = backing
        for _ in range(rng.randrange(0, 5)):
            synth.send(mido.Message("note_on", note=48 + k % 24, velocity=100))
            time.sleep(rng.random() * 0.01)

    def chatter(synth, stop: threading.Event) -> None:
        while not stop.is_set():
            synth.send(mido.Message("note_on", note=72, velocity=90))
            time.sleep(0.0005)

    for k in range(n):
        box.clear()
        opener = threading.Thread(target=open_and_play, args=(k,))
        opener.start()
        opener.join()
        synth = box["synth"]
        stop = threading.Event()
        talker = threading.Thread(target=chatter, args=(synth, stop))
        talker.start()
        time.sleep(rng.random() * 0.02)

        def close():
            if "backing" in box:
                box["backing"].close()
            synth.close()
        closer = threading.Thread(target=close) if rng.random() < 0.5 else None
        if closer:
            closer.start()
            closer.join()
        else:
            close()
        stop.set()
        talker.join()
    print("ok", n, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3]) if len(sys.argv) > 3 else 0))
