# Two commands for a new user: `make demo` and `make test`. Both set up what they need first
# (Debian packages when run as root or with sudo, and a virtual environment in .venv).
PY := .venv/bin/python
SESSION ?= sessions/demo.yaml

.PHONY: setup demo test bench check clean bundle

setup:
	@bash tools/setup.sh

demo: setup
	$(PY) -m player.cli demo $(SESSION)

# a native hang ends the run from a watchdog whose stacks pytest cannot show: print them
test: setup
	@$(PY) -m pytest -q $(PYTEST_ARGS) || { rc=$$?; if grep -q "most recent call first" .pytest-watchdog.log 2>/dev/null; then \
	  echo "--- the test watchdog fired (tests/conftest.py): last test and every thread's stack ---" >&2; \
	  grep "watchdog armed" .pytest-watchdog.log | tail -1 >&2; grep -v "watchdog armed" .pytest-watchdog.log >&2; fi; exit $$rc; }

bench: setup
	$(PY) -m bench.run

check: setup
	$(PY) -m player.cli check $(SESSION)

# a one-folder program without Python in dist/helsekor/ (PyInstaller), checked by rendering two
# steps of the demo with it (tools/bundle.py; a few minutes)
bundle: setup
	$(PY) -m pip install -q 'pyinstaller>=6.10'
	$(PY) tools/bundle.py

clean:
	rm -rf .venv out dist build bench-results.json .pytest_cache .hypothesis
