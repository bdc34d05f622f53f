"""The console shows the room's address, PIN and QR code; the app hands every frame's view to
the room. Given a ShowApp with its console window (dummy driver) and a room, when frames run,
then the console's notes begin with the address and PIN, the QR code is drawn in the side
panel's corner, and the room got the frames' views."""

from __future__ import annotations

import pygame

from player.serve import RoomServer
from player.core.model.settings import ServeSection


def test_the_console_shows_the_rooms_pin_and_qr_and_the_room_gets_each_view():
    from player.core.script.settings import settings_from_plain
    from player.display.console_layout import console_layout
    from player.display.examples import ExampleSource
    from player.display.pianist_app import ShowApp

    app = ShowApp(ExampleSource(), settings_from_plain({"display": {"pianist_window": True}}), windowed=True, size=(640, 360))
    room = RoomServer(ServeSection(enabled=True, port=0), app.texts, app.post, host="127.0.0.1")
    room.port = 8750                                   # not started: only what the console shows
    app.room = room
    try:
        app.open()
        assert app.pianist is not None
        given = []
        draw = app.pianist.draw
        app.pianist.draw = lambda snap, info: (given.append(info), draw(snap, info))[1]
        for _ in range(3):
            app.frame()
        assert given and room.pin in given[-1].notes[0] and room.url in given[-1].notes[0]
        assert app.pianist.corner == room.qr() and len(room.qr()) > 20
        surface = app.pianist.window.get_surface()
        x, y, w, h = console_layout(surface.get_size()).side
        corner = [surface.get_at((x + w - 6 - i, y + h - 6 - j))[:3] for i in range(0, 60, 3) for j in range(0, 60, 3)]
        assert (0, 0, 0) in corner and (255, 255, 255) in corner
        assert room.hub.published >= 1 and room.pin not in room.hub.latest[1] + (room.hub._slot or ("", "", ""))[1]
    finally:
        app.close()
        pygame.quit()
