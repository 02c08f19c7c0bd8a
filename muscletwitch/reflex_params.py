"""The stretch-reflex model's parameters (``data/reflex.toml``) as typed records, checked by the one
loader (``muscletwitch.schema``): the limb and the examiner's stretch, the reflex arc, and each tone
(normal, spasticity, rigidity, clonus). Standard library only; the numpy model is
``muscletwitch.reflex``."""

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from types import MappingProxyType

from .errors import FieldError, TaxonomyError
from .model import ids
from .parameters import Cited, Range
from .schema import Table, data_folder, load_tables
from .taxonomy import load_taxonomy

FILE = "reflex.toml"


def _positive(record: object, *names: str) -> None:
    for name in names:
        if not getattr(record, name) > 0:
            raise FieldError(name, f"must be a number > 0, got {getattr(record, name)!r}")


def _range(name: str, value: Range) -> None:
    if not 0 <= value[0] < value[1]:
        raise FieldError(name, f"must be [low, high] with 0 <= low < high, got {list(value)}")


@dataclass(frozen=True, slots=True)
class Limb(Cited):
    """The joint, the examiner's hand that stretches it, and the time grid of a simulation."""

    inertia_nm_s2_per_deg: float
    passive_stiffness_nm_per_deg: float = field(metadata={"min": 0})
    passive_damping_nm_s_per_deg: float = field(metadata={"min": 0})
    hand_stiffness_nm_per_deg: float
    hand_damping_nm_s_per_deg: float = field(metadata={"min": 0})
    stretch_range_deg: float
    ramp_ms: float
    onset_s: float = field(metadata={"min": 0})
    duration_s: float
    step_ms: float
    velocity_range_deg_s: Range
    sweep_velocities_deg_s: tuple[float, ...] = field(metadata={"min": 2})
    after_stretch_ms: float = field(metadata={"min": 0})
    settle_ms: float = field(metadata={"min": 0})
    last_ms: float

    def __post_init__(self) -> None:
        Cited.__post_init__(self)
        _positive(
            self,
            "inertia_nm_s2_per_deg",
            "hand_stiffness_nm_per_deg",
            "stretch_range_deg",
            "ramp_ms",
            "duration_s",
            "step_ms",
            "last_ms",
        )
        _range("velocity_range_deg_s", self.velocity_range_deg_s)
        if self.velocity_range_deg_s[0] <= 0:
            raise FieldError("velocity_range_deg_s", "the slowest stretch must be faster than 0")
        low, high = self.velocity_range_deg_s
        sweep = self.sweep_velocities_deg_s
        if list(sweep) != sorted(set(sweep)) or sweep[0] < low or sweep[-1] > high:
            raise FieldError(
                "sweep_velocities_deg_s",
                f"must rise and lie inside velocity_range_deg_s {list(self.velocity_range_deg_s)}",
            )
        slowest = self.onset_s + self.stretch_range_deg / low + self.ramp_ms / 1000
        hold = self.duration_s - slowest - self.settle_ms / 1000
        if hold < self.last_ms / 1000 or self.after_stretch_ms / 1000 > hold:
            raise FieldError(
                "duration_s",
                f"too short: the slowest stretch ends at {slowest:g} s, and the held stretch "
                "needs settle_ms, last_ms and after_stretch_ms after it",
            )


@dataclass(frozen=True, slots=True)
class Arc(Cited):
    """The reflex loop: muscle spindle (Ia) -> alpha motor neuron -> muscle, its delay and force."""

    delay_ms: float
    contraction_ms: float
    spindle_velocity_s: float = field(metadata={"min": 0})
    reflex_torque_nm: float
    rigid_torque_nm: float = field(metadata={"min": 0})
    rigid_velocity_deg_s: float
    gain_range: Range
    beat_floor_deg: float

    def __post_init__(self) -> None:
        Cited.__post_init__(self)
        _positive(
            self,
            "delay_ms",
            "contraction_ms",
            "reflex_torque_nm",
            "rigid_velocity_deg_s",
            "beat_floor_deg",
        )
        _range("gain_range", self.gain_range)


@dataclass(frozen=True, slots=True)
class Tone(Cited):
    """One state of muscle tone: the reflex's gain and threshold, and what is added to it."""

    id: str
    name: str
    summary: str  # what this tone shows and why, each claim from `sources`
    gain: float = field(metadata={"min": 0})  # Ia -> motor neuron
    threshold: float = field(metadata={"min": 0})  # Ia level at which the motor neurons fire
    phenomenon: str | None = field(default=None, metadata=ids("phenomenon"))
    clasp_knife: float = field(default=0.0, metadata={"min": 0})  # length-dependent inhibition
    clasp_knife_from: float = field(default=0.5, metadata={"min": 0})  # fraction of the range
    rigid: float = field(default=0.0, metadata={"min": 0})  # velocity-independent activation
    cogwheel_hz: float = field(default=0.0, metadata={"min": 0})
    cogwheel_depth: float = field(default=0.0, metadata={"min": 0})

    def __post_init__(self) -> None:
        Cited.__post_init__(self)
        if not self.clasp_knife_from < 1:
            raise FieldError("clasp_knife_from", f"must be below 1, got {self.clasp_knife_from}")
        if self.rigid > 1 or self.cogwheel_depth > 1:
            name = "rigid" if self.rigid > 1 else "cogwheel_depth"
            raise FieldError(name, f"must be between 0 and 1, got {getattr(self, name)}")
        if self.cogwheel_depth and not self.cogwheel_hz:
            raise FieldError("cogwheel_hz", "a cogwheel_depth needs a cogwheel_hz")


TABLES = (
    Table(FILE, "limb", Limb, form="single"),
    Table(FILE, "arc", Arc, form="single"),
    Table(FILE, "tone", Tone, form="keyed"),
)


@dataclass(frozen=True)
class ReflexParameters:
    """Everything ``reflex.toml`` holds; ``tones`` keyed by id, in file order."""

    limb: Limb
    arc: Arc
    tones: MappingProxyType[str, Tone]


def load_reflex(data_dir: str | Path | None = None) -> ReflexParameters:
    """The stretch-reflex parameters (cached per folder), checked against that folder's taxonomy."""
    return _load(data_folder(data_dir))


@cache
def _load(folder: Path) -> ReflexParameters:
    known = load_tables(folder, TABLES, load_taxonomy(folder).known)
    params = ReflexParameters(
        limb=known["limb"]["limb"],
        arc=known["arc"]["arc"],
        tones=MappingProxyType(known["tone"]),
    )
    low, high = params.arc.gain_range
    for tone in params.tones.values():
        if not low <= tone.gain <= high:
            raise TaxonomyError(
                f"{FILE}, tone {tone.id!r}, field 'gain': {tone.gain:g} lies outside the arc's "
                f"gain_range [{low:g}, {high:g}]"
            )
    if round(params.arc.delay_ms / params.limb.step_ms) < 1:
        raise TaxonomyError(
            f"{FILE}, [arc], field 'delay_ms': {params.arc.delay_ms:g} ms is shorter than one "
            f"step of the simulation ([limb] step_ms = {params.limb.step_ms:g})"
        )
    return params
