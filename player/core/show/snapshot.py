"""What every view shows, for one frame: an immutable snapshot made by the runner.

The projector view, the pianist view, the headless renderer and the tests all draw from the
same :class:`Snapshot`. Every string in it is final text for the screen (already in the
session's language); views only lay it out. Times are seconds, beats are quarter notes.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "SCENES",
    "LyricLine",
    "Pulse",
    "Breath",
    "Overlay",
    "PianistInfo",
    "Notice",
    "RunSheetRow",
    "SHOW_STATES",
    "Snapshot",
]

#: What ``Snapshot.show_state`` can say (blank is ``Snapshot.blank``, on top of any of these).
SHOW_STATES = ("playing", "paused", "panic", "held", "finished")

#: Scene kinds a snapshot can ask for.
SCENES = (
    "title",        # welcome / title / closing card: title, subtitle
    "pause",        # pause card with countdown_text
    "instruction",  # timed exercise: title, body sentences, picture, optional countdown
    "breathing",    # breathing pacer: breath
    "pulse",        # imitation on a beat: pulse, call_response, body (the pattern)
    "lyrics",       # song: lines, section_label, cue, pulse in a corner
    "video",        # a clip plays in the window; the view draws nothing over it
    "next_up",      # between steps: "Neste: ..." (title = what comes next)
    "songbook",     # the songs that can be picked: title, body = "1  Fader Jakob", ...
)


@dataclass(frozen=True)
class LyricLine:
    """A lyric line as shown. ``state`` is past, current, next or upcoming.

    ``highlight_chars`` is how many characters of ``text`` are sung already (word mode) or
    all of them for the current line (line mode); 0 for lines not yet sung.
    ``chords`` are (character index in ``text``, chord name), for the pianist view.
    """

    text: str
    state: str
    highlight_chars: int = 0
    chords: tuple[tuple[int, str], ...] = ()
    start_beat: float = 0.0


@dataclass(frozen=True)
class Pulse:
    """The beat as heard now. ``phase`` runs 0→1 through the current beat."""

    bpm: float
    beats_per_bar: int
    beat_in_bar: int          # 0-based; 0 is the downbeat (accented)
    phase: float
    bar: int                  # 1-based; 0 or less while counting in
    count_in: int | None = None   # the number to show while counting in (1, 2, 3, 4), else None
    meter: str = "4/4"


@dataclass(frozen=True)
class Breath:
    """The breathing pacer. ``size`` (0–1) moves continuously: up on inhale, down on exhale."""

    phase: str                # inhale | exhale | sound | hold
    label: str                # "Pust inn", "Pust ut", "Aaa…"
    progress: float           # 0→1 through this phase
    size: float               # 0 = smallest shape, 1 = largest
    count: int                # whole seconds left in this phase (counting down to 1)
    cycle: int                # 1-based
    cycles: int


@dataclass(frozen=True)
class Overlay:
    """The conductor overlay (Tab): where we are and what comes next."""

    step_text: str            # "Steg 4 av 12"
    elapsed_text: str         # "12:30 av planlagt 45:00"
    next_text: str            # "Neste: Ro, ro, ro din båt"
    tempo_text: str           # "Tempo 90 % · Transponering +2"
    warnings: tuple[str, ...] = ()      # this step's warnings (drawn with ⚠)
    done: tuple[str, ...] = ()          # this step's confirmations («Gjentar Refreng én gang til»)


@dataclass(frozen=True)
class PianistInfo:
    """What the pianist (and the operator) needs beyond the participants' view."""

    key: str = ""                       # after transposition: "A"
    key_text: str = ""                  # "A (G +2)" when transposed, else the key
    bpm: float = 0.0                    # felt beats per minute as heard or led (dotted quarters in 6/8)
    meter: str = ""                     # "3/4"
    bar_beat: str = ""                  # "12:3" (bar 12, beat 3); "" while counting in or by hand
    count_in: int | None = None         # the count-in number (1, 2, 3, …) while counting in
    lead_mode: str = ""                 # manual | backing | pedal | tap | midi-clock
    lead_text: str = ""                 # "Tapp-tempo leder"
    next_steps: tuple[str, ...] = ()    # the next step and the one after it
    elapsed_text: str = ""              # "12:30 / 45:00" (session, elapsed against planned)
    step_text: str = ""                 # "Steg 4 av 12 · 1:20 / 2:30"
    order: tuple[tuple[str, str], ...] = ()   # sections as sung: (label, past|current|coming)
    changes: tuple[str, ...] = ()       # live adjustments made in this song ("Gjentar Refreng")
    tempo_text: str = ""                # "Tempo 90 % · Transponering +2"
    range: str = ""                     # the melody's range, when the song gives it
    first_note: str = ""                # the first sung note after transposition ("D4"), for singing in
    follow_confidence: float | None = None   # lead: follow: how sure the score follower is (0–1)


