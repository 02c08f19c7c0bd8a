"""Reflex lab: stretch a joint at a chosen speed with a chosen tone and reflex gain, and see the
resistance it meets; how that resistance depends on speed (spasticity rises, rigidity does not);
and clonus, the beats of a high-gain reflex while the stretch is held."""

from __future__ import annotations

from dataclasses import dataclass

import ipywidgets as W
import numpy as np

from muscletwitch import physiology, reflex
from muscletwitch.plots import reflex_lab as plot
from muscletwitch.plots.signals import ILLUSTRATIVE
from muscletwitch.taxonomy import Taxonomy
from muscletwitch.widgets._base import Base, esc, labelled

# how the peak resistance from the slowest to the fastest stretch is put in words
RISES, FLAT = 1.5, 1.25  # ratio fastest / slowest


@dataclass(frozen=True)
class LabState:
    """What the lab shows for one setting of its controls (the pure core's result)."""

    tone: reflex.Tone
    velocity_deg_s: float
    gain: float
    run: reflex.Stretch  # the current stretch
    velocities: np.ndarray  # the sweep
    peaks: np.ndarray  # peak resistance at each velocity of the sweep, at this gain
    peak_nm: float  # the current stretch's peak resistance
    beats: reflex.Beats
    threshold: float | None  # least gain from which the beats last (None: none in range)


def speed_words(peaks: np.ndarray) -> str:
    """How a tone's peak resistance changes from the slowest to the fastest stretch, in words."""
    ratio = peaks[-1] / peaks[0]
    if ratio >= RISES:
        return f"rises {ratio:.1f}-fold with speed: velocity-dependent"
    if 1 / FLAT <= ratio <= FLAT:
        return "about the same at every speed: velocity-independent"
    return f"changes {ratio:.1f}-fold with speed: mostly passive, a little reflex at speed"


