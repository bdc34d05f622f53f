"""Load and check a whole session: the session file, every song and exercise it names, and
every media file they name. All problems are reported at once as one :class:`ScriptError`;
nothing else escapes, whatever the input.
"""

from __future__ import annotations

from pathlib import Path

from player.core.script.checks import Checker, check_version, join, media_file, read_cues
from player.core.model.errors import Problem, ScriptError
from player.core.model.data import LEAD_MODES
from player.core.script.plan import with_plan
from player.core.script.library import ID_PATTERN, Library
from player.core.script.exercisefile import read_exercise
from player.core.model.files import FileRefused, resolve_path
from player.core.model.data import Exercise, Session, Song, Step
from player.core.script.songfile import read_song
from player.core.script.yamlnodes import Node, read_tree
from player.core.model.messages import N_, tr

__all__ = ["load_session", "load_song", "load_exercise", "read_tree", "Loader"]

STEP_KINDS = ("text", "pause", "exercise", "song", "video")
STEP_KEYS = ("title", "subtitle", "note", "duration", "repeats", "tempo_scale", "transpose",
             "verses", "backing", "then", "cues", "lead")
#: the kinds of file a step names, as a message says them
KIND_WORDS = (N_("song"), N_("exercise"))
#: songs that are still under copyright and so not bundled: id -> why (songs/SOURCES.md)
PROTECTED_SONGS = {
    "bedre-og-bedre-dag-for-dag": N_("'Bedre og bedre dag for dag' is protected until 2035 (Swedish text by "
                                     "Karl-Ewert Christenson, died 1965), so Helsekor does not ship it"),
}


