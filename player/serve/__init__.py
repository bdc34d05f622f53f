"""Phones and tablets in the room: a remote for the conductor, a stage view for the pianist and
lyrics in a participant's hand, served beside the show (``helsekor run SESSION --serve``)."""

from player.serve.gate import Gate, Refused
from player.serve.hub import Hub
from player.serve.server import RoomServer, local_address
from player.serve.view import texts_of, view_of

__all__ = ["Gate", "Hub", "Refused", "RoomServer", "local_address", "texts_of", "view_of"]
