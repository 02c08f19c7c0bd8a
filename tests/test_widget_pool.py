"""MotorUnitPool without a browser: controls change the artists and the HTML as the model says."""

from __future__ import annotations

import base64

import ipywidgets as W
import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.colors import same_color

from muscletwitch import pool, style
from muscletwitch.plots import pool as pool_plots
from muscletwitch.widgets import MotorUnitPool
from muscletwitch.widgets._base import esc


@pytest.fixture(scope="module")
def w():
    return MotorUnitPool()


@pytest.fixture(autouse=True)
def _reset(w):
    with w.quiet():
        w.controls["scenario"].value = "voluntary"
        w.controls["drive"].value = 30
        w.controls["reinnervate"].value = False
    w.seed = 0
    w.update()


def _artists(w):
    return dict(
        zip(
            (
                "spikes",
                "highlight",
                "band",
                "label",
                "force",
                "intact",
                "zoom",
                "zoom_label",
                "emg",
            ),
            w.drawn.artists,
            strict=True,
        )
    )


def _raster_units(w) -> set[int]:
    a = _artists(w)
    ys = np.concatenate([a["spikes"].get_ydata(), a["highlight"].get_ydata()])
    return set(ys.astype(int))


def test_contract_labels_static_fallback_and_no_pyplot_figure():
    before = plt.get_fignums()
    w = MotorUnitPool()
    assert plt.get_fignums() == before
    assert isinstance(w.widget, W.Widget)
    assert set(w.controls) == {"scenario", "drive", "reinnervate", "again"}
    for name, control in w.controls.items():
        assert control.description.strip(), name
    bundle = w._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    html = bundle["text/html"]
    assert html == MotorUnitPool()._repr_mimebundle_()["text/html"]  # deterministic, for nbval
    png = base64.b64decode(html.split("base64,")[1].split('"')[0])
    assert png.startswith(b"\x89PNG") and png == w.png()
    assert f'alt="{esc(w.alt_text)}"' in html
    assert "Voluntary contraction" in html and "Fuglevand" in html


def test_lecture_mode_is_larger():
    small, large = MotorUnitPool(lecture=False), MotorUnitPool(lecture=True)
    assert "mt-lecture" in large.widget._dom_classes
    assert large.fig.get_figwidth() > small.fig.get_figwidth()
    with style.lecture():
        assert MotorUnitPool().lecture


def test_drive_recruits_in_size_order_and_raises_force(w):
    a = _artists(w)
    forces, counts = [], []
    for drive in (5, 30, 60, 100):
        w.controls["drive"].value = drive
        run = pool.simulate("voluntary", drive / 100, seed=w.seed)
        np.testing.assert_allclose(a["force"].get_ydata(), run.force)  # the model's force
        units = _raster_units(w)
        assert units == set(range(1, max(units) + 1))  # the smallest units, no gaps
        forces.append(a["force"].get_ydata().mean())
        counts.append(len(units))
        assert f"{len(run.active)} of 120 units fire" in w.header.value
        assert f"Drive {drive} %" in w.header.value and f"{len(run.active)} of 120" in w.alt_text
    assert forces == sorted(forces) and counts == sorted(counts) and counts[-1] == 120
    assert not a["band"].get_visible() and not a["intact"].get_visible()


def test_fasciculation_shows_one_unit_and_disables_the_drive(w):
    c = w.controls
    c["scenario"].value = "fasciculation"
    a = _artists(w)
    assert c["drive"].disabled and c["reinnervate"].disabled
    assert a["spikes"].get_xdata().size == 0 and a["highlight"].get_xdata().size == 1
    unit = int(a["highlight"].get_ydata()[0])
    assert f"only unit {unit} discharges, once" in w.header.value
    assert a["label"].get_visible() and f"unit {unit} fires alone" in a["label"].get_text()
    assert same_color(a["highlight"].get_color(), pool_plots.FASCICULATION)
    # the twitch is tiny on the pool's scale, so it is also drawn magnified
    assert a["zoom"].get_visible() and "x 100" in a["zoom_label"].get_text()
    c["again"].click()  # a new run: maybe another unit, still exactly one discharge
    assert w.seed == 1 and _artists(w)["highlight"].get_xdata().size == 1
    assert "harmless" in w.caption.value and "Blexrud" in w.caption.value


def test_denervation_marks_the_lost_unit_and_reinnervation_the_adopter(w):
    c = w.controls
    c["scenario"].value = "denervation"
    c["drive"].value = 80
    a = _artists(w)
    lost, adopter = pool._denervated(120)
    assert not c["drive"].disabled and not c["reinnervate"].disabled
    assert a["band"].get_visible() and a["band"].get_y() < lost < a["band"].get_y() + 4
    assert lost not in _raster_units(w)
    assert a["intact"].get_visible()
    assert a["intact"].get_ydata().mean() > a["force"].get_ydata().mean()
    assert f"Unit {lost} stays silent" in w.header.value
    assert a["highlight"].get_xdata().size == 0
    c["reinnervate"].value = True
    assert set(a["highlight"].get_ydata().astype(int)) == {adopter}
    assert same_color(a["highlight"].get_color(), pool_plots.ADOPTER)
    assert f"adopted by unit {adopter}" in a["label"].get_text()
    assert f"Unit {adopter} (orange) now has" in w.header.value
    assert "Daube" in w.caption.value
    c["scenario"].value = "voluntary"  # reinnervation belongs to this scenario only
    assert c["reinnervate"].disabled and not a["band"].get_visible()


def test_cramp_is_involuntary(w):
    c = w.controls
    c["scenario"].value = "cramp"
    a = _artists(w)
    assert c["drive"].disabled
    assert "Drive 0 (nobody is trying to move)" in w.header.value
    assert len(_raster_units(w)) > 100
    assert same_color(a["spikes"].get_color(), pool_plots.SPIKE_COLOURS["cramp"])
    assert a["force"].get_ydata().max() > 80
    assert "stretching" in w.caption.value


def test_the_drive_moved_while_disabled_changes_nothing_involuntary(w):
    w.controls["scenario"].value = "cramp"
    before = _artists(w)["force"].get_ydata().copy()
    w.controls["drive"].value = 90  # a test (or a script) can still set it
    np.testing.assert_array_equal(before, _artists(w)["force"].get_ydata())


def test_arguments_are_checked():
    with pytest.raises(ValueError, match="scenario must be one of voluntary"):
        MotorUnitPool(scenario="spasm")
    with pytest.raises(ValueError, match="drive_percent must be from 0 to 100"):
        MotorUnitPool(drive_percent=120)
    assert MotorUnitPool(scenario="cramp").controls["drive"].disabled


def test_the_pure_core_is_the_model(w):
    w.controls["drive"].value = 45
    run = w.compute()
    same = pool.simulate("voluntary", 0.45, seed=0)
    np.testing.assert_array_equal(run.force, same.force)
    np.testing.assert_array_equal(run.emg, same.emg)
