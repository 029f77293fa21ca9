"""Runs are told apart without colour alone, and every run colour reads on the heat map.

Colour differences are CIEDE2000 ΔE in CIELAB (D65), from sRGB as in IEC 61966-2-1;
the formula follows Sharma, Wu & Dalal (2005), "The CIEDE2000 color-difference formula".
"""

from __future__ import annotations

import itertools
import math

import numpy as np
import pyqtgraph as pg
import pytest

from gdstudio.gui.landscape_plot import LandscapePlot
from gdstudio.gui.loss_plot import LossCurvePlot
from gdstudio.gui.plot_style import (
    LANDSCAPE_CMAP,
    RUN_COLORS,
    contrast_ratio,
    halo_pens,
    run_color,
    run_pen,
    run_style,
)
from gdstudio.gui.run_trace import RunTrace

#: No two run colours closer than this (CIEDE2000; ~2.3 is "just noticeable").
MIN_DELTA_E = 20.0
#: ... nor, seen with deuteranopia or protanopia (simulated), closer than this.
MIN_DELTA_E_CVD = 10.0

#: Machado, Oliveira & Fernandes (2009), severity 1.0, on linear RGB.
CVD = {
    "deuteranopia": np.array([[0.367322, 0.860646, -0.227968],
                              [0.280085, 0.672501, 0.047413],
                              [-0.011820, 0.042940, 0.968881]]),
    "protanopia": np.array([[0.152286, 1.052583, -0.204868],
                            [0.114503, 0.786281, 0.099216],
                            [-0.003882, -0.048116, 1.051998]]),
}


def _linear(color: str) -> np.ndarray:
    h = color.lstrip("#")
    c = np.array([int(h[i:i + 2], 16) for i in (0, 2, 4)]) / 255.0
    return np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)


def lab(linear_rgb: np.ndarray) -> np.ndarray:
    """CIELAB (D65) of a linear-sRGB triple."""
    m = np.array([[0.4124564, 0.3575761, 0.1804375],
                  [0.2126729, 0.7151522, 0.0721750],
                  [0.0193339, 0.1191920, 0.9503041]])
    xyz = m @ np.clip(linear_rgb, 0.0, 1.0) / np.array([0.95047, 1.0, 1.08883])
    d = 6 / 29
    f = np.where(xyz > d ** 3, np.cbrt(xyz), xyz / (3 * d * d) + 4 / 29)
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


def delta_e2000(lab1: np.ndarray, lab2: np.ndarray) -> float:
    """CIEDE2000 colour difference (Sharma et al. 2005, eqs. 1-22)."""
    (l1, a1, b1), (l2, a2, b2) = lab1, lab2
    c_bar = (math.hypot(a1, b1) + math.hypot(a2, b2)) / 2
    g = 0.5 * (1 - math.sqrt(c_bar ** 7 / (c_bar ** 7 + 25 ** 7)))
    a1p, a2p = (1 + g) * a1, (1 + g) * a2
    c1p, c2p = math.hypot(a1p, b1), math.hypot(a2p, b2)
    h1p = math.degrees(math.atan2(b1, a1p)) % 360
    h2p = math.degrees(math.atan2(b2, a2p)) % 360
    dlp, dcp = l2 - l1, c2p - c1p
    if c1p * c2p == 0:
        dhp = 0.0
    else:
        dhp = h2p - h1p
        dhp -= 360 if dhp > 180 else (-360 if dhp < -180 else 0)
    dh = 2 * math.sqrt(c1p * c2p) * math.sin(math.radians(dhp / 2))
    l_bar, c_bar_p = (l1 + l2) / 2, (c1p + c2p) / 2
    if c1p * c2p == 0:
        h_bar = h1p + h2p
    elif abs(h1p - h2p) <= 180:
        h_bar = (h1p + h2p) / 2
    else:
        h_bar = (h1p + h2p + (360 if h1p + h2p < 360 else -360)) / 2
    t = (1 - 0.17 * math.cos(math.radians(h_bar - 30)) + 0.24 * math.cos(math.radians(2 * h_bar))
         + 0.32 * math.cos(math.radians(3 * h_bar + 6))
         - 0.20 * math.cos(math.radians(4 * h_bar - 63)))
    d_theta = 30 * math.exp(-(((h_bar - 275) / 25) ** 2))
    r_c = 2 * math.sqrt(c_bar_p ** 7 / (c_bar_p ** 7 + 25 ** 7))
    s_l = 1 + 0.015 * (l_bar - 50) ** 2 / math.sqrt(20 + (l_bar - 50) ** 2)
    s_c = 1 + 0.045 * c_bar_p
    s_h = 1 + 0.015 * c_bar_p * t
    r_t = -math.sin(math.radians(2 * d_theta)) * r_c
    return math.sqrt((dlp / s_l) ** 2 + (dcp / s_c) ** 2 + (dh / s_h) ** 2
                     + r_t * (dcp / s_c) * (dh / s_h))


