"""The score follower's state machine: where in the sung order is the pianist? Pure.

Each incoming note (pitch, time in seconds) is matched to one event of the score laid out in
sung order (:meth:`~player.core.time.lead.follow_score.Score.along`). The match is a local,
online alignment over note onsets, the cheapest of a few candidates ahead of (and a little
behind) the last matched event:

- *pitch*: a pitch of the event costs 0 (more, :data:`VOICE_COST`, when only a voice that is
  not being played holds it), the right pitch class in another octave :data:`OCTAVE_COST`;
  anything else is no match (a wrong note is left out, not followed);
- *skipped events*: every event passed over costs :data:`SKIP_COST` if its voice is being
  played (so a missed note costs little when the next ones match), much less when not: the
  follower learns whether the melody and the accompaniment are played (``voices``), so
  melody-only and accompaniment-only performances do not look like missed notes;
- *timing*: the gap since the last match against the gap the score expects at the present
  tempo (log ratio, capped), only while playing on (a pause, a fermata, say nothing);
- going back costs :data:`BACK_COST` per event (a wrong note matched too far ahead).

Notes within :data:`CHORD_S` of the last match that belong to its event are the same chord.
The tempo (seconds per sung beat) is a running mean of the matched gaps. Section jumps the
plan did not have (a repeat, a skipped verse): when the last :data:`RELOCATE_AFTER` notes all
went unmatched, the last :data:`RELOCATE_NOTES` notes are aligned from every part's start and
the best place wins if it explains them all: first the next :data:`NEAR_EVENTS` events (a
stretch the follower lost), then the parts' starts. Sections with the same notes (every verse of
a strophic song) cannot be told apart by ear: then the plan's order stands.

Between notes the position runs on at the tempo but stops just short of the next event the
pianist is expected to play: when the pianist stops, the lyrics wait. ``confidence`` (0–1) is
a running share of matched notes; ``lost`` is True while it is below :data:`LOST_BELOW`.
Times are the caller's clock seconds; the caller is one thread (the show's main thread).
"""

from __future__ import annotations

import math
from typing import Sequence

from player.core.time.lead.follow_score import SungEvent

__all__ = ["NoteFollower", "CHORD_S", "SKIP_COST", "LOST_BELOW"]

CHORD_S = 0.08            # notes this close (seconds) to the last match may belong to its event
OCTAVE_COST = 1.0
VOICE_COST = 1.5          # a pitch only a voice that is not being played holds (times 1 - its weight)
VOICE_RATE = 0.25         # how fast the follower learns which voices are played (per event passed)
SKIP_COST = 1.0
QUIET_SKIP_COST = 0.1     # an event of a voice that is not being played
BACK_COST = 1.2
TIMING_WEIGHT = 0.8
MAX_COST = 2.4
PAUSE_S = 2.5             # a gap this long (seconds) is a pause: timing says nothing
AHEAD_BEATS = 4.0         # how far ahead (sung beats, beyond the expected gap) candidates reach
RELOCATE_AFTER = 3
RELOCATE_NOTES = 6
RELOCATE_MIN = 4          # a new place must explain at least this many notes in a row
NEAR_EVENTS = 40         # relocating looks this many events ahead before the parts' starts
LOST_BELOW = 0.3
HOLD_BEATS = 0.02         # the position stops this short of the next expected event


