"""Motor-unit summation lab: twitch contraction time and firing rate decide whether single twitches
stay apart or fuse into a sustained contraction (why a cramp is not a twitch)."""

from __future__ import annotations

import ipywidgets as W
import numpy as np

from muscletwitch import physiology, plots, style
from muscletwitch.course import load_course
from muscletwitch.plots.signals import ILLUSTRATIVE, LINESTYLES
from muscletwitch.taxonomy import Taxonomy, load_taxonomy
from muscletwitch.widgets._base import Base, esc, labelled

DURATION_S = 1.0
RATE_RANGE_HZ = (1.0, 50.0)


def verdict(fusion: float) -> str:
    """What a fusion index (0 separate, 1 fused) means, in words (course.toml [[verdict]])."""
    return load_course().verdict(fusion)


def _range_note() -> str:
    """The cited range of twitch contraction times, with its source, from the data."""
    low, high = physiology.contraction_range_ms()
    tax = load_taxonomy()
    cited = "; ".join(tax.source(s).short for s in physiology.PARAMETERS.twitch.sources)
    return f"Contraction times of human motor units: {low:g}-{high:g} ms ({cited})"


class SummationLab(Base):
    """Sliders for contraction time and firing rate; force of one motor unit updates live."""

    def __init__(
        self,
        *,
        taxonomy: Taxonomy | None = None,
        lecture: bool | None = None,
        rate_hz: float = 5.0,
        contraction_ms: float | None = None,
    ):
        super().__init__(taxonomy=taxonomy, lecture=lecture)
        low, high = physiology.contraction_range_ms()
        default_ms = physiology.PARAMETERS.twitch.contraction_ms
        self.controls = {
            "contraction_ms": labelled(
                W.FloatSlider(value=contraction_ms or default_ms, min=low, max=high, step=1),
                "Twitch contraction time (ms)",
            ),
            "rate": labelled(
                W.FloatSlider(value=rate_hz, min=RATE_RANGE_HZ[0], max=RATE_RANGE_HZ[1], step=0.5),
                "Firing rate (Hz)",
            ),
        }
        for slider in self.controls.values():
            slider.layout.width = "32em"
        self.caption = W.HTML()
        # the largest force the sliders allow fixes the y scale, so sizes compare across settings
        _, most = physiology.summed_force(RATE_RANGE_HZ[1], contraction_ms=high)
        with self.styled():
            self.fig = self.new_figure(10, 5)
            ax_raster, ax = self.fig.subplots(
                2, 1, gridspec_kw={"height_ratios": [1, 4], "hspace": 0.3}
            )
            self.train = plots.raster(ax_raster, [np.array([0.0])], labels=["motor unit"]).artists[
                0
            ]
            ax_raster.set(xlim=(0, DURATION_S * 1000), title="Discharges")
            ax_raster.xaxis.set_visible(False)  # the force plot below has the same time axis
            drawn = plots.summation(
                ax, (rate_hz,), contraction_ms=self.controls["contraction_ms"].value
            )
            self.force = drawn.artists[0]
            (self.single,) = ax.plot([], [], color=style.INK, linestyle=LINESTYLES[2], lw=1.2)
            ax.axhline(1, color="#8C8C8C", lw=0.8, linestyle=":")
            ax.legend(
                [self.force, self.single], ["summed force", "one twitch alone"], loc="upper right"
            )
            ax.set(
                ylim=(0, most.max() * 1.08),
                xlim=(0, DURATION_S * 1000),
                title=f"Force of one motor unit ({ILLUSTRATIVE})",
            )
            self.fig.subplots_adjust(left=0.12, right=0.98, top=0.92, bottom=0.11)
        self.freeze(self.train, self.force, self.single)
        self._finish(
            self.controls["contraction_ms"], self.controls["rate"], self.image, self.caption
        )

    def compute(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, float]:
        """(t_s, force, discharge times, fusion index) for the current slider values."""
        rate, ms = self.controls["rate"].value, self.controls["contraction_ms"].value
        t, force = physiology.summed_force(rate, contraction_ms=ms, duration_s=DURATION_S)
        train = physiology.discharge_train(rate, DURATION_S, regular=True)
        return t, force, train, physiology.fusion_index(force)

    def update(self) -> None:
        t, force, train, fusion = self.compute()
        ms = self.controls["contraction_ms"].value
        self.force.set_data(t * 1000, force)
        self.train.set_positions(train * 1000)
        start = train[0] if train.size else 0.0
        self.single.set_data(t * 1000, physiology.twitch(t - start, contraction_ms=ms))
        rate = self.controls["rate"].value
        self.fusion = fusion
        self.caption.value = (
            f"<p><b>{rate:g} Hz, contraction time {ms:g} ms: fusion {fusion:.2f}</b> "
            f"(0 = separate, 1 = fully fused; peak force {force.max():.1f} twitches).</p>"
            f"<p>{verdict(fusion)}</p>"
            f'<p class="mt-note">{esc(_range_note())}; force is an {ILLUSTRATIVE}.</p>'
        )
        self.alt_text = (
            f"Force of one motor unit firing at {rate:g} Hz with {ms:g} ms twitches: "
            f"fusion {fusion:.2f}, peak {force.max():.1f} times one twitch."
        )
        self._render()

    def panels_html(self) -> str:
        return self.caption.value
