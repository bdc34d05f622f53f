"""The planner: ``helsekor plan`` serves a local web page where a conductor builds next week's
session and pastes songs without writing YAML (see docs/DESIGN.md). Starlette, uvicorn and
ruamel.yaml are imported only here, so the show's start-up never pays for them."""

from player.planner.folder import choir_folder, Confined, safe_name
from player.planner.server import make_app, serve

__all__ = ["choir_folder", "Confined", "safe_name", "make_app", "serve"]
