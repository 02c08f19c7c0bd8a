"""The needle-EMG sound models' parameters (``data/emg.toml``) as typed records, checked by the one
loader (``muscletwitch.schema``). Standard library only; the numpy generators are in
``muscletwitch.emg``."""

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import Literal

from .errors import FieldError, UnknownIdError
from .model import ids
from .parameters import Cited, Range
from .schema import Table, data_folder, load_tables
from .taxonomy import load_taxonomy

Firing = Literal["recruitment", "irregular", "regular", "bursts", "waxing-waning", "decrementing"]
Waveform = Literal["muap", "spike", "positive-wave"]

# what each kind of firing needs besides rate_hz (the comment at the top of emg.toml explains them)
NEEDS: dict[str, tuple[str, ...]] = {
    "recruitment": ("recruit_at_hz",),
    "irregular": (),
    "regular": (),
    "bursts": ("burst_hz", "burst_size"),
    "waxing-waning": ("run_s", "peak_at"),
    "decrementing": ("run_s", "burst_hz", "decrement"),
}


@dataclass(frozen=True, slots=True)
class Audio(Cited):
    """How every pattern is generated and shown: sample rate, clip, zoom window, hiss."""

    fs_hz: int = field(metadata={"min": 2000})
    clip_s: float = field(metadata={"min": 0.5})
    zoom_ms: float = field(metadata={"min": 10})
    noise: float = field(metadata={"min": 0})


@dataclass(frozen=True, slots=True)
class Pattern(Cited):
    """One classic needle-EMG pattern: what it sounds like and how the model generates it."""

    id: str
    name: str
    description: str  # one sentence for a reader who cannot hear it
    sounds_like: str  # the comparison clinicians use
    meaning: str  # what the finding tells an electromyographer
    firing: Firing
    waveform: Waveform
    width_ms: float = field(metadata={"min": 0.5})
    amplitude: float = field(metadata={"min": 0})
    rate_hz: Range = field(metadata={"min": 0.01})
    phenomenon: str | None = field(default=None, metadata=ids("phenomenon"))
    units: int = field(default=1, metadata={"min": 1})
    jitter_cv: float = field(default=0.0, metadata={"min": 0})
    recruit_at_hz: float | None = field(default=None, metadata={"min": 0.01})
    burst_hz: float | None = field(default=None, metadata={"min": 0.01})
    burst_size: tuple[int, int] | None = field(default=None, metadata={"min": 1})
    run_s: float | None = field(default=None, metadata={"min": 0.05})
    peak_at: float | None = field(default=None, metadata={"min": 0})
    decrement: float | None = field(default=None, metadata={"min": 0})

    def __post_init__(self) -> None:
        Cited.__post_init__(self)
        low, high = self.rate_hz
        if not low < high:
            raise FieldError("rate_hz", f"must be [low, high] with low < high, got {[low, high]}")
        for name in NEEDS[self.firing]:
            if getattr(self, name) is None:
                raise FieldError(name, f"a {self.firing!r} pattern needs {name}")
        if self.recruit_at_hz is not None and not low < self.recruit_at_hz < high:
            raise FieldError("recruit_at_hz", f"must lie inside rate_hz {[low, high]}")
        if self.burst_size is not None and self.burst_size[0] > self.burst_size[1]:
            raise FieldError("burst_size", "must be [fewest, most]")
        if self.peak_at is not None and not 0 < self.peak_at < 1:
            raise FieldError("peak_at", f"must be a fraction between 0 and 1, got {self.peak_at}")
        if self.decrement is not None and not 0 < self.decrement <= 1:
            raise FieldError("decrement", f"must be in (0, 1], got {self.decrement}")
        # two potentials of a train must not overlap: the fastest interval exceeds one potential
        if self.width_ms >= 1000 / high:
            raise FieldError(
                "width_ms", f"must be shorter than the fastest interval, {1000 / high:.3g} ms"
            )


TABLES = (
    Table("emg.toml", "audio", Audio, form="single"),
    Table("emg.toml", "pattern", Pattern, form="keyed"),
)


@dataclass(frozen=True)
class EmgData:
    """Everything ``emg.toml`` holds; ``patterns`` keyed by id, in file order."""

    audio: Audio
    patterns: MappingProxyType[str, Pattern]

    def pattern(self, pattern_id: str) -> Pattern:
        """The pattern ``pattern_id``; UnknownPatternError (a ValueError) with "did you mean"."""
        try:
            return self.patterns[pattern_id]
        except (KeyError, TypeError):
            raise UnknownPatternError(pattern_id, self.patterns) from None


class UnknownPatternError(UnknownIdError, ValueError):
    """An EMG pattern id the data does not know: a bad argument (ValueError) and an unknown id
    (UnknownIdError, a KeyError), with the close ids or the known ones in the message."""

    def __init__(self, given: object, known: object):
        super().__init__("EMG pattern", str(given), list(known))  # type: ignore[arg-type]


def load_emg(data_dir: str | Path | None = None) -> EmgData:
    """The EMG models' parameters (cached per folder), checked against that folder's taxonomy."""
    return _load(data_folder(data_dir))


@cache
def _load(folder: Path) -> EmgData:
    known = load_tables(folder, TABLES, load_taxonomy(folder).known)
    return EmgData(audio=known["audio"]["audio"], patterns=MappingProxyType(known["pattern"]))