class NoteFollower:
    def __init__(self, events: Sequence[SungEvent], seconds_per_beat: float):
        self.events: tuple[SungEvent, ...] = tuple(events)
        self.nominal_spb = seconds_per_beat
        self.spb = seconds_per_beat
        self.i = -1                         # index of the last matched event (-1: none yet)
        self.t_last: float | None = None
        self.u_last = self.events[0].u - HOLD_BEATS if self.events else 0.0
        self.heard: set[int] = set()
        self.voices = {"melody": 1.0, "accomp": 1.0}
        self.confidence = 1.0
        self.notes = 0
        self.matched = 0
        self.jumps = 0
        self.recent: list[tuple[float, int, bool]] = []     # (time, pitch, matched)
        self._starts = sorted({k for k, e in enumerate(self.events)
                               if k == 0 or self.events[k - 1].part != e.part})

    # ------------------------------------------------------------------ queries
    @property
    def lost(self) -> bool:
        return self.notes >= 8 and self.confidence < LOST_BELOW

    def expected(self, e: SungEvent) -> bool:
        return bool((e.melody and self.voices["melody"] > 0.35) or (e.accomp and self.voices["accomp"] > 0.35))

    def hold_u(self) -> float:
        """The sung beat the position waits at: just before the next expected event."""
        for k in range(self.i + 1, len(self.events)):
            if self.expected(self.events[k]):
                return max(self.u_last, self.events[k].u - HOLD_BEATS)
        return self.events[-1].u + 4.0 if self.events else self.u_last

    def u_at(self, now: float) -> float:
        """The sung beat at clock time ``now``."""
        if self.t_last is None:
            return self.u_last
        return min(self.u_last + max(0.0, now - self.t_last) / self.spb, self.hold_u())

    def part_at(self, u: float) -> int:
        k = max(0, self.i)
        return self.events[k].part if self.events else 0

    def beat_of(self, u: float) -> float:
        """The song's beat of sung beat ``u`` (near the last match)."""
        if not self.events:
            return u
        e = self.events[max(0, self.i)]
        return e.beat + (u - e.u)

    # ------------------------------------------------------------------ input
    def feed(self, pitch: int, t: float) -> bool:
        """A note-on at clock time ``t``; True when it was matched to the score."""
        self.notes += 1
        before = self.i
        chord = self._chord(pitch, t)
        ok = chord or self._match(pitch, t)
        self.confidence += 0.12 * ((1.0 if ok else 0.0) - self.confidence)
        # a match that went back is doubtful too, and so is playing on past the last event
        # (a note of the same chord is as good as the chord's first note)
        if chord:
            good = self.recent[-1][2] if self.recent else True
        else:
            good = ok and self.i > before
        self.recent.append((t, pitch, good))
        del self.recent[:-RELOCATE_NOTES]
        if ok:
            self.matched += 1
        if not good and len(self.recent) >= RELOCATE_AFTER + 1 and \
                sum(1 for _, _, m in self.recent[-RELOCATE_AFTER - 1:] if not m) >= RELOCATE_AFTER:
            self._relocate()
        return ok

    def _chord(self, pitch: int, t: float) -> bool:
        if self.i < 0 or self.t_last is None or t - self.t_last > CHORD_S:
            return False
        e = self.events[self.i]
        if pitch in e.pitches:          # a pitch may sound twice (melody and accompaniment)
            self.heard.add(pitch)
            return True
        return False

    def _match(self, pitch: int, t: float) -> bool:
        ev = self.events
        gap = None if self.t_last is None else t - self.t_last
        observed = None if gap is None or gap > PAUSE_S else gap / self.spb
        reach = self.u_last + AHEAD_BEATS + (observed or 0.0)
        best, best_k = MAX_COST, -1
        skip = 0.0
        # a note within a chord's spread of the last match that is not in its chord is a wrong
        # note of that chord, or the very next event (a fast run): nothing further
        last = self.i + 1 if gap is not None and gap <= CHORD_S else len(ev) - 1
        for k in range(max(0, self.i - 2), min(len(ev), last + 1)):
            e = ev[k]
            if k > self.i and e.u > reach:
                break
            if k == self.i:
                continue
            cost = self._pitch_cost(pitch, e)
            if k < self.i:
                if cost is not None:
                    cost += BACK_COST * (self.i - k)
            else:
                if cost is not None:
                    cost += skip
                    if observed is not None:
                        d = e.u - self.u_last
                        cost += TIMING_WEIGHT * min(abs(math.log((observed + 0.1) / (d + 0.1))), math.log(4.0))
                # before the first match the pianist may start anywhere in the first bars
                skip += SKIP_COST if self.expected(e) and self.i >= 0 else QUIET_SKIP_COST
            if cost is not None and cost < best:
                best, best_k = cost, k
        if best_k < 0:
            return False
        self._go(best_k, t, pitch)
        return True

    def _pitch_cost(self, pitch: int, e: SungEvent) -> float | None:
        """0 for a pitch of a voice being played; more for a voice that is not (a melody note
        that only an accompaniment chord holds, when only the melody is played); None: no match."""
        if pitch in e.pitches:
            w = max(self.voices["melody"] if pitch in e.melody else 0.0, self.voices["accomp"] if pitch in e.accomp else 0.0)
            return VOICE_COST * (1.0 - w)
        if pitch % 12 in e.classes and any(abs(pitch - x) <= 12 for x in e.pitches):
            return OCTAVE_COST
        return None

    def _go(self, k: int, t: float, pitch: int) -> None:
        e = self.events[k]
        if k > self.i:
            if self.i >= 0:
                self._leave(self.events[self.i], self.heard)
            for j in range(self.i + 1, k):         # passed over: its voices were not heard
                self._leave(self.events[j], set())
            if self.t_last is not None and 0 <= self.i:
                d, gap = e.u - self.u_last, t - self.t_last
                if d >= 0.2 and gap < PAUSE_S:
                    r = gap / d
                    if 0.5 * self.spb < r < 2.0 * self.spb:
                        self.spb += 0.3 * (r - self.spb)
                        self.spb = min(2.0 * self.nominal_spb, max(0.5 * self.nominal_spb, self.spb))
        self.i, self.t_last, self.u_last = k, t, e.u
        self.heard = {pitch}

    def _leave(self, e: SungEvent, heard: set[int]) -> None:
        """Moving on from ``e``: which of its voices were heard (``voices`` learns from it)."""
        for name, notes in (("melody", e.melody - e.accomp), ("accomp", e.accomp - e.melody)):
            if notes:                 # only what this voice alone plays tells whether it is played
                hit = 1.0 if heard & notes else 0.0
                self.voices[name] += VOICE_RATE * (hit - self.voices[name])

    # ------------------------------------------------------------------ jumps
    def seek_part(self, part: int, now: float) -> None:
        """Go on from the start of ``part`` (the plan jumped there)."""
        for k, e in enumerate(self.events):
            if e.part == part:
                self.i, self.t_last, self.u_last = k - 1, now, e.u - HOLD_BEATS
                self.heard = set()
                return

    def _relocate(self) -> None:
        tail = []                       # the notes since the last good match
        for _, p, good in reversed(self.recent):
            if good:
                break
            tail.insert(0, p)
        notes = tail
        if len(notes) < RELOCATE_MIN:
            return
        best, best_end = 0, None
        here_part = self.events[max(0, self.i)].part if self.events else 0
        # ties go to the next parts first, then this one, then the earlier ones (latest first):
        # sections with the same notes keep the plan's order, and a verse played once more at
        # the end is the last verse again
        later = [s for s in self._starts if self.events[s].part > here_part]
        same = [s for s in self._starts if self.events[s].part == here_part]
        earlier = [s for s in reversed(self._starts) if self.events[s].part < here_part]
        # and first of all, the next few bars from here (a stretch the follower lost)
        near = list(range(max(0, self.i + 1), min(len(self.events), self.i + 1 + NEAR_EVENTS)))
        for s in near + later + same + earlier:
            score, end = self._align(s, notes)
            if score > best:
                best, best_end = score, end
        here, _ = self._align(max(0, self.i + 1), notes)
        if best_end is not None and best >= len(notes) and best > here and best_end != self.i:
            t = self.recent[-1][0]
            e = self.events[best_end]
            self.i, self.t_last, self.u_last, self.heard = best_end, t, e.u, {notes[-1]}
            self.jumps += 1
            self.recent = [(tt, p, True) for tt, p, _ in self.recent[-len(notes):]]

    def _align(self, start: int, notes: list[int]) -> tuple[int, int | None]:
        """Greedy: how many of ``notes`` match in turn from event ``start`` on (each may pass
        over one event); and the index of the last event matched."""
        k, score, last = start, 0, None
        for p in notes:
            for j in range(k, min(k + 2, len(self.events))):
                if p in self.events[j].pitches:
                    score, last, k = score + 1, j, j
                    break
        return score, last
