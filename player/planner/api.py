"""The planner's API: the library, sessions (open, check, save, preview) and songs (build from
pasted text, a MIDI backing to tap along, save). Every answer is JSON except the preview (PNG)
and the backing (WAV); a file with errors opens with its errors, never a server error. All the
work runs under :attr:`Planner.lock` on uvicorn's worker threads."""

from __future__ import annotations

import json
import tempfile
import threading
from dataclasses import replace
from pathlib import Path

from player.core.model.errors import HelsekorError
from player.core.model.settings import Settings
from player.core.script.library import Library
from player.core.show.words import say
from player.planner import draft
from player.planner.catalog import library_items, matches
from player.planner.checking import check_text
from player.planner.folder import Confined, PathRefused, safe_name
from player.planner.saving import Exists, write_file

__all__ = ["Planner", "MAX_JSON_BYTES"]

MAX_JSON_BYTES = 2 << 20


class Refused(Exception):
    def __init__(self, status: int, key: str, **fields):
        super().__init__(key)
        self.status, self.key, self.fields = status, key, fields


class Planner:
    def __init__(self, folder: Path, config: Settings):
        self.folder = Path(folder).resolve()
        # the choir folder's songs/ and exercises/ are used by its sessions (issue 15 records the
        # choir folder as a library folder, so `helsekor check` finds them the same way)
        if self.folder not in {Path(p).resolve() for p in config.library_dirs}:
            config = replace(config, library=(self.folder, *config.library_dirs))
        self.config = config
        self.place = Confined(self.folder, tuple(config.library_dirs))
        self.texts = config.texts()
        self.lock = threading.Lock()
        self._items: list[dict] | None = None
        self.backings: dict = {}                     # token → songapi.Backing
        self.work = Path(tempfile.mkdtemp(prefix="helsekor-plan-"))

    # --- helpers ----------------------------------------------------------------------
    def word(self, key: str, **fields) -> str:
        return say(self.texts, key, **fields)

    def library(self) -> Library:
        return Library.for_session(self.folder / "sessions" / "x.yaml", self.config.library_dirs)

    def items(self) -> list[dict]:
        """The library list (made once, again after a song is saved); MIDI verdicts remembered."""
        if self._items is None:
            from player.core.script.loader import Loader
            from player.wiring import RememberedMidiCheck, midi_lyrics_reader
            remembered = RememberedMidiCheck(self.config.state_dir)
            loader = Loader(self.library(), midi_lyrics_reader=midi_lyrics_reader(), midi_probe=remembered)
            self._items = library_items(self.library(), loader)
            remembered.save()
        return self._items

    def warm(self) -> None:
        """Read the library on a thread of its own (under the lock) before the page asks."""
        def read():
            with self.lock:
                self.items()
        threading.Thread(target=read, name="planner-library", daemon=True).start()

    def session_file(self, name: str, write: bool = False) -> Path:
        try:
            return self.place.file("sessions", name, (".yaml", ".yml"), write=write)
        except PathRefused:
            raise Refused(400, "plan_bad_name", name=str(name)[:80]) from None

    def check(self, page: dict, name: str, base: Path | None) -> tuple[str, dict, object]:
        doc = None
        if base is not None and base.is_file():
            try:
                doc = draft.load_document(base.read_text(encoding="utf-8"))
            except Exception:                 # a broken file is replaced by what the page has
                doc = None
        text = draft.dump(draft.to_document(page, doc))
        report, session = check_text(text, self.folder, self.config, f"sessions/{name}")
        return text, report, session

    # --- endpoints (each returns (status, body)) ----------------------------------------
    def words(self, _q) -> dict:
        return {k[5:]: v for k, v in self.texts.items() if k.startswith("plan_")}

    def get_library(self, q) -> dict:
        query, tag = q.get("q", ""), q.get("tag", "")
        found = [i for i in self.items() if matches(i, query) and (not tag or tag in i["tags"]
                 or tag == i["kind"])]
        return {"items": found, "count": len(found)}

    def sessions(self, _q) -> dict:
        folder = self.folder / "sessions"
        names = sorted(p.name for p in folder.glob("*.yaml") if not p.name.startswith(".")) if folder.is_dir() else []
        return {"sessions": names, "folder": str(self.folder)}

    def open_session(self, q) -> dict:
        name = q.get("name", "")
        path = self.session_file(name)
        if not path.is_file():
            raise Refused(404, "plan_no_file", name=name)
        try:
            page, syntax = draft.read_page(path)
        except (OSError, UnicodeDecodeError) as err:
            raise Refused(422, "plan_unreadable", name=name, why=str(err)) from None
        if syntax is not None:
            text = path.read_text(encoding="utf-8", errors="replace")
            report, _ = check_text(text, self.folder, self.config, f"sessions/{name}")
            return {"name": name, "session": page, "report": report, "broken": True, "text": text[:20000]}
        _, report, _ = self.check(page, name, path)
        return {"name": name, "session": page, "report": report, "broken": False}

    def post_check(self, body) -> dict:
        name = self._name(body)
        _, report, _ = self.check(body.get("session") or {}, name, self._base(body))
        return {"report": report}

    def _name(self, body) -> str:
        name = body.get("name") or ""
        if not name:
            name = safe_name(str((body.get("session") or {}).get("title") or "")) + ".yaml"
        self.session_file(name)
        return name

    def _base(self, body) -> Path | None:
        base = body.get("base")
        return self.session_file(base) if base else None

    def save(self, body) -> dict:
        name = self._name(body)
        text, report, _ = self.check(body.get("session") or {}, name, self._base(body))
        if not report["ok"]:
            raise Refused(422, "plan_not_saved_problems", report=report)
        try:
            saved = write_file(self.place, "sessions", Path(name).stem, text, replace=bool(body.get("replace")))
        except Exists:
            raise Refused(409, "plan_exists", name=name) from None
        return {"name": name, "path": str(saved.path), "backup": str(saved.backup) if saved.backup else None,
                "report": report, "message": self.word("plan_saved", name=name)}

    def preview(self, body) -> bytes:
        from player.planner.preview import step_png
        name = self._name(body)
        _, report, session = self.check(body.get("session") or {}, name, self._base(body))
        index = body.get("step")
        if session is None or not isinstance(index, int) or not 0 <= index < len(session.steps):
            raise Refused(422, "plan_no_preview", report=report)
        return step_png(session, index, self.config)


def as_json(data) -> bytes:
    return json.dumps(data, ensure_ascii=False).encode("utf-8")


def error_body(planner: Planner, err: Exception) -> tuple[int, dict]:
    if isinstance(err, Refused):
        fields = {k: v for k, v in err.fields.items() if k != "report"}
        return err.status, {"error": planner.word(err.key, **fields), "key": err.key,
                            **({"report": err.fields["report"]} if "report" in err.fields else {})}
    if isinstance(err, HelsekorError):
        return 422, {"error": str(err), "key": "plan_error"}
    raise err