@dataclass(frozen=True)
class Notice:
    """A notice for the conductor: ``kind`` is ``warning`` (something failed or was refused) or
    ``done`` (a confirmation: «Gjentar Vers 1 av 2 én gang til»); ``step`` is the session step
    (0-based) it was raised in, -1 before the first; ``at`` is show seconds when it was posted."""

    text: str
    kind: str = "warning"
    step: int = -1
    at: float = 0.0


@dataclass(frozen=True)
class RunSheetRow:
    """One step of the run sheet, planned against actual. ``actual_s`` is the time spent on
    the step (so far, for the current one; None when not reached); ``state`` is past, current
    or coming (a step skipped over by a jump stays coming)."""

    number: int                 # 1-based, as the plan counts
    title: str
    kind: str                   # text | pause | exercise | song | video
    planned_s: float
    actual_s: float | None
    state: str


@dataclass(frozen=True)
class Snapshot:
    scene: str
    step_index: int = 0                 # 0-based
    step_count: int = 0
    title: str = ""
    subtitle: str = ""
    body: tuple[str, ...] = ()          # instruction sentences or the imitation pattern
    picture: Path | None = None
    countdown_text: str = ""            # "Vi starter igjen om 8 min", "1:30"
    lines: tuple[LyricLine, ...] = ()   # at most four, in display order
    section_label: str = ""             # "Vers 2 av 3", "Refreng"
    song_lines: tuple[str, ...] = ()    # every line of the song, so one text size fits the whole song
    cue: str = ""                       # movement cue for movement songs
    pulse: Pulse | None = None
    breath: Breath | None = None
    call_response: str = ""             # "Jeg" / "Alle" in an imitation exercise
    next_title: str = ""                # what comes after this step
    blank: bool = False                 # the conductor blanked the screen
    notices: tuple[str, ...] = ()       # short notices for the conductor (never tracebacks)
    overlay: Overlay | None = None      # shown while the conductor holds it open
    paused: bool = False
    # the question before the show ends (Next on the closing card): the lines to draw on a
    # calm card of their own, as for Ctrl+Q; () when nothing is asked
    confirm_quit: tuple[str, ...] = ()
    # pianist extras (also useful for the overlay)
    key: str = ""
    tempo_scale: float = 1.0
    transpose: int = 0
    lead_mode: str = ""
    pianist: PianistInfo | None = None  # made every frame by the runner for the pianist view
    # -- for the console (the conductor's screen); the projector never draws these -------------
    show_state: str = "playing"         # one of SHOW_STATES: plays, paused (StartPause), panic (Esc), ...
    notes: tuple[str, ...] = ()         # the current step's ``note:`` lines (for the conductor only)
    notice_items: tuple[Notice, ...] = ()    # the notices of this step still fresh (``notices`` are their texts)
    notice_history: tuple[Notice, ...] = ()  # the last few notices of the session, oldest first, whatever their age
    run_sheet: tuple[RunSheetRow, ...] = ()  # every session step, planned against actual
    drift_s: float = 0.0                # seconds behind the plan (negative: ahead)
    # -- for the projector ----------------------------------------------------------------------
    # a calm card's line instead of the scene (panic, or a pause when options.pause_card): the
    # participants see the step's title and this, never lyrics frozen mid-word; "" otherwise
    calm_text: str = ""
    intro: bool = False                 # a song before its first sung line: the projector shows its title
    song_cues: tuple[str, ...] = ()     # every movement cue of the song, so one lyric size fits the whole song
