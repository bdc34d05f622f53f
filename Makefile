# Two commands for a new user: `make demo` and `make test`. Both set up what they need first
# (Debian packages when run as root or with sudo, and a virtual environment in .venv).
PY := .venv/bin/python
SESSION ?= sessions/demo.yaml

.PHONY: setup demo test bench check clean

setup:
	@bash tools/setup.sh

demo: setup
	$(PY) -m player.cli demo $(SESSION)

test: setup
	$(PY) -m pytest -q

bench: setup
	$(PY) -m bench.run

check: setup
	$(PY) -m player.cli check $(SESSION)

clean:
	rm -rf .venv out bench-results.json .pytest_cache .hypothesis
