#!/usr/bin/env bash
# Set up everything Helsekor needs on a fresh Debian/Ubuntu machine: the Debian packages
# (when run as root, or with sudo available) and a virtual environment in .venv.
# Safe to run again: it only does what is missing. Called by `make demo`, `make test`, `.ci/run`.
set -euo pipefail
cd "$(dirname "$0")/.."

DEB_PACKAGES=(
  xvfb                  # a virtual screen for window tests and screenshots
  libxtst6              # XTest: the quit tests press keys on the X server as a keyboard does
  libfluidsynth3        # the built-in General MIDI synth
  timgm6mb-soundfont    # small GM SoundFont for VLC's MIDI plugin; install before VLC so apt does not pull the 142 MB one
  libvlc5 vlc-plugin-base vlc-plugin-video-output   # audio and video backing
  sox                   # checking rendered audio in tests and benchmarks
  python3-venv          # Debian's python3 needs it to make .venv
  poppler-utils         # pdftotext and pdftoppm: the songbook tests read the PDF back
  xserver-xorg-video-dummy x11-xserver-utils   # Xorg with two monitors (projector + laptop): console tests, shots
  pulseaudio pulseaudio-utils   # bench_live_av: a user daemon with a null sink (started and stopped by the bench)
  lame                  # bench_live_av: the MP3 click track
  chromium              # the planner's browser tests (Playwright drives the system browser; nothing downloaded)
)

missing=()
for p in "${DEB_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then SUDO=""; elif command -v sudo >/dev/null; then SUDO="sudo"; else SUDO="none"; fi
  if [ "$SUDO" = none ]; then
    echo "Helsekor needs these Debian packages. Run as root:" >&2
    echo "  apt-get install --no-install-recommends ${missing[*]}" >&2
    exit 1
  fi
  echo "Installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  # the small SoundFont first, so vlc's fluidsynth plugin does not pull fluid-soundfont-gm
  $SUDO apt-get install -y -qq --no-install-recommends timgm6mb-soundfont >/dev/null
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
stamp=.venv/.helsekor-installed
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -e '.[test]'
  touch "$stamp"
fi
# the synth that needs no system library (pyproject.toml says why it is installed without its deps)
if ! .venv/bin/python -c "import tinysoundfont" 2>/dev/null; then
  .venv/bin/python -m pip install -q --no-deps 'tinysoundfont>=0.3.7'
fi
