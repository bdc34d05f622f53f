#!/usr/bin/env bash
# pymatchmaker (CPJKU, Apache-2.0) for the follower comparison in `make bench` only: the show
# never needs it. Its dependencies (partitura, librosa, numba, scipy, numpy<2) are ~770 MB, so
# it gets a virtual environment of its own, by default /tmp/pmm (PMM_VENV=... to change).
# partitura downloads a SoundFont over FTP when it is imported and FluidSynth is there; without
# a network that import fails, so its asset path is pointed at the Debian TimGM6mb SoundFont
# (only used to synthesise audio, which the MIDI followers never do).
set -euo pipefail
VENV="${PMM_VENV:-/tmp/pmm}"
[ -x "$VENV/bin/python" ] || python3 -m venv "$VENV"
"$VENV/bin/pip" install -q pymatchmaker==0.3.0
ASSETS="$("$VENV/bin/python" -c 'import importlib.util, os; print(os.path.join(os.path.dirname(importlib.util.find_spec("partitura").origin), "assets"))')"
SF=/usr/share/sounds/sf2/TimGM6mb.sf2
[ -e "$ASSETS/MuseScore_General.sf3" ] || { [ -e "$SF" ] && ln -s "$SF" "$ASSETS/MuseScore_General.sf3" || touch "$ASSETS/MuseScore_General.sf3"; }
"$VENV/bin/python" -c "import matchmaker" && echo "pymatchmaker ready in $VENV"
