"""Projector mode, zoom, the layout at 1024×700 and 1600×1000, textbook axis labels,
legends off the data, the saddle's colours and a short divergence banner."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPointF, QSettings
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QWidget,
)

from gdstudio.core.formatting import format_number
from gdstudio.core.scenario import Scenario
from gdstudio.core.status import Status, StopReason
from gdstudio.core.trainer import Stopping
from gdstudio.gui.app_window import MainWindow, default_scenario
from gdstudio.gui.batches import PlayerEvent, PlayerStatus, RunReport
from gdstudio.gui.messages import divergence_banner, status_line
from gdstudio.gui.plot_style import (
    ZOOM_MAX,
    ZOOM_MIN,
    HouseAxis,
    house_tick_strings,
    legend_width,
    style_scale,
)
from gdstudio.gui.settings import Preferences

TIMEOUT = 15_000
SADDLE = Scenario(kind="surface", surface="saddle", optimizer="gd", learning_rate=0.05,
                  init=(1.8, 0.01))


def _take_steps(qtbot, window: MainWindow, n: int) -> None:
    window.controller.step_by(n)
    qtbot.waitUntil(lambda: window.traces[0].current.step >= n, timeout=TIMEOUT)
    window.redraw_now()


def _looks(window: MainWindow) -> dict[str, float]:
    """Font sizes (pt) and pen widths (px) that projector mode and zoom change."""
    loss_axis = window.loss_plot.plot_item.getAxis("bottom")
    land_axis = window.landscape_plot.plot_item.getAxis("left")
    path_line, _casing, path_head = window.landscape_plot._paths[0]
    loss_curve = window.loss_plot._curves[0][0]
    fit = window.data_plot._fits[0]
    legend_label = window.loss_plot.legend.items[0][1]
    return {
        "app font": QApplication.font().pointSizeF(),
        "loss ticks": loss_axis.style["tickFont"].pointSizeF(),
        "landscape ticks": land_axis.style["tickFont"].pointSizeF(),
        "loss label": float(loss_axis.labelStyle["font-size"].removesuffix("pt")),
        "loss legend": float(legend_label.opts["size"].removesuffix("pt")),
        "loss pen": loss_curve.opts["pen"].widthF(),
        "path pen": path_line.opts["pen"].widthF(),
        "path marker": float(path_head.opts["size"]),
        "fit pen": fit.opts["pen"].widthF(),
        "axis pen": loss_axis.pen().widthF(),
        "card table": window.card.table.font().pointSizeF(),
        "card equations": float(window.card.equations.toHtml().count("pt")),
        "status bar": window.status_label.font().pointSizeF(),
        "readout": window.readout.label.font().pointSizeF(),
    }


# ------------------------------------------------------------------ projector mode
def test_projector_mode_enlarges_text_and_lines_and_turning_it_off_restores_them(
        qtbot, open_window):
    window = open_window(default_scenario())
    _take_steps(qtbot, window, 3)
    normal = _looks(window)
    card_html = window.card.equations.toHtml()
    banner_sheet = window.banner.styleSheet()
    title_sheet = window.landscape.title.styleSheet()
    assert not window.act_projector.isChecked()

    window.act_projector.trigger()
    window.redraw_now()
    QApplication.processEvents()  # the application font reaches every widget
    assert window.act_projector.isChecked() and style_scale().projector
    big = _looks(window)
    for key in ("app font", "loss ticks", "landscape ticks", "loss label", "card table",
                "status bar", "readout"):
        assert big[key] >= 1.3 * normal[key], key
    # the legend grows as far as it fits the plot's width (it may shrink a step for that)
    assert big["loss legend"] >= 1.2 * normal["loss legend"]
    loss = window.loss_plot
    assert legend_width(loss.legend) <= loss.width()
    assert loss.plot_item.geometry().width() <= loss.width() + 1
    for key in ("loss pen", "path pen", "fit pen", "axis pen"):
        assert big[key] >= 1.5 * normal[key], key
    assert big["path marker"] > normal["path marker"]
    assert window.card.equations.toHtml() != card_html  # the card's font-size grew
    assert window.banner.styleSheet() != banner_sheet
    assert window.landscape.title.styleSheet() != title_sheet
    # stronger contrast: black tick text
    assert window.loss_plot.plot_item.getAxis("bottom").textPen().color().name() == "#000000"

    window.act_projector.trigger()
    window.redraw_now()
    QApplication.processEvents()
    assert not style_scale().projector
    assert _looks(window) == pytest.approx(normal)
    assert window.card.equations.toHtml() == card_html
    assert window.banner.styleSheet() == banner_sheet
    assert window.landscape.title.styleSheet() == title_sheet


# ------------------------------------------------------------------ zoom
def test_zoom_in_out_actual_size_and_the_limits(qtbot, open_window):
    window = open_window(default_scenario())
    _take_steps(qtbot, window, 2)
    normal = _looks(window)
    keys = [s.toString() for s in window.act_zoom_in.shortcuts()]
    assert "Ctrl++" in keys
    assert window.act_zoom_out.shortcut() == QKeySequence(QKeySequence.StandardKey.ZoomOut)
    assert window.act_actual_size.shortcut().toString() == "Ctrl+0"

    window.act_zoom_in.trigger()
    QApplication.processEvents()
    assert style_scale().zoom == pytest.approx(1.15)
    bigger = _looks(window)
    assert bigger["app font"] == pytest.approx(normal["app font"] * 1.15, rel=0.02)
    assert bigger["loss ticks"] > normal["loss ticks"]
    assert bigger["loss pen"] > normal["loss pen"]
    assert "115 %" in window.status_label.text()

    for _ in range(20):
        window.act_zoom_in.trigger()
    assert style_scale().zoom == ZOOM_MAX == 2.5
    for _ in range(30):
        window.act_zoom_out.trigger()
    assert style_scale().zoom == ZOOM_MIN == 0.7
    QApplication.processEvents()
    assert _looks(window)["app font"] < normal["app font"]

    window.act_actual_size.trigger()
    QApplication.processEvents()
    assert style_scale().zoom == 1.0
    assert _looks(window) == pytest.approx(normal)


def test_settings_remember_projector_mode_and_zoom(qtbot, tmp_path):
    def prefs() -> Preferences:
        return Preferences(QSettings(str(tmp_path / "gdstudio.ini"),
                                     QSettings.Format.IniFormat))

    first = MainWindow(SADDLE, preferences=prefs())
    qtbot.addWidget(first)
    first.show()
    first.act_projector.trigger()
    first.act_zoom_in.trigger()
    first.act_zoom_in.trigger()
    zoom = style_scale().zoom
    first.close()
    style_scale().reset()  # as at a fresh start
    second = MainWindow(SADDLE, preferences=prefs())
    qtbot.addWidget(second)
    try:
        assert second.act_projector.isChecked() and style_scale().projector
        assert style_scale().zoom == pytest.approx(zoom) and zoom > 1.3
        assert second.preferences.value("view/projector", False, bool)
    finally:
        style_scale().reset()
        second.close()
    third = MainWindow(SADDLE, preferences=prefs())  # saved as off and 100 %
    qtbot.addWidget(third)
    try:
        assert not third.act_projector.isChecked() and style_scale().zoom == 1.0
        assert not style_scale().projector
    finally:
        style_scale().reset()
        third.close()


# ------------------------------------------------------------------ layout
_CONTROLS = (QAbstractButton, QAbstractSpinBox, QComboBox, QLineEdit, QAbstractSlider)


def _check_layout(window: MainWindow, size: tuple[int, int]) -> dict[str, tuple[int, int]]:
    assert (window.width(), window.height()) == size  # not grown past the screen's size
    scroll = window.settings_scroll
    inner = scroll.widget()
    controls = [w for w in inner.findChildren(QWidget)
                if isinstance(w, _CONTROLS) and w.isVisibleTo(inner)]
    assert len(controls) > 10
    viewport_w = scroll.viewport().width()
    for w in controls:
        top_left = w.mapTo(inner, w.rect().topLeft())
        bottom_right = w.mapTo(inner, w.rect().bottomRight())
        # inside the scrolled widget (reachable by scrolling) and not cut at the right
        assert inner.rect().contains(top_left) and inner.rect().contains(bottom_right), w
        assert bottom_right.x() < viewport_w, (w, bottom_right.x(), viewport_w)
    sizes = {}
    for name in ("landscape_plot", "loss_plot", "data_plot"):
        plot = getattr(window, name)
        assert plot.width() > 0 and plot.height() > 0, name
        # the plot's drawing fits its widget (pyqtgraph does not cut off the right side)
        assert plot.getPlotItem().geometry().width() <= plot.width() + 1, name
        sizes[name] = (plot.width(), plot.height())
    central = window.centralWidget()
    assert central.geometry().right() < window.width()
    assert window.card_dock.isVisible() and window.card_dock.height() > 60
    return sizes


def test_layout_at_1024x700_and_1600x1000(qtbot, open_window):
    window = open_window(default_scenario(), size=(1024, 700))
    _take_steps(qtbot, window, 5)
    qtbot.wait(50)
    small = _check_layout(window, (1024, 700))
    window.resize(1600, 1000)
    qtbot.waitUntil(lambda: window.width() == 1600, timeout=TIMEOUT)
    qtbot.wait(50)
    large = _check_layout(window, (1600, 1000))
    for name in small:
        assert large[name][0] > small[name][0] and large[name][1] > small[name][1], name


def test_a_lesson_at_1024x700_shares_the_settings_place_and_nothing_is_cut(qtbot,
                                                                            open_window):
    """A third column for the lesson pushed a 1024-pixel window to 1188 px: in a narrow
    window the lesson is a tab beside the settings, in front; three runs' loss curves keep
    room for their plot under the title, axes and legend."""
    window = open_window(default_scenario(), size=(1024, 700))
    assert window.open_scenario("08_batches_and_epochs")
    qtbot.waitUntil(lambda: window.lesson_dock.isVisible(), timeout=TIMEOUT)
    window.resize(1024, 700)
    _take_steps(qtbot, window, 3)  # run 1 (batch GD) ends after its 3 epochs
    qtbot.waitUntil(lambda: (window.width(), window.height()) == (1024, 700),
                    timeout=TIMEOUT)
    assert window.tabifiedDockWidgets(window.lesson_dock) == [window.dock]
    qtbot.waitUntil(lambda: not window.lesson_pane.visibleRegion().isEmpty(), timeout=TIMEOUT)
    assert window.lesson_pane.check_button.isVisible() or window.lesson_pane.next.isVisible()
    for name in ("landscape_plot", "loss_plot", "data_plot"):
        plot = getattr(window, name)
        view = plot.getPlotItem().vb.sceneBoundingRect()
        item = plot.getPlotItem()
        assert view.height() >= 35 and view.width() >= 100, (
            name, view, plot.height(), plot.minimumHeight(),
            getattr(plot, "legend", None) and plot.legend.boundingRect().height(),
            item.titleLabel.maximumHeight(), item.getAxis("bottom").height(),
            item.getAxis("top").height(), item.getAxis("top").isVisible())
        assert plot.getPlotItem().geometry().width() <= plot.width() + 1, name
    # wide enough: the lesson is a column of its own
    wide = open_window(default_scenario(), size=(1600, 1000))
    assert wide.open_scenario("08_batches_and_epochs")
    assert wide.tabifiedDockWidgets(wide.lesson_dock) == []


# ------------------------------------------------------------------ axes
def test_axis_ticks_use_the_house_number_format_and_no_si_prefix(qtbot, open_window):
    window = open_window(default_scenario())
    _take_steps(qtbot, window, 5)
    plots = {"loss": window.loss_plot.plot_item, "landscape": window.landscape_plot.plot_item,
             "data": window.data_plot.plot_item, "sweep": window.sweep.plot.getPlotItem()}
    for name, plot in plots.items():
        for side in ("bottom", "left"):
            axis = plot.getAxis(side)
            assert isinstance(axis, HouseAxis), (name, side)
            assert not axis.autoSIPrefix, (name, side)
            assert "(x" not in axis.labelString() and "×10" not in axis.labelString()
            lo, hi = sorted(axis.range)
            for spacing, values in axis.tickValues(lo, hi, 400):
                for text in axis.tickStrings(values, 1.0, spacing):
                    assert "e+" not in text and "e-" not in text, (name, side, text)
    # the landscape of the penguins spans thousands: plain numbers, never 5e+03
    axis = window.landscape_plot.plot_item.getAxis("bottom")
    assert axis.tickStrings([-5000.0, 0.0, 5000.0], 1.0, 5000.0) == ["−5000", "0", "5000"]
    assert house_tick_strings([1.5e6, 3e6], 1.0, 1.5e6) == ["1.5·10⁶", "3·10⁶"]
    assert house_tick_strings([0.0005, 0.001], 1.0, 0.0005) == ["5·10⁻⁴", "0.001"]
    assert house_tick_strings([1.2, 1.4000000000000001], 1.0, 0.2) == ["1.2", "1.4"]
    # the loss curve's log axis: powers of ten
    loss_axis = window.loss_plot.plot_item.getAxis("left")
    assert window.loss_plot.log_y and loss_axis.logMode
    lo, hi = sorted(loss_axis.range)
    strings = [s for spacing, values in loss_axis.tickValues(lo, hi, 300)
               for s in loss_axis.tickStrings(values, 1.0, spacing) if s]
    assert strings and all("10" in s or s in ("1", "2", "5") or "·" in s for s in strings)
    assert not any("e+" in s for s in strings)


def test_a_tiny_range_reads_as_numbers_not_an_si_prefix(qtbot, open_window):
    window = open_window(SADDLE)
    plot = window.landscape_plot.plot_item
    plot.vb.setRange(xRange=(-0.0005, 0.0005), yRange=(-0.0005, 0.0005), padding=0)
    qtbot.wait(20)
    axis = plot.getAxis("bottom")
    assert axis.autoSIPrefixScale == 1.0 and "(x" not in axis.labelString()
    lo, hi = sorted(axis.range)
    texts = [t for spacing, values in axis.tickValues(lo, hi, 400)
             for t in axis.tickStrings(values, 1.0, spacing)]
    assert any("10⁻⁴" in t for t in texts)


# ------------------------------------------------------------------ legends
def test_legends_stay_off_the_data(qtbot, open_window):
    window = open_window(default_scenario())
    _take_steps(qtbot, window, 10)
    qtbot.wait(50)
    # data view: the legend is below the plot area, no training point under it
    data = window.data_plot
    vb = data.plot_item.vb
    legend_rect = data.legend.sceneBoundingRect()
    assert legend_rect.width() > 0 and len(data.legend.items) >= 2
    assert not legend_rect.intersects(vb.sceneBoundingRect())
    inside = [p for p in data._points
              if legend_rect.contains(vb.mapViewToScene(QPointF(float(p[0]), float(p[1]))))]
    assert inside == []
    # loss curve: the legend is below the plot area
    loss = window.loss_plot
    assert not loss.legend.sceneBoundingRect().intersects(loss.plot_item.vb.sceneBoundingRect())
    # landscape: the arrows' key is a strip below the plot, not over the heat map
    land = window.landscape_plot
    key = land.arrow_key
    assert key.isVisible() and "GD step" in key.text()
    assert key.parentWidget() is land.parentWidget()
    assert key.geometry().top() >= land.geometry().bottom()


# ------------------------------------------------------------------ colours
def test_the_saddle_heat_map_shows_its_shape(qtbot, open_window):
    window = open_window(SADDLE)
    plot = window.landscape_plot
    # after a resize the landscape is framed again to the plot's new shape
    qtbot.waitUntil(lambda: not window.landscape.busy
                    and not window.landscape.view_overhangs_grid(), timeout=TIMEOUT)
    result = plot.result
    assert result is not None and not result.log_scale
    lo, hi = plot.image.getLevels()
    assert hi > lo
    shown = np.clip((result.display - lo) / (hi - lo), 0, 1)
    # not a flat field: the colours spread over the scale
    assert float(np.mean(shown > 0.9)) < 0.2 and float(np.std(shown)) > 0.15
    assert not plot.colorbar.axis.logMode
    # the heat map fills the view (to 2 %: the view's 1:1 aspect ratio)
    (x0, x1), (y0, y1) = plot.plot_item.vb.viewRange()
    rect = plot.image.mapRectToView(plot.image.boundingRect())
    tol_x, tol_y = 0.02 * (x1 - x0), 0.02 * (y1 - y0)
    assert rect.left() <= x0 + tol_x and rect.right() >= x1 - tol_x
    assert rect.top() <= y0 + tol_y and rect.bottom() >= y1 - tol_y
    # a window resized to another shape: framed again, still filled
    window.resize(1300, 700)
    qtbot.waitUntil(lambda: window.width() == 1300, timeout=TIMEOUT)
    qtbot.wait(400)  # the re-framing waits 250 ms for the resizing to end
    qtbot.waitUntil(lambda: not window.landscape.busy
                    and not window.landscape.view_overhangs_grid(), timeout=TIMEOUT)


# ------------------------------------------------------------------ banner
def _report(index: int, status: Status, step: int, diverged_at: int | None = None,
            loss: float | None = None) -> RunReport:
    return RunReport(index=index, status=status,
                     stop_reason=StopReason.DIVERGED if status == Status.DIVERGED
                     else StopReason.GRAD_TOL, step=step, loss=1.0, learning_rate=0.1,
                     diverged_at=diverged_at, diverged_loss=loss,
                     stopping=Stopping(grad_tol=1e-6))


def test_the_divergence_banner_is_short_and_names_only_the_diverged_run():
    diverged = _report(1, Status.DIVERGED, 7, diverged_at=7, loss=1.6e15)
    converged = _report(0, Status.CONVERGED, 80)
    title, text = divergence_banner(diverged, "Adam, η = 0.1", 0.01)
    assert title == "Diverged."
    assert text == ("Run 2 (Adam, η = 0.1) diverged at step 7: the loss reached "
                    f"{format_number(1.6e15)}. Try η = 0.01 or press Reset (R).")
    assert len(title) + len(text) < 140
    assert "Run 1" not in text
    # the other run's state goes to the status bar
    status = PlayerStatus(event=PlayerEvent.RUN_DIVERGED, status=Status.DIVERGED,
                          playing=False, speed=20.0, to_stop=False,
                          runs=(converged, diverged), run=1)
    line = status_line(status, ["Gradient descent, η = 0.1", "Adam, η = 0.1"])
    assert "Run 1 (Gradient descent, η = 0.1) converged at step 80" in line


def test_a_legend_too_wide_for_its_plot_shortens_its_entries_and_gets_them_back(qtbot):
    """Long run names at the smallest legend text end in "…" rather than widening the
    plot past its widget; with room again the full names come back."""
    from gdstudio.gui.loss_plot import LossCurvePlot
    from gdstudio.gui.plot_style import legend_width, run_color
    from gdstudio.gui.run_trace import RunTrace

    plot = LossCurvePlot()
    qtbot.addWidget(plot)
    names = [f"Momentum, η = 0.00{k}, β = 0.9, batch 16, inverse time schedule"
             for k in range(1, 5)]
    plot.set_runs([RunTrace(n, run_color(k), 2, False, index=k)
                   for k, n in enumerate(names)])
    plot.resize(260, 400)
    plot.show()
    qtbot.waitUntil(lambda: plot.width() == 260)
    # once laid out (the axis takes its width from its tick labels), nothing is cut off
    qtbot.waitUntil(lambda: plot.getPlotItem().geometry().width() <= plot.width() + 1)
    texts = [label.text for _sample, label in plot.legend.items]
    assert any(t.endswith("…") for t in texts)
    assert legend_width(plot.legend) < 260 - 40, texts
    plot.resize(1400, 400)
    qtbot.waitUntil(lambda: plot.width() == 1400)
    assert [label.text for _sample, label in plot.legend.items] == \
        [f"Run {k + 1}: {n}" for k, n in enumerate(names)]


def test_the_network_view_follows_projector_mode(qtbot):
    """Neurons, edges and their numbers grow with projector mode, and come back."""
    from gdstudio.core.scenario import prepare
    from gdstudio.gui.network_view import NetworkView

    setup = prepare(Scenario(kind="data", dataset="xor", model="mlp", hidden=[3],
                             loss="logloss"))
    view = NetworkView()
    qtbot.addWidget(view)
    view.set_setup(setup)
    view.set_point(2)  # forward: z and a written at every neuron
    view.refresh(setup.make_trainer(setup.scenario).theta)

    def looks() -> tuple[float, float, float]:
        scatter = view.graph.scatter
        return (float(scatter.opts["size"]), view._labels[0].textItem.font().pointSizeF(),
                float(view.graph.pen["width"].max()))

    normal = looks()
    style_scale().set_projector(True)
    big = looks()
    assert big[0] >= 1.3 * normal[0] and big[1] >= 1.3 * normal[1]
    assert big[2] >= 1.5 * normal[2]
    style_scale().set_projector(False)
    assert looks() == normal


def test_a_closed_plot_is_not_restyled(qtbot):
    """PlotWidget.close() takes the plot apart before Qt deletes the widget; a projector
    switch in between must leave it alone (it raised in every closed plot)."""
    from gdstudio.gui.data_plot import DataPlot
    from gdstudio.gui.landscape_plot import LandscapePlot
    from gdstudio.gui.loss_plot import LossCurvePlot
    from gdstudio.gui.slope_plot import SlopePlot

    plots = [LossCurvePlot(), LandscapePlot(), DataPlot(), SlopePlot()]
    for plot in plots:
        plot.close()
    with qtbot.captureExceptions() as exceptions:
        style_scale().set_projector(True)
        style_scale().set_projector(False)
    assert not exceptions
    for plot in plots:
        plot.deleteLater()


@pytest.mark.parametrize("height, lines", [(900, 2), (250, 1), (160, 0)])
def test_the_network_view_writes_as_many_numbers_as_fit(qtbot, height, lines):
    """Forward pass of a 2-4-4-1 network: z and a at each neuron in a tall view, a alone
    in a shorter one, none (and a hint) where they would run into the next neuron; the
    labels never overlap each other."""
    from gdstudio.core.scenario import prepare
    from gdstudio.gui.network_view import NetworkView

    setup = prepare(Scenario(kind="data", dataset="xor", model="mlp", hidden=[4, 4],
                             loss="logloss"))
    view = NetworkView()
    qtbot.addWidget(view)
    view.resize(500, height)
    view.show()
    qtbot.waitExposed(view)
    view.set_setup(setup)
    view.set_point(1)
    view.refresh(setup.make_trainer(setup.scenario).theta)
    neuron_labels = [label for label in view._labels if label.textItem.toPlainText()[:2] in
                     ("z=", "a=", "x=")]
    texts = [label.textItem.toPlainText() for label in neuron_labels]
    if lines == 0:
        assert not texts and "taller" in view.caption.text()
        return
    assert "taller" not in view.caption.text() or lines == 1
    hidden = [t for t in texts if not t.startswith("x=")]
    assert len(hidden) == 4 + 4 + 1
    assert all(t.count("\n") == lines - 1 for t in hidden)
    assert all(("z=" in t) == (lines == 2) and "a=" in t for t in hidden)
    boxes = [label.sceneBoundingRect() for label in neuron_labels]
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert not a.intersects(b)


def test_every_toolbar_button_shows_in_a_narrow_projector_window(qtbot, open_window):
    """At 1024 pixels with projector text the transport buttons show their icons alone
    (tooltips name them) rather than pushing "Add comparison run" into the » menu; a wide
    window, or normal text, writes their names beside the icons again."""
    from PySide6.QtCore import Qt

    window = open_window(default_scenario(), size=(1024, 700))
    tb = window.toolbar
    transport = [tb.widgetForAction(a) for a in (window.act_play, window.act_step,
                                                 window.act_back, window.act_reset,
                                                 window.act_run)]

    def every_button_shown() -> bool:
        return all(tb.widgetForAction(a).isVisible() for a in tb.actions()
                   if not a.isSeparator())

    assert every_button_shown()
    window.act_projector.trigger()
    qtbot.waitUntil(lambda: transport[0].toolButtonStyle() ==
                    Qt.ToolButtonStyle.ToolButtonIconOnly, timeout=TIMEOUT)
    qtbot.waitUntil(every_button_shown, timeout=TIMEOUT)
    assert all(b.toolTip() for b in transport)
    window.resize(1600, 900)
    qtbot.waitUntil(lambda: all(b.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonTextBesideIcon
                                for b in transport), timeout=TIMEOUT)
    assert every_button_shown()


def test_the_arrow_key_is_below_the_landscape_never_over_it(qtbot, open_window):
    """At 1024×768 with projector text the arrow key wraps to more lines; the landscape
    makes room for them (its x axis was hidden under the key)."""
    window = open_window(default_scenario(), size=(1024, 768))
    window.act_projector.trigger()
    plot, key = window.landscape.plot, window.landscape.plot.arrow_key
    qtbot.waitUntil(lambda: key.isVisible() and key.height() >= key.heightForWidth(key.width()),
                    timeout=TIMEOUT)
    qtbot.waitUntil(lambda: plot.geometry().bottom() < key.geometry().top(), timeout=TIMEOUT)
    assert key.minimumHeight() == key.heightForWidth(key.width()) > key.fontMetrics().height()
