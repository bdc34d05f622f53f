"""The pure core: no screen, sound, MIDI library, thread or file write (see docs/packages.md).

- :mod:`player.core.model`: the vocabulary (frozen script data, tempo map, key names, errors, intents);
- :mod:`player.core.script`: reading and checking scripts and settings into that vocabulary;
- :mod:`player.core.time`: clocks, transports, the backing protocols and the live leads;
- :mod:`player.core.show`: the runner, the acts of each step, timelines, snapshots and views.
"""
