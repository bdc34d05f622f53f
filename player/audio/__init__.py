"""Audio and video backing through VLC, and the beat clock that follows the sound.

Nothing here imports libvlc until an engine is made (:class:`VlcEngine`), so the package can
be imported on machines without VLC.
"""

from .beatmap import BeatMap
from .fade import Fader, Ramp

from .media import probe_media
from .soundclock import SoundClock
from .vlcbacking import LEAD_BY_SUFFIX, VlcBacking
from .vlcengine import MISSING_VLC, VlcEngine, load_vlc, missing_vlc
from .video import VideoPlayer

__all__ = [
    "BeatMap", "Fader", "Ramp", "SoundClock", "VlcBacking", "LEAD_BY_SUFFIX", "VlcEngine",
    "load_vlc", "MISSING_VLC", "missing_vlc", "probe_media", "VideoPlayer",
]
