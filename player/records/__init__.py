"""The show's own files on disk: the saved step (resume after a crash) and the session log.
Wall-clock time comes in through an injected clock; may import :mod:`player.core`."""
