"""The physiology models' parameters (``data/signatures.toml``) as typed, named records, checked by
the one loader (``muscletwitch.schema``): ``physiology.SIGNATURES["tremor"].frequency_hz``.
Standard library only; the numpy models are in ``muscletwitch.physiology``."""

from dataclasses import dataclass, field, fields
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import Any, Literal

from .errors import FieldError
from .model import Extent, ids
from .schema import Table, data_folder, load_tables
from .taxonomy import load_taxonomy

Range = tuple[float, float]
_ABOUT = ("sources", "illustrative", "note", "id")  # what a table says about itself


@dataclass(frozen=True, slots=True)
class Cited:
    """What every parameter table says: its sources, and whether its numbers only illustrate."""

    sources: tuple[str, ...] = field(metadata=ids("source", least=1))
    illustrative: bool  # true exactly when `sources` lists "illustrative"
    note: str  # which numbers are cited and which are illustrative

    def __post_init__(self) -> None:
        if self.illustrative != ("illustrative" in self.sources):
            raise FieldError(
                "illustrative", "must be true exactly when 'sources' lists \"illustrative\""
            )


@dataclass(frozen=True, slots=True)
class Train(Cited):
    """Defaults of a discharge train."""

    refractory_ms: float = field(metadata={"min": 0})
    jitter_cv: float = field(metadata={"min": 0})


@dataclass(frozen=True, slots=True)
class Twitch(Cited):
    """One motor-unit twitch."""

    contraction_ms_range: Range
    contraction_ms: float = field(metadata={"min": 0})
    kernel_length_contractions: float = field(metadata={"min": 1})


@dataclass(frozen=True, slots=True)
class Tremor(Cited):
    """Frequency range (Hz) of each tremor type; a new type is a new ``<type>_hz`` field."""

    physiological_hz: Range
    essential_hz: Range
    parkinsonian_hz: Range
    holmes_hz: Range
    orthostatic_hz: Range

    def ranges(self) -> dict[str, Range]:
        """tremor type -> (low, high) Hz, in declaration order."""
        return {
            f.name.removesuffix("_hz"): getattr(self, f.name)
            for f in fields(self)
            if f.name.endswith("_hz")
        }


@dataclass(frozen=True, slots=True)
class Clonus(Cited):
    """Measured beat frequency of clonus (Hz), which the clonus signature must stay inside."""

    beat_hz: Range


@dataclass(frozen=True, slots=True)
class ExtentModel(Cited):
    """How much of a muscle one event involves: ``units`` firing once each."""

    id: Extent
    units: int = field(metadata={"min": 1})
    unit_force: float = field(metadata={"min": 0})  # multiples of one motor-unit twitch
    dispersion_ms: float = field(metadata={"min": 0})
    visible: bool  # whether the movement shows through the skin


@dataclass(frozen=True, slots=True)
class Signature(Cited):
    """The activity typical of one phenomenon (see the comment in ``signatures.toml``)."""

    id: str = field(metadata=ids("phenomenon"))
    shape: Literal["twitch", "jerk", "spike", "oscillation", "stretch"]
    amplitude: float = field(metadata={"min": 0})
    train: Literal["regular", "irregular"] | None = None
    rate_hz: float | None = field(default=None, metadata={"min": 0})
    refractory_ms: float | None = field(default=None, metadata={"min": 0})
    jitter_cv: float | None = field(default=None, metadata={"min": 0})
    burst_size: tuple[int, int] | None = field(default=None, metadata={"min": 1})
    burst_gap_ms: float | None = field(default=None, metadata={"min": 0})
    window: Range | None = None  # fractions of the duration
    contraction_ms: float | None = field(default=None, metadata={"min": 0})
    width_ms: float | None = field(default=None, metadata={"min": 0})
    frequency_hz: float | None = field(default=None, metadata={"min": 0})
    phase_drift_rad_per_sqrt_s: float | None = field(default=None, metadata={"min": 0})
    scale: Literal["event", "trace"] = "event"  # what peaks at `amplitude`
    # "stretch" (spasticity, rigidity): passive stretches and the resistance to them
    stretch_velocities_deg_s: tuple[float, ...] | None = field(default=None, metadata={"min": 0})
    stretch_range_deg: float | None = field(default=None, metadata={"min": 0})
    baseline: float | None = field(default=None, metadata={"min": 0})
    velocity_gain: float | None = field(default=None, metadata={"min": 0})
    ramp_ms: float | None = field(default=None, metadata={"min": 0})
    cogwheel_hz: float | None = field(default=None, metadata={"min": 0})
    cogwheel_depth: float | None = field(default=None, metadata={"min": 0})

    def __post_init__(self) -> None:
        Cited.__post_init__(self)
        need = {
            "twitch": ("contraction_ms",),
            "jerk": ("width_ms",),
            "spike": ("width_ms",),
            "oscillation": ("frequency_hz", "phase_drift_rad_per_sqrt_s"),
            "stretch": (
                "stretch_velocities_deg_s",
                "stretch_range_deg",
                "baseline",
                "velocity_gain",
                "ramp_ms",
            ),
        }[self.shape]
        if self.shape != "oscillation":
            need += ("train", "rate_hz")
        if self.burst_size is not None:
            need += ("burst_gap_ms",)
        for name in need:
            if getattr(self, name) is None:
                raise FieldError(name, f"a {self.shape!r} signature needs {name}")
        if self.window is not None and not 0 <= self.window[0] < self.window[1] <= 1:
            problem = f"must be [start, stop] with 0 <= start < stop <= 1, got {list(self.window)}"
            raise FieldError("window", problem)

    @property
    def model(self) -> dict[str, Any]:
        """The model's parameters: the fields that are set, without sources and notes."""
        return {
            f.name: getattr(self, f.name)
            for f in fields(self)
            if f.name not in _ABOUT and getattr(self, f.name) is not None
        }


TABLES = (
    Table("signatures.toml", "train", Train, form="single"),
    Table("signatures.toml", "twitch", Twitch, form="single"),
    Table("signatures.toml", "tremor", Tremor, form="single"),
    Table("signatures.toml", "clonus", Clonus, form="single"),
    Table("signatures.toml", "extent", ExtentModel, form="keyed"),
    Table("signatures.toml", "signature", Signature, form="keyed"),
)


@dataclass(frozen=True)
class Parameters:
    """Everything ``signatures.toml`` holds; ``extents`` and ``signatures`` are keyed by id."""

    train: Train
    twitch: Twitch
    tremor: Tremor
    clonus: Clonus
    extents: MappingProxyType[str, ExtentModel]
    signatures: MappingProxyType[str, Signature]


def load_parameters(data_dir: str | Path | None = None) -> Parameters:
    """The model parameters (cached per folder), checked against that folder's taxonomy."""
    return _load(data_folder(data_dir))


@cache
def _load(folder: Path) -> Parameters:
    known = load_tables(folder, TABLES, load_taxonomy(folder).known)
    return Parameters(
        train=known["train"]["train"],
        twitch=known["twitch"]["twitch"],
        tremor=known["tremor"]["tremor"],
        clonus=known["clonus"]["clonus"],
        extents=MappingProxyType(known["extent"]),
        signatures=MappingProxyType(known["signature"]),
    )