class Loader:
    """Reads files once each, collecting problems across all of them."""

    def __init__(self, library: Library, count_in_bars: int = 1, midi_lyrics_reader=None, media_probe=None,
                 cue_checker=None, midi_probe=None):
        self.library = library
        self.midi_probe = midi_probe
        self.media_probe = media_probe
        self.cue_checker = cue_checker
        self.count_in_bars = count_in_bars
        self.midi_lyrics_reader = midi_lyrics_reader
        self.ck = Checker()
        self._songs: dict[Path, Song | None] = {}
        self._exercises: dict[Path, Exercise | None] = {}

    # --- files ------------------------------------------------------------------------
    def _tree(self, path: Path) -> Node | None:
        try:
            return read_tree(path)
        except ScriptError as err:
            self.ck.problems.extend(err.problems)
            return None

    def _resolved(self, path: Path) -> Path | None:
        try:
            return resolve_path(path)
        except FileRefused as err:
            self.ck.problems.append(Problem(err.named, 1, 1, "", tr('cannot read the file: {reason}', reason=err.reason)))
            return None

    def song(self, named: Path) -> Song | None:
        path = self._resolved(named)
        if path is None:
            return None
        if path not in self._songs:
            self._songs[path] = None
            tree = self._tree(named)
            if tree is not None:
                self._songs[path] = read_song(self.ck, tree, path, self.midi_lyrics_reader, self.media_probe,
                                              self.cue_checker, self.midi_probe)
        return self._songs[path]

    def exercise(self, named: Path) -> Exercise | None:
        path = self._resolved(named)
        if path is None:
            return None
        if path not in self._exercises:
            self._exercises[path] = None
            tree = self._tree(named)
            if tree is not None:
                self._exercises[path] = self._read_exercise(tree, path)
        return self._exercises[path]

    def resolve(self, kind: str, node: Node, path: str, base: Path) -> Path | None:
        ref = self.ck.text(node, path, 300)
        if ref is None:
            return None
        if not (ref.endswith(".yaml") or ref.endswith(".yml")) and not ID_PATTERN.match(ref):
            self.ck.error(node, path, tr("'{ref}' is not an id (the file name without .yaml) nor a path ending in .yaml", ref=ref))
            return None
        if any(len(part.encode("utf-8")) > 250 for part in ref.split("/")):
            self.ck.error(node, path, tr("'{ref}...': a file name that long is not allowed (too long: at most 250 bytes)", ref=ref[:40]))
            return None
        found, places = self.library.find(kind, ref, base)
        if found is None:
            folder = "songs" if kind == "song" else "exercises"
            looked = "; ".join(str(p) for p in places)
            if kind == "song" and ref in PROTECTED_SONGS:
                self.ck.error(node, path, tr('{PROTECTED_SONGS}. If the choir has its own copy, put it in {folder}/{ref}.yaml beside the session or in a library folder (library: in your settings; `helsekor init` makes one)', PROTECTED_SONGS=tr(PROTECTED_SONGS[ref]), folder=folder, ref=ref))
                return None
            self.ck.error(node, path, tr("no {kind} '{ref}' (looked in: {looked}). Put its file in {folder}/ beside the session or in a library folder (library: in your settings; `helsekor init` makes one)", kind=tr(kind), ref=ref, looked=looked, folder=folder))
        return found

    # --- exercises --------------------------------------------------------------------
    def _read_exercise(self, root: Node, path: Path) -> Exercise | None:
        def find_song(node: Node) -> Song | None:
            song_path = self.resolve("song", node, "song", path)
            return self.song(song_path) if song_path else None
        return read_exercise(self.ck, root, path, find_song)

    # --- sessions ---------------------------------------------------------------------
    def session(self, named: Path) -> Session | None:
        path = self._resolved(named)
        if path is None:
            return None
        root = self._tree(named)
        if root is None:
            return None
        ck = self.ck
        m = ck.mapping(root, "", required=("version", "title", "steps"), optional=("defaults",))
        if m is None:
            return None
        check_version(ck, m)
        title = ck.text(m["title"], "title", 200) if "title" in m else None
        defaults = {"tempo_scale": 1.0, "transpose": 0, "language": ""}
        if "defaults" in m:
            d = ck.mapping(m["defaults"], "defaults", (), ("tempo_scale", "transpose", "language"))
            if d:
                if "tempo_scale" in d:
                    defaults["tempo_scale"] = ck.number(d["tempo_scale"], "defaults.tempo_scale", 0.5, 1.5) or 1.0
                if "transpose" in d:
                    defaults["transpose"] = ck.number(d["transpose"], "defaults.transpose", -12, 12, integer=True) or 0
                if "language" in d:
                    defaults["language"] = ck.text(d["language"], "defaults.language", 10) or ""
        steps: list[Step] = []
        for i, item in enumerate(ck.sequence(m["steps"], "steps", 1) or [] if "steps" in m else []):
            step = self._step(item, f"steps[{i}]", len(steps), path, defaults)
            if step is not None:
                steps.append(step)
        if title is None:
            return None
        return Session(path=path, title=title, language=str(defaults["language"]), steps=tuple(steps))

    def _step(self, node: Node, p: str, index: int, base: Path, defaults: dict) -> Step | None:
        ck = self.ck
        before = len(ck.problems)
        m = ck.mapping(node, p, (), STEP_KINDS + STEP_KEYS)
        if m is None:
            return None
        kinds = [k for k in STEP_KINDS if k in m]
        if len(kinds) != 1:
            what = "none" if not kinds else " and ".join(kinds)
            ck.error(node, p, tr('a step is exactly one of: {STEP_KINDS} (found {what})', STEP_KINDS=', '.join(STEP_KINDS), what=what))
            return None
        kind = kinds[0]
        get = m.get
        title = ck.text(m["title"], join(p, "title"), 200) if "title" in m else None
        subtitle = ck.text(m["subtitle"], join(p, "subtitle"), 300) if "subtitle" in m else ""
        note = ck.text(m["note"], join(p, "note"), 500) if "note" in m else ""
        duration = ck.duration(m["duration"], join(p, "duration")) if "duration" in m else None
        repeats = ck.number(m["repeats"], join(p, "repeats"), 1, 100, integer=True) if "repeats" in m else None
        scale = ck.number(m["tempo_scale"], join(p, "tempo_scale"), 0.5, 1.5) if "tempo_scale" in m else defaults["tempo_scale"]
        transpose = ck.number(m["transpose"], join(p, "transpose"), -12, 12, integer=True) if "transpose" in m else defaults["transpose"]
        then = ck.choice(m["then"], join(p, "then"), ("next", "hold")) if "then" in m else None
        cues = read_cues(ck, m["cues"], join(p, "cues"), self.cue_checker) if "cues" in m else ()
        backing_asked = ck.choice(m["backing"], join(p, "backing"), ("midi", "audio", "none")) if "backing" in m else None
        lead = ck.choice(m["lead"], join(p, "lead"), LEAD_MODES) if "lead" in m else None
        song = exercise = video = None
        text = ""
        if kind == "song":
            sp = self.resolve("song", m["song"], join(p, "song"), base)
            song = self.song(sp) if sp else None
        elif kind == "exercise":
            ep = self.resolve("exercise", m["exercise"], join(p, "exercise"), base)
            exercise = self.exercise(ep) if ep else None
            song = exercise.song if exercise else None
        elif kind == "video":
            name = ck.text(m["video"], join(p, "video"), 500)
            if name:
                video = media_file(ck, m["video"], join(p, "video"), base, name, "video")
                if video is not None and self.media_probe is not None:
                    problem = self.media_probe(video)
                    if problem:
                        ck.error(m["video"], join(p, "video"), problem)
        else:
            text = ck.text(m[kind], join(p, kind), 300) or ""
            if kind == "pause" and "duration" not in m:
                ck.error(node, p, tr("a pause needs a 'duration' (such as 10min)"))
        for key in ("verses",):
            if key in m and song is None and len(ck.problems) == before:
                ck.error(m[key], join(p, key), tr('only a song (or an exercise with a song) has verses'))
        verses = self._verses(get("verses"), join(p, "verses"), song)
        if "repeats" in m and kind not in ("exercise",):
            ck.error(m["repeats"], join(p, "repeats"), tr("only an exercise repeats (for a song, choose 'verses')"))
        backing = "none"
        if song is not None:
            backing = "midi" if song.midi else "audio" if song.audio else "none"
            if backing_asked is not None:
                if backing_asked == "midi" and song.midi is None:
                    ck.error(m["backing"], join(p, "backing"), tr("the song '{id}' has no midi file", id=song.id))
                elif backing_asked == "audio" and song.audio is None:
                    ck.error(m["backing"], join(p, "backing"), tr("the song '{id}' has no audio file", id=song.id))
                backing = backing_asked
        elif backing_asked not in (None, "none"):
            ck.error(m["backing"], join(p, "backing"), tr('only a song (or an exercise with a song) has backing'))
        if lead not in (None, "backing") and song is None:
            ck.error(m["lead"], join(p, "lead"), tr('only a song (or an exercise with a song) can be led live'))
        if len(ck.problems) > before:
            return None
        if (kind == "song" and song is None) or (kind == "exercise" and exercise is None):
            # its file is broken and was listed where a step before named it: this step says so
            ck.error(m[kind], join(p, kind), tr("the song or exercise it names has problems (listed at the step that "
                                                "first names it)"))
            return None
        if title is None:
            title = song.title if kind == "song" else exercise.title if exercise else (
                video.stem if video else text)
        if kind == "exercise" and exercise is not None and repeats is None:
            repeats = exercise.repeats
        default_then = "next" if kind == "exercise" else "hold"
        step = Step(index=index, kind=kind, title=title, file=node.file, line=node.line, text=text,
                    subtitle=subtitle or "", note=note or "", duration=duration, repeats=repeats,
                    tempo_scale=scale or 1.0, transpose=transpose or 0, verses=verses, backing=backing,
                    then=then or default_then, song=song, exercise=exercise, video=video, lead=lead or "backing",
                    cues=cues)
        return with_plan(step, self.count_in_bars)

    def _verses(self, node: Node | None, p: str, song: Song | None) -> tuple[int, ...] | None:
        if node is None or song is None:
            return None
        items = self.ck.sequence(node, p, 1)
        if items is None:
            return None
        total = song.verse_count
        out: list[int] = []
        for i, item in enumerate(items):
            n = self.ck.number(item, f"{p}[{i}]", 1, max(1, total), integer=True)
            if n is not None:
                if n in out:
                    self.ck.error(item, f"{p}[{i}]", tr('verse {n} is named twice', n=n))
                out.append(int(n))
        return tuple(sorted(out))