class ReflexLab(Base):
    """Tone, stretch velocity and reflex gain: one stretch over time, resistance against speed."""

    def __init__(
        self,
        *,
        taxonomy: Taxonomy | None = None,
        lecture: bool | None = None,
        tone: str = "spasticity",
        velocity_deg_s: float = 150.0,
    ):
        super().__init__(taxonomy=taxonomy, lecture=lecture)
        first = reflex.tone(tone)
        limb, arc = reflex.PARAMETERS.limb, reflex.PARAMETERS.arc
        low, high = limb.velocity_range_deg_s
        reflex.stretch(first, velocity_deg_s)  # ValueError for a velocity outside the range
        self.tone_ids = list(reflex.TONES)
        self.controls = {
            "tone": labelled(
                W.ToggleButtons(
                    options=[(t.name, t.id) for t in reflex.TONES.values()], value=first.id
                ),
                "Tone",
            ),
            "velocity": labelled(
                W.FloatSlider(
                    value=velocity_deg_s, min=low, max=high, step=10, readout_format=".0f"
                ),
                "Stretch velocity (deg/s)",
            ),
            "gain": labelled(
                W.FloatSlider(
                    value=first.gain, min=arc.gain_range[0], max=arc.gain_range[1], step=0.1
                ),
                "Reflex gain",
            ),
        }
        for name in ("velocity", "gain"):
            self.controls[name].layout = W.Layout(width="32em")
        self.caption = W.HTML()
        # each tone at its usual gain: the comparison drawn behind the current tone's curve
        usual = {t.name: reflex.peak_resistance(t) for t in reflex.TONES.values()}
        top = self._largest_resistance()
        with self.styled():
            self.fig = self.new_figure(11, 5.4)
            grid = self.fig.add_gridspec(
                2, 2, width_ratios=[1.55, 1], height_ratios=[1, 1.6], wspace=0.25, hspace=0.12
            )
            ax_angle = self.fig.add_subplot(grid[0, 0])
            ax_res = self.fig.add_subplot(grid[1, 0], sharex=ax_angle)
            ax_speed = self.fig.add_subplot(grid[:, 1])
            state = self.compute()
            trace = plot.stretch_trace(ax_angle, ax_res, state.run)
            self.joint, self.hand, self.total, self.passive, *self.ends = trace.artists
            ax_angle.xaxis.label.set_visible(False)
            ax_angle.tick_params(labelbottom=False)
            span = limb.stretch_range_deg
            ax_angle.set_ylim(-0.15 * span, 1.3 * span)
            ax_res.set_ylim(0, top)
            plot.velocity_curves(ax_speed, usual, faint=True)
            ax_speed.legend(title="each at its usual gain", loc="upper left", fontsize="small")
            (self.curve,) = ax_speed.plot(*usual[first.name], lw=2.6, marker="o")
            (self.here,) = ax_speed.plot(
                [velocity_deg_s],
                [state.peak_nm],
                marker="o",
                ms=13,
                mfc="white",
                mew=3,
                linestyle="none",
            )
            ax_speed.set(xlim=(0, high * 1.05), ylim=(0, top))
            ax_speed.set_title(f"{ax_speed.get_title()}\n(bold: your setting)")
            self.fig.subplots_adjust(left=0.07, right=0.98, top=0.9, bottom=0.1)
        self.freeze(
            self.joint, self.hand, self.total, self.passive, *self.ends, self.curve, self.here
        )
        self.controls["tone"].observe(self._tone_changed, "value")
        self._finish(*self.controls.values(), self.image, self.caption)

    @staticmethod
    def _largest_resistance() -> float:
        """A resistance scale that fits every tone at every gain and speed (so sizes compare)."""
        high = reflex.PARAMETERS.arc.gain_range[1]
        most = [
            reflex.simulate(t, reflex.PARAMETERS.limb.sweep_velocities_deg_s, g).resistance_nm.max()
            for t in reflex.TONES.values()
            for g in (t.gain, high)
        ]
        return float(max(most)) * 1.1

    def _tone_changed(self, change: dict) -> None:
        """A new tone starts at its usual gain (set quietly: the tone's own update follows)."""
        with self.quiet():
            self.controls["gain"].value = reflex.tone(change["new"]).gain

    # --- pure core -------------------------------------------------------------------------------

    def compute(self) -> LabState:
        """Everything shown, for the current tone, velocity and gain (models from reflex.py)."""
        c = self.controls
        t_ = reflex.tone(c["tone"].value)
        velocity, gain = float(c["velocity"].value), round(float(c["gain"].value), 6)
        run = reflex.stretch(t_, velocity, gain=gain)
        velocities, peaks = reflex.peak_resistance(t_, gain=gain)
        return LabState(
            tone=t_,
            velocity_deg_s=velocity,
            gain=gain,
            run=run,
            velocities=velocities,
            peaks=peaks,
            peak_nm=reflex.peak(run),
            beats=reflex.beats(run),
            threshold=reflex.clonus_threshold(t_),
        )

    # --- view ------------------------------------------------------------------------------------

    def update(self) -> None:
        s = self.compute()
        colour, linestyle, marker = plot.tone_look(self.tone_ids.index(s.tone.id))
        run = s.run
        self.joint.set_data(run.t_s, run.angle_deg)
        self.hand.set_data(run.t_s, run.imposed_deg)
        self.total.set_data(run.t_s, run.resistance_nm)
        self.passive.set_data(run.t_s, run.passive_nm)
        for end in self.ends:
            end.set_xdata([float(run.stretch_end_s)] * 2)
        self.curve.set_data(s.velocities, s.peaks)
        self.curve.set(color=colour, linestyle=linestyle, marker=marker)
        self.here.set_data([s.velocity_deg_s], [s.peak_nm])
        self.here.set_markeredgecolor(colour)
        self.state = s
        self.caption.value = self._caption(s)
        self.alt_text = (
            f"{s.tone.name}, a stretch at {s.velocity_deg_s:g} deg/s with reflex gain {s.gain:g} "
            f"({ILLUSTRATIVE}): peak resistance {s.peak_nm:.1f} N m, "
            f"{run.passive_nm.max():.1f} of it passive; {self._beats_words(s)}; from "
            f"{s.velocities[0]:g} to {s.velocities[-1]:g} deg/s the peak resistance goes from "
            f"{s.peaks[0]:.1f} to {s.peaks[-1]:.1f} N m."
        )
        self._render()

    @staticmethod
    def _beats_words(s: LabState) -> str:
        b = s.beats
        if b.sustained:
            return f"clonus: {b.count} beats at {b.frequency_hz:.1f} Hz, going on while held"
        if b.count > 1:
            return f"{b.count} beats that die out"
        return "no clonic beats while held"

    def _caption(self, s: LabState) -> str:
        tax = self.taxonomy
        low, high = physiology.PARAMETERS.clonus.beat_hz
        measured = "; ".join(tax.source(i).short for i in physiology.PARAMETERS.clonus.sources)
        if s.threshold is None:
            where = "no gain on this slider makes the beats last for this tone"
        else:
            side = "above" if s.gain >= s.threshold else "below"
            where = f"gain {s.gain:g} is {side} {s.threshold:.1f}, from which the beats last"
        cited = "; ".join(tax.source(i).short for i in s.tone.sources if i != "illustrative")
        return (
            f"<p><b>{esc(s.tone.name)}, {s.velocity_deg_s:g} deg/s, reflex gain {s.gain:g}:</b> "
            f"peak resistance {s.peak_nm:.1f} N m (passive stiffness alone "
            f"{s.run.passive_nm.max():.1f}). From the slowest to the fastest stretch the peak "
            f"{speed_words(s.peaks)}.</p>"
            f"<p><b>Held stretch:</b> {esc(self._beats_words(s))} ({esc(where)}). Clonus "
            f"measured in people: {low:.1f}-{high:.1f} Hz ({esc(measured)}).</p>"
            f"<p>{esc(s.tone.summary)}</p>"
            f'<p class="mt-note">An {ILLUSTRATIVE}: the numbers are chosen for teaching; the '
            f"statements come from {esc(cited)}.</p>"
        )

    def panels_html(self) -> str:
        return self.caption.value
