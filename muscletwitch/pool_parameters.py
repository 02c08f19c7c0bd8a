"""The motor-unit pool's parameters (``data/pool.toml``) as typed records, checked by the one loader
(``muscletwitch.schema``) like ``parameters.py``: ``load_pool_parameters().pool.units``. Standard
library only; the numpy model is ``muscletwitch.pool``."""

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import Literal

from .errors import FieldError, TaxonomyError
from .parameters import Cited
from .schema import Table, data_folder, load_tables
from .taxonomy import load_taxonomy

ScenarioId = Literal["voluntary", "fasciculation", "denervation", "cramp"]
SCENARIO_IDS: tuple[str, ...] = ScenarioId.__args__


@dataclass(frozen=True, slots=True)
class PoolModel(Cited):
    """The pool of Fuglevand, Winter & Patla 1993 (see the comments in ``pool.toml``)."""

    units: int = field(metadata={"min": 2})
    recruitment_range: float = field(metadata={"min": 1})
    min_rate_hz: float = field(metadata={"min": 0})
    rate_gain_hz: float = field(metadata={"min": 0})
    peak_rate_first_hz: float = field(metadata={"min": 0})
    peak_rate_drop_hz: float = field(metadata={"min": 0})
    isi_cv: float = field(metadata={"min": 0})
    isi_clip_sd: float = field(metadata={"min": 0})
    force_range: float = field(metadata={"min": 1})
    longest_contraction_ms: float = field(metadata={"min": 0})
    contraction_range: float = field(metadata={"min": 1})
    fusion_knee: float = field(metadata={"min": 0})

    def __post_init__(self) -> None:
        Cited.__post_init__(self)
        if self.peak_rate_first_hz - self.peak_rate_drop_hz <= self.min_rate_hz:
            raise FieldError(
                "peak_rate_drop_hz", "the last unit's peak rate must stay above min_rate_hz"
            )
        if self.isi_cv * self.isi_clip_sd >= 1:
            raise FieldError("isi_clip_sd", "isi_cv * isi_clip_sd must be below 1 (intervals > 0)")


@dataclass(frozen=True, slots=True)
class EmgModel(Cited):
    """The surface-EMG-like signal: one biphasic potential per discharge."""

    fs_hz: float = field(metadata={"min": 1})
    muap_width_ms: float = field(metadata={"min": 0})
    amplitude_exponent: float = field(metadata={"min": 0})
    noise: float = field(metadata={"min": 0})


@dataclass(frozen=True, slots=True)
class RunModel(Cited):
    """One run: its length, the warm-up before it, force sampling and twitch kernel length."""

    duration_s: float = field(metadata={"min": 0})
    warmup_s: float = field(metadata={"min": 0})
    fs_hz: float = field(metadata={"min": 1})
    kernel_length_contractions: float = field(metadata={"min": 1})


@dataclass(frozen=True, slots=True)
class Scenario(Cited):
    """A contrast the pool can show; ``drive`` says whether the drive slider applies."""

    id: ScenarioId
    name: str
    summary: str
    drive: bool
    lost_unit: int | None = field(default=None, metadata={"min": 1})
    adopter_unit: int | None = field(default=None, metadata={"min": 1})
    excitation: float | None = field(default=None, metadata={"min": 0})
    peak_rate_hz: float | None = field(default=None, metadata={"min": 0})
    onset_fraction: float | None = field(default=None, metadata={"min": 0})

    def __post_init__(self) -> None:
        Cited.__post_init__(self)
        need = {
            "denervation": ("lost_unit", "adopter_unit"),
            "cramp": ("excitation", "peak_rate_hz"),
        }
        for name in need.get(self.id, ()):
            if getattr(self, name) is None:
                raise FieldError(name, f"the {self.id!r} scenario needs {name}")
        if self.onset_fraction is not None and self.onset_fraction >= 1:
            raise FieldError("onset_fraction", f"must be below 1, got {self.onset_fraction!r}")


TABLES = (
    Table("pool.toml", "pool", PoolModel, form="single"),
    Table("pool.toml", "emg", EmgModel, form="single"),
    Table("pool.toml", "run", RunModel, form="single"),
    Table("pool.toml", "scenario", Scenario, form="keyed"),
)


@dataclass(frozen=True)
class PoolParameters:
    """Everything ``pool.toml`` holds; ``scenarios`` keyed by id, in file order."""

    pool: PoolModel
    emg: EmgModel
    run: RunModel
    scenarios: MappingProxyType[str, Scenario]


def load_pool_parameters(data_dir: str | Path | None = None) -> PoolParameters:
    """The pool's parameters (cached per folder), checked against that folder's sources."""
    return _load(data_folder(data_dir))


@cache
def _load(folder: Path) -> PoolParameters:
    known = load_tables(folder, TABLES, load_taxonomy(folder).known)
    scenarios = known["scenario"]
    missing = [s for s in SCENARIO_IDS if s not in scenarios]
    if missing:
        raise TaxonomyError(f"pool.toml: [scenario] lacks {', '.join(missing)}")
    lost, adopter = scenarios["denervation"].lost_unit, scenarios["denervation"].adopter_unit
    units = known["pool"]["pool"].units
    if not (lost <= units and adopter <= units and lost != adopter):
        raise TaxonomyError(
            f"pool.toml: [scenario.denervation] lost_unit and adopter_unit must be two different "
            f"units of 1-{units}, got {lost} and {adopter}"
        )
    return PoolParameters(
        pool=known["pool"]["pool"],
        emg=known["emg"]["emg"],
        run=known["run"]["run"],
        scenarios=MappingProxyType(scenarios),
    )
