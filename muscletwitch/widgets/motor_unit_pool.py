"""Motor-unit pool lab: a drive slider recruits 120 motor units in size order and fires them faster
(Fuglevand, Winter & Patla 1993); switch to the contrasts a student must see: one unit firing alone
at rest (a fasciculation), a unit that lost its motor neuron, and a cramp."""

from __future__ import annotations

import ipywidgets as W

from muscletwitch import pool
from muscletwitch.plots import pool as pool_plots
from muscletwitch.plots.signals import ILLUSTRATIVE
from muscletwitch.pool_parameters import Scenario
from muscletwitch.taxonomy import Taxonomy
from muscletwitch.widgets._base import Base, esc, labelled

DRIVE_STEP = 1.0  # % of the maximal voluntary drive


class MotorUnitPool(Base):
    """Raster of every unit's discharges, total force and a surface-EMG-like signal, live."""

    def __init__(
        self,
        *,
        taxonomy: Taxonomy | None = None,
        lecture: bool | None = None,
        scenario: str = "voluntary",
        drive_percent: float = 30.0,
        seed: int = 0,
    ):
        super().__init__(taxonomy=taxonomy, lecture=lecture)
        if scenario not in pool.SCENARIOS:
            choices = ", ".join(pool.SCENARIO_IDS)
            raise ValueError(f"scenario must be one of {choices}, got {scenario!r}")
        if not 0 <= drive_percent <= 100:
            raise ValueError(f"drive_percent must be from 0 to 100, got {drive_percent!r}")
        self.seed = seed
        options = [(s.name, s.id) for s in pool.SCENARIOS.values()]
        self.controls = {
            "scenario": labelled(W.Dropdown(options=options, value=scenario), "What happens"),
            "drive": labelled(
                W.FloatSlider(value=drive_percent, min=0, max=100, step=DRIVE_STEP),
                "Voluntary drive (% of maximum)",
            ),
            "reinnervate": labelled(
                W.Checkbox(value=False, indent=False),
                "Reinnervation: a unit nearby adopts the orphaned fibres",
            ),
            "again": W.Button(
                description="New random run",
                icon="refresh",
                tooltip="Draw the random discharge timing again",
            ),
        }
        self.controls["drive"].layout.width = "34em"
        self.controls["reinnervate"].layout.width = "30em"  # the label, untruncated
        self.actions["again"] = self.new_run
        self.header = W.HTML()
        self.caption = W.HTML()
        run = self.compute()
        with self.styled():
            self.fig = self.new_figure(10, 6)
            axes = self.fig.subplots(3, 1, gridspec_kw={"height_ratios": [2.4, 1.2, 1.2]})
            self.fig.subplots_adjust(left=0.1, right=0.98, top=0.95, bottom=0.08, hspace=0.45)
            self.drawn = pool_plots.draw(*axes, run)
        self.axes = tuple(axes)
        self.freeze(*self.drawn.artists)
        c = self.controls
        self._finish(
            W.HBox([c["scenario"], c["drive"]]),
            W.HBox([c["reinnervate"], c["again"]]),
            self.header,
            self.image,
            self.caption,
        )

    # --- pure core -------------------------------------------------------------------------------

    def compute(self) -> pool.Run:
        """The run the controls describe (the model, nothing of the view)."""
        c = self.controls
        scenario = c["scenario"].value
        return pool.simulate(
            scenario,
            c["drive"].value / 100,
            reinnervated=bool(c["reinnervate"].value) and scenario == "denervation",
            seed=self.seed,
        )

    def new_run(self) -> None:
        """The "new random run" button: other discharge timing (and another fasciculating unit)."""
        self.seed += 1
        self.update()

    # --- view ------------------------------------------------------------------------------------

    def update(self) -> None:
        c = self.controls
        spec = pool.SCENARIOS[c["scenario"].value]
        c["drive"].disabled = not spec.drive
        c["reinnervate"].disabled = spec.id != "denervation"
        self.run = run = self.compute()
        pool_plots.redraw(self.drawn.artists, run)
        self.header.value = f"<h3>{esc(spec.name)}</h3><p>{self._numbers(run)}</p>"
        self.alt_text = pool_plots.alt_text(run)
        self.caption.value = self._caption(spec)
        self._render()

    def _numbers(self, run: pool.Run) -> str:
        """What this run shows, in numbers, as HTML."""
        units, active = len(run.spikes), run.active
        rates = run.rates_hz[run.rates_hz > 0]
        span = f"{rates.min():.0f}-{rates.max():.0f} Hz" if rates.size else ""
        force = f"mean force <b>{run.mean_force:.1f} %</b> of the maximum"
        if run.scenario == "fasciculation":
            unit = active[0] if active else "none"
            return (
                f"Drive 0 (at rest): only unit {unit} discharges, once, on its own; its twitch "
                f"peaks at {run.force.max():.2f} % of the pool's maximal force."
            )
        if run.scenario == "cramp":
            onset = (pool.SCENARIOS["cramp"].onset_fraction or 0) * run.duration_s
            return (
                f"Drive 0 (nobody is trying to move), yet from {onset:g} s {len(active)} of "
                f"{units} units fire at {span}; force peaks at {run.force.max():.0f} % of the "
                "maximal voluntary force."
            )
        text = f"Drive {run.drive * 100:.0f} %: {len(active)} of {units} units fire"
        text += f" at {span}; {force}." if span else f"; {force}."
        if run.lost_unit is not None:
            intact = run.intact_force.mean() if run.intact_force is not None else 0.0
            text += (
                f" Unit {run.lost_unit} stays silent ({intact:.1f} % with every unit intact, "
                "dashed)."
            )
            if run.adopter:
                was = pool.make_pool(units).forces[run.adopter - 1]
                text += (
                    f" Unit {run.adopter} (orange) now has {run.forces[run.adopter - 1]:.0f} "
                    f"times the smallest twitch instead of {was:.0f}, and a larger potential."
                )
        return text

    def _caption(self, spec: Scenario) -> str:
        """The scenario's sourced explanation, its sources and what is illustrative."""
        cited = [self.taxonomy.source(s).short for s in spec.sources if s != "illustrative"]
        model = self.taxonomy.source("fuglevand-1993").short
        return (
            f"<p>{esc(spec.summary)}</p>"
            f'<p class="mt-note">Sources: {esc("; ".join(cited))}. Pool model: {esc(model)} '
            f"({pool.PARAMETERS.pool.units} units, its published parameters). Timing and the EMG "
            f"are an {ILLUSTRATIVE}{'; ' + esc(spec.note) if spec.illustrative else ''}</p>"
        )

    def header_html(self) -> str:
        return self.header.value

    def panels_html(self) -> str:
        return self.caption.value
