"""Making the act of a step: what plays along (the backings decide), which live lead follows
the pianist, and a plain fallback when something fails. A fault while making is a notice and
the step goes on without what failed. Pure (devices come from ``backings``); main thread only.
"""

from __future__ import annotations

from typing import Callable, Protocol

from player.core.model.data import Song, Step
from player.core.model.tempomap import TempoMap
from player.core.show.acts import Act
from player.core.show.cards import BreathAct, CardAct, PulseAct, VideoAct
from player.core.show.options import ShowOptions
from player.core.show.songact import SongAct
from player.core.show.words import say
from player.core.time.backing import Backing
from player.core.time.clock import Clock
from player.core.time.lead import ClockLead, FollowLead, PedalLead, Score, TapLead, lead_text_key

__all__ = ["Backings", "NoBackings", "ActMaker", "LIVE_LEADS", "wish_step", "lead_mode"]

LIVE_LEADS = ("pedal", "tap", "midi-clock", "follow")


class Backings(Protocol):
    """Builds what plays along with a step. Any of these may raise; the runner copes.
    ``step_started`` sends a step's own start cues (only called for a step with cues)."""

    def song(self, step: Step) -> tuple[Backing | None, TempoMap | None]: ...
    def pulse(self, step: Step) -> Backing | None: ...
    def video(self, step: Step): ...
    def step_started(self, step: Step) -> None: ...
    def score(self, step: Step) -> Score | None: ...       # the notes a follower follows (lead: follow)


class NoBackings:
    """Nothing plays: songs advance by hand, exercises run on the plain transport."""

    def song(self, step):
        return None, None

    def pulse(self, step):
        return None

    def video(self, step):
        return None

    def step_started(self, step):
        return None

    def score(self, step):
        return None


def lead_mode(lead: Backing, wanted: str) -> str:
    """The mode a lead made for ``wanted`` really is: a follower without a score is the pedal."""
    return "pedal" if wanted == "follow" and not lead.abilities.notes_in else wanted


def wish_step(song: Song, index: int) -> Step:
    """A song picked from the songbook as a step of its own, sung after session step ``index``."""
    backing = "midi" if song.midi else "audio" if song.audio else "none"
    beats = song.beats_sung(None) + (song.meter.beats_per_bar if backing != "none" else 0)
    return Step(index=index, kind="song", title=song.title, file=str(song.path), line=1, song=song,
                backing=backing, then="hold", planned_seconds=beats * 60 / song.tempo)


class ActMaker:
    """``fault(what, err)`` reports a failure (what: final text for the conductor)."""

    def __init__(self, clock: Clock, texts: dict[str, str], options: ShowOptions, backings: Backings,
                 notify: Callable[[str], None], fault: Callable[[str, BaseException], None]):
        self.clock, self.texts, self.options, self.backings = clock, texts, options, backings
        self.notify, self.fault = notify, fault

    def make(self, step: Step, lead: str) -> Act:
        """The act of ``step``; ``lead`` is the song's lead mode (it may be switched live)."""
        kind = step.exercise.kind if step.exercise is not None else None
        base = (step, self.clock, self.texts, self.options, self.notify)
        if step.kind == "video":
            player = None
            try:
                player = self.backings.video(step)
            except Exception as err:  # noqa: BLE001 - a device fault must not stop the show
                self.fault(say(self.texts, "video_failed", title=step.title), err)
            return VideoAct(*base, player)
        if kind == "breathing":
            return BreathAct(*base)
        if kind == "pulse":
            backing = None
            try:
                backing = self.backings.pulse(step)
            except Exception as err:  # noqa: BLE001
                self.fault(say(self.texts, "pulse_silent"), err)
            return PulseAct(*base, backing)
        if step.song is not None:
            song = step.song
            bars = song.count_in_bars if song.count_in_bars is not None else self.options.count_in_bars
            if lead in LIVE_LEADS:
                beats = 0.0 if lead in ("pedal", "follow") else bars * song.meter.beats_per_bar
                act = SongAct(*base, None, None, count_in_beats=beats)
                new = self.lead(lead, act)
                act.attach(new, lead_mode(new, lead))
                return act
            backing, tempo_map = self.song_backing(step)
            beats = bars * song.meter.beats_per_bar if backing is not None else 0.0
            return SongAct(*base, backing, tempo_map, count_in_beats=beats)
        return CardAct(*base)

    def checked_lead(self, lead: str) -> str:
        """``lead``, unless it is a live lead with no input (then a notice, and the backing leads)."""
        if lead in LIVE_LEADS and lead not in self.options.lead_inputs:
            self.notify(say(self.texts, "lead_no_input", lead=say(self.texts, lead_text_key(lead))))
            return "backing"
        return lead

    def song_backing(self, step: Step) -> tuple[Backing | None, TempoMap | None]:
        """The backings decide: none for a song without backing, or when making it fails."""
        try:
            return self.backings.song(step)
        except Exception as err:  # noqa: BLE001
            self.fault(say(self.texts, "song_unbacked", title=step.title), err)
            return None, None

    def lead(self, mode: str, act: SongAct) -> Backing:
        """A live lead for ``act`` (pure: no device; input arrives as intents)."""
        tm, scale, end = act.tempo_map, act.scale, act.timeline.end_beat
        if mode == "follow":
            score = None
            try:
                score = self.backings.score(act.step)
            except Exception as err:  # noqa: BLE001 - the pedal leads instead
                self.fault(say(self.texts, "follow_no_score", title=act.step.title), err)
                return self.lead("pedal", act)
            if score is None or not score.events:
                self.notify(say(self.texts, "follow_no_score", title=act.step.title))
                return self.lead("pedal", act)
            return FollowLead(self.clock, tm, score, act.timeline.parts(), scale, end)
        if mode == "pedal":
            lines = act.timeline.lines
            return PedalLead(self.clock, tm, [ln.start for ln in lines], [ln.end for ln in lines], scale,
                             self.options.long_press_s, end)
        cls = TapLead if mode == "tap" else ClockLead
        return cls(self.clock, tm, scale, act.count_in_beats, end)

    def fallback(self, step: Step) -> Act:
        """A plain act: lyrics by hand, or the step's card."""
        base = (step, self.clock, self.texts, self.options, self.notify)
        act = SongAct(*base, None, None) if step.song is not None else CardAct(*base)
        act.start()
        return act
