"""The planner's routes: each endpoint of :class:`~player.planner.api.Planner` behind a Starlette
route that reads at most a fixed number of bytes, runs the work under the planner's lock on a
worker thread and turns a refusal into JSON with the catalog's words."""

from __future__ import annotations

import json

from player.planner import songapi
from player.planner.api import MAX_JSON_BYTES, Planner, Refused, as_json, error_body
from player.planner.songs import MAX_AUDIO_BYTES

__all__ = ["make_routes"]


async def _read(request, limit: int) -> bytes:
    declared = request.headers.get("content-length")
    if declared is not None and (not declared.isdigit() or int(declared) > limit):
        raise Refused(413, "plan_upload_too_big", mb=max(1, limit >> 20))
    body = bytearray()
    async for chunk in request.stream():
        body.extend(chunk)
        if len(body) > limit:
            raise Refused(413, "plan_upload_too_big", mb=max(1, limit >> 20))
    return bytes(body)


def make_routes(planner: Planner) -> list:
    from starlette.concurrency import run_in_threadpool
    from starlette.responses import FileResponse, Response
    from starlette.routing import Route

    def locked(fn, *args):
        with planner.lock:
            return fn(*args)

    def json_response(status: int, data) -> Response:
        return Response(as_json(data), status_code=status, media_type="application/json")

    def get(fn):
        async def endpoint(request):
            try:
                return json_response(200, await run_in_threadpool(locked, fn, dict(request.query_params)))
            except Exception as err:  # every refusal (and a script problem) becomes JSON
                return json_response(*error_body(planner, err))
        return endpoint

    def post(fn, png: bool = False):
        async def endpoint(request):
            try:
                raw = await _read(request, MAX_JSON_BYTES)
                try:
                    body = json.loads(raw or b"{}")
                except ValueError:
                    raise Refused(400, "plan_bad_request") from None
                if not isinstance(body, dict):
                    raise Refused(400, "plan_bad_request")
                result = await run_in_threadpool(locked, fn, body)
                if png:
                    return Response(result, media_type="image/png")
                return json_response(200, result)
            except Exception as err:
                return json_response(*error_body(planner, err))
        return endpoint

    async def upload(request):
        try:
            data = await _read(request, MAX_AUDIO_BYTES)       # each kind's own limit is checked after
            name = request.query_params.get("name", "")
            return json_response(200, await run_in_threadpool(locked, songapi.song_backing, planner, data, name))
        except Exception as err:
            return json_response(*error_body(planner, err))

    async def wav(request):
        found = planner.backings.get(request.path_params["token"])
        if found is None:
            return Response(status_code=404)
        kinds = {".wav": "audio/wav", ".ogg": "audio/ogg", ".mp3": "audio/mpeg", ".flac": "audio/flac", ".m4a": "audio/mp4"}
        return FileResponse(found.wav, media_type=kinds.get(found.wav.suffix, "application/octet-stream"))

    return [
        Route("/api/words", get(planner.words)),
        Route("/api/library", get(planner.get_library)),
        Route("/api/sessions", get(planner.sessions)),
        Route("/api/session", get(planner.open_session)),
        Route("/api/check", post(planner.post_check), methods=["POST"]),
        Route("/api/save", post(planner.save), methods=["POST"]),
        Route("/api/preview", post(planner.preview, png=True), methods=["POST"]),
        Route("/api/song/build", post(lambda b: songapi.song_build(planner, b)), methods=["POST"]),
        Route("/api/song/save", post(lambda b: songapi.song_save(planner, b)), methods=["POST"]),
        Route("/api/song/backing", upload, methods=["POST"]),
        Route("/api/song/backing/{token:str}.wav", wav),
    ]
