"""Twitch simulator: pick a phenomenon (rate, regularity, extent, tremor frequency) and watch its
simulated activity, its discharge train and the force of one event; overlay a second one."""

from __future__ import annotations

import math

import ipywidgets as W
import numpy as np
from matplotlib.ticker import FuncFormatter, NullFormatter

from muscletwitch import physiology, plots, style
from muscletwitch.course import load_course
from muscletwitch.plots.signals import ILLUSTRATIVE, LINESTYLES
from muscletwitch.taxonomy import Taxonomy
from muscletwitch.widgets._base import Base, esc, labelled

DURATION_S = 6.0


def _label(extent: str) -> str:
    """An extent as the buttons and the header name it, e.g. "motor unit" (from course.toml)."""
    return load_course().level(extent).name.lower()


class TwitchSimulator(Base):
    """Simulated activity, discharge raster and one event's force for a chosen phenomenon."""

    def __init__(
        self,
        *,
        taxonomy: Taxonomy | None = None,
        lecture: bool | None = None,
        phenomenon: str = "fasciculation",
        seed: int = 0,
    ):
        super().__init__(taxonomy=taxonomy, lecture=lecture)
        self.seed = seed
        ids = physiology.signature_ids()
        choices = [(p.name, p.id) for p in self.taxonomy.phenomena if p.id in ids]
        phenomenon = self.taxonomy.phenomenon(phenomenon).id  # a name as typed: its id
        low, high = physiology.tremor_range_hz()
        extents = physiology.EXTENTS
        self.controls = {
            "phenomenon": labelled(W.Dropdown(options=choices, value=phenomenon), "Movement"),
            "rate": labelled(W.FloatLogSlider(base=10, readout_format=".3g"), "Rate (events/s)"),
            "pattern": labelled(W.ToggleButtons(options=["regular", "irregular"]), "Pattern"),
            "extent": labelled(
                W.ToggleButtons(options=[(_label(e), e) for e in extents]), "Extent"
            ),
            "tremor_hz": labelled(
                W.FloatSlider(value=5.0, min=low, max=high, step=0.5), "Tremor frequency (Hz)"
            ),
            "compare": labelled(W.Checkbox(value=False, indent=False), "Overlay a second movement"),
            "other": labelled(  # a different movement, so the overlay shows a contrast
                W.Dropdown(
                    options=choices, value="fasciculation" if phenomenon == "tremor" else "tremor"
                ),
                "Second movement",
            ),
        }
        self.caption = W.HTML()
        with self.styled():
            self.fig = self.new_figure(11, 6.2)
            ax_sig, ax_raster, ax_force = self.fig.subplots(
                3, 1, gridspec_kw={"height_ratios": [2.2, 1, 1.6], "hspace": 0.75}
            )
            t, y = physiology.signature(phenomenon, duration_s=DURATION_S, seed=seed)
            drawn = plots.signal(ax_sig, t, y, phenomenon=self.taxonomy.phenomenon(phenomenon))
            self.line = drawn.artists[0]
            (self.overlay,) = ax_sig.plot(t, y, linestyle=LINESTYLES[1], color=style.INK, lw=1.2)
            ax_sig.set_title("", loc="left")
            ax_sig.set(
                xlim=(0, DURATION_S),
                ylim=(-1.05, 1.05),
                title=f"Activity, one scale for all ({ILLUSTRATIVE})",
            )
            empty = [np.array([0.0]), np.array([0.0])]
            raster = plots.raster(ax_raster, empty, labels=["chosen", "second"])
            self.trains = raster.artists
            self.trains[1].set_color(style.INK)  # like the dashed overlay it drives
            ax_raster.set(xlim=(0, DURATION_S), title="Discharge train driving it")
            self.force_lines = ax_force.plot([0, 1], [1, 1], [0, 1], [1, 1])
            self.force_lines[1].set_linestyle(LINESTYLES[1])
            ax_force.set(
                yscale="log",
                ylim=(1e-3, 1e3),
                xlim=(0, 500),
                xlabel="time (ms)",
                ylabel="force (twitches)",
                title="One event at the chosen extent (log scale)",
            )
            # plain numbers (0.001 ... 1000) read more easily than powers of ten, and they need
            # no mathtext, whose parser costs ~90 ms to set up in every fresh kernel
            ax_force.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:g}"))
            ax_force.yaxis.set_minor_formatter(NullFormatter())
            ax_force.legend(
                self.force_lines, ["force", "seen through the skin"], loc="upper right", ncols=2
            )
            self.fig.subplots_adjust(left=0.08, right=0.98, top=0.94, bottom=0.09)
        self.axes = (ax_sig, ax_raster, ax_force)
        self.freeze(
            self.line,
            self.overlay,
            *self.trains,
            *self.force_lines,
        )
        self._set_limits(phenomenon)
        self.controls["phenomenon"].observe(lambda c: self._set_limits(c["new"]), "value")
        box = W.VBox
        left = box([self.controls[k] for k in ("phenomenon", "rate", "pattern", "extent")])
        right = box([self.controls[k] for k in ("tremor_hz", "compare", "other")])
        self.header = W.HTML()
        self._finish(W.HBox([left, right]), self.header, self.image, self.caption)

    def _set_limits(self, phenomenon_id: str) -> None:
        """Constrain the controls to what the phenomenon allows (values from the data)."""
        p = physiology.SIGNATURES[phenomenon_id]
        oscillation = p.shape == "oscillation"
        c = self.controls
        with self.quiet():
            rate = p.rate_hz or 1.0
            c["rate"].min, c["rate"].max = -10, 10  # widen first so the new value always fits
            c["rate"].value = rate
            c["rate"].min = math.log10(rate / 4)
            # half the fastest rate the model allows, so every step of the slider stays valid
            c["rate"].max = math.log10(min(rate * 4, physiology.max_rate_hz(phenomenon_id) / 2))
            c["pattern"].value = p.train or "regular"
            c["extent"].value = self.taxonomy.phenomenon(phenomenon_id).extent
            c["rate"].disabled = c["pattern"].disabled = oscillation
            c["tremor_hz"].disabled = not oscillation
            if oscillation:
                c["tremor_hz"].value = p.frequency_hz

    # --- pure core -------------------------------------------------------------------------------

    def params(self, phenomenon_id: str | None = None) -> dict:
        """The signature parameters the controls give (the data's defaults for the overlay)."""
        c = self.controls
        pid = phenomenon_id or c["phenomenon"].value
        if phenomenon_id is not None:
            return {}
        if physiology.SIGNATURES[pid].shape == "oscillation":
            return {"frequency_hz": c["tremor_hz"].value}
        return {"rate_hz": c["rate"].value, "train": c["pattern"].value}

    def _train(self, pid: str, params: dict) -> np.ndarray:
        """The events the trace is built from: bursts and episodes as the trace shows them."""
        return physiology.signature_events(pid, duration_s=DURATION_S, seed=self.seed, **params)

    def update(self) -> None:
        c = self.controls
        pid = c["phenomenon"].value
        phen = self.taxonomy.phenomenon(pid)
        params = self.params()
        t, y = physiology.signature(pid, duration_s=DURATION_S, seed=self.seed, **params)
        self.line.set_data(t, y)
        self.line.set_color(plots.colour_of(phen))
        self.trains[0].set_color(plots.colour_of(phen))  # its discharges in the trace's colour
        self.trains[0].set_positions(self._train(pid, params))
        other = self.taxonomy.phenomenon(c["other"].value)
        on = c["compare"].value
        c["other"].disabled = not on
        self.overlay.set_visible(on)
        self.trains[1].set_visible(on)
        if on:
            trace = physiology.signature(other.id, duration_s=DURATION_S, seed=self.seed)
            self.overlay.set_data(*trace)
            self.trains[1].set_positions(self._train(other.id, {}))
        rate = params.get("rate_hz", params.get("frequency_hz", 0))
        extent = c["extent"].value
        tf, force, seen = physiology.extent_signal(extent, seed=self.seed)
        self.force_lines[0].set_data(tf * 1000, force)
        self.force_lines[1].set_data(tf * 1000, np.where(seen > 0, seen, np.nan))
        visible = physiology.EXTENTS[extent].visible
        label = _label(extent)
        second = (
            f' <span class="mt-note">(dashed: {esc(other.name)}, at its usual settings)</span>'
            if on
            else ""
        )
        self.header.value = (
            f"<h3>{esc(phen.name)}{second}</h3><p>Discharges: {rate:.3g}/s, "
            f"{self._pattern(pid)}. One event of a {esc(label)}: peak force {force.max():.3g} "
            f"twitches, {'visible' if visible else 'invisible: EMG only'}.</p>"
        )
        self.alt_text = (
            f"{phen.name}: {ILLUSTRATIVE} over {DURATION_S:g} s with its discharge train"
            + (f", overlaid with {other.name}" if on else "")
            + f"; one event of a {label} peaks at {force.max():.3g} twitches."
        )
        self.caption.value = self._caption(phen, rate)
        self._render()

    def _pattern(self, pid: str) -> str:
        if physiology.SIGNATURES[pid].shape == "oscillation":
            return "rhythmic"
        return self.controls["pattern"].value

    def _caption(self, phen, rate: float) -> str:
        fits = ""
        if physiology.SIGNATURES[phen.id].shape == "oscillation":
            kinds = [
                f"{k} ({lo:g}-{hi:g} Hz)"
                for k in physiology.tremor_types()
                for lo, hi in [physiology.tremor_range_hz(k)]
                if lo <= rate <= hi
            ]
            fits = f" <b>{rate:g} Hz fits:</b> {esc(', '.join(kinds) or 'no tremor type')}."
        small = "" if phen.visible else " Too small to see through the skin: EMG only."
        return (
            f"<p><b>{esc(phen.name)}</b>: {esc(phen.summary)}{small}{fits}</p>"
            f'<p class="mt-note">Timing: {esc(phen.timing)}. All traces are an {ILLUSTRATIVE}; '
            f"activity on one scale for every movement.</p>"
        )

    def header_html(self) -> str:
        return self.header.value

    def panels_html(self) -> str:
        return self.caption.value