def test_delta_e2000_matches_sharma_et_al_test_data():
    # pairs 1 and 17 of Sharma, Wu & Dalal's table 1
    assert delta_e2000(np.array([50.0, 2.6772, -79.7751]),
                       np.array([50.0, 0.0, -82.7485])) == pytest.approx(2.0425, abs=1e-4)
    assert delta_e2000(np.array([50.0, 2.5, 0.0]),
                       np.array([56.0, -27.0, -3.0])) == pytest.approx(31.9030, abs=1e-4)


def test_no_two_run_colours_are_alike_also_for_colour_blind_eyes():
    for name, matrix in (("normal vision", np.eye(3)), *CVD.items()):
        labs = [lab(matrix @ _linear(c)) for c in RUN_COLORS]
        limit = MIN_DELTA_E if name == "normal vision" else MIN_DELTA_E_CVD
        for i, j in itertools.combinations(range(len(RUN_COLORS)), 2):
            d = delta_e2000(labs[i], labs[j])
            assert d >= limit, f"{name}: runs {i + 1} and {j + 1} differ by ΔE {d:.1f}"


def test_every_run_colour_reads_on_white_and_every_run_has_its_own_marker_and_dash():
    for c in RUN_COLORS:
        assert contrast_ratio(c, "#FFFFFF") >= 2.0, c  # the loss curve's background
    styles = [run_style(k) for k in range(len(RUN_COLORS))]
    assert len({s.symbol for s in styles}) == len(styles)
    assert len({s.glyph for s in styles}) == len(styles)
    assert len({s.dash for s in styles}) == len(styles)
    assert "star" not in {s.symbol for s in styles}  # stars mark the minima
    assert run_style(len(RUN_COLORS)).color == run_color(0)
    assert run_pen(1).dashPattern() and not run_pen(0).dashPattern()


@pytest.mark.parametrize("color", RUN_COLORS)
def test_every_run_colour_reads_on_every_colour_of_the_heat_map(color):
    inner, outer = halo_pens(color, 3.0)
    inner_c, outer_c = inner.color().name(), outer.color().name()
    # the path against its own halo, and the casing against any field colour
    assert contrast_ratio(color, inner_c) >= 4.5
    assert inner.widthF() > 3.0 and outer.widthF() > inner.widthF()
    field = pg.colormap.get(LANDSCAPE_CMAP).getLookupTable(nPts=256, alpha=False)
    for rgb in field:
        bg = "#{:02X}{:02X}{:02X}".format(*(int(v) for v in rgb))
        assert max(contrast_ratio(inner_c, bg), contrast_ratio(outer_c, bg)) >= 4.5, bg


def test_landscape_paths_are_cased_dashed_and_headed_by_the_run_marker(qtbot):
    plot = LandscapePlot()
    qtbot.addWidget(plot)
    traces = [RunTrace(f"run {k}", run_color(k), 2, has_test=False, index=k) for k in range(4)]
    plot.set_runs(traces)
    for k, (line, casing, head) in enumerate(plot._paths):
        style = run_style(k)
        assert line.opts["shadowPen"] is not None
        assert casing.zValue() < line.zValue()
        assert list(line.opts["pen"].dashPattern()) == list(style.dash)
        assert head.opts["symbol"] == style.symbol


def test_the_loss_curve_legend_shows_each_runs_marker_and_dash(qtbot):
    plot = LossCurvePlot()
    qtbot.addWidget(plot)
    traces = [RunTrace(f"run {k}", run_color(k), 2, has_test=False, index=k) for k in range(3)]
    plot.set_runs(traces)
    samples = [sample.item for sample, _label in plot.legend.items]
    assert [s.opts["symbol"] for s in samples] == ["o", "s", "t1"]
    assert [s.scatter.opts["brush"].color().name().upper() for s in samples] == \
        [run_color(k) for k in range(3)]  # what the legend paints
    assert [list(s.opts["pen"].dashPattern()) for s in samples] == \
        [list(run_style(k).dash) for k in range(3)]
    labels = [label.text for _sample, label in plot.legend.items]
    assert labels[1].startswith("Run 2")
