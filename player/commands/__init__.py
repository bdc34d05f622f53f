"""The ``helsekor`` command's commands, one module per kind of work; :mod:`player.cli` parses
the command line and calls the one asked for (each module is imported only when its command
runs, so ``helsekor run`` loads no importer, planner or renderer).

- :mod:`.common`: the settings and the session as every command reads them;
- :mod:`.check`: ``check`` (a session or one song file, and its plan) and ``list``;
- :mod:`.show`: ``run``, ``demo`` and ``calibrate``, on the screen;
- :mod:`.render`: ``render`` and ``follow``, the offline work;
- :mod:`.choir`: ``init`` and ``plan``, the choir's folder.

The one place that builds adapters and wires them together is here and in :mod:`player.show`.
"""

__all__: list[str] = []