MAX_PROBLEMS = 100   # nobody reads more; a 100 000-item list of wrong steps must not print them all


def _raise(loader: Loader) -> None:
    if loader.ck.problems:
        problems = _sorted(loader.ck.problems)
        if len(problems) > MAX_PROBLEMS:
            last = problems[MAX_PROBLEMS]
            more = len(problems) - MAX_PROBLEMS
            problems = problems[:MAX_PROBLEMS] + [Problem(last.file, last.line, last.column, "",
                                                          tr('... and {more} more problems like these (fix these first)', more=more))]
        raise ScriptError(problems)


def _sorted(problems: list[Problem]) -> list[Problem]:
    """Each problem once, in the order found."""
    return list(dict.fromkeys(problems))


def load_session(path: Path | str, library: Library | None = None, count_in_bars: int = 1,
                 midi_lyrics_reader=None, media_probe=None, cue_checker=None, midi_probe=None) -> Session:
    """Load and check a session and everything it names. Raises ScriptError listing every problem.

    The callables check what needs a device library (injected, so the core stays pure):
    ``midi_lyrics_reader(path, meter)`` for ``lyrics: from-midi``, ``media_probe(path)`` for audio
    and video files, ``midi_probe(path)`` for MIDI files, ``cue_checker(spec)`` for MIDI cues."""
    path = Path(path)
    loader = Loader(library or Library.for_session(path), count_in_bars, midi_lyrics_reader, media_probe,
                    cue_checker, midi_probe)
    session = loader.session(path)
    _raise(loader)
    if session is None:  # pragma: no cover - a None session always comes with a problem
        raise ScriptError.single(str(path), tr('the session could not be read'))
    return session


def load_song(path: Path | str, library: Library | None = None, midi_lyrics_reader=None) -> Song:
    path = Path(path)
    loader = Loader(library or Library.for_session(path), midi_lyrics_reader=midi_lyrics_reader)
    song = loader.song(path)
    _raise(loader)
    assert song is not None
    return song


def load_exercise(path: Path | str, library: Library | None = None) -> Exercise:
    path = Path(path)
    loader = Loader(library or Library.for_session(path))
    ex = loader.exercise(path)
    _raise(loader)
    assert ex is not None
    return ex
