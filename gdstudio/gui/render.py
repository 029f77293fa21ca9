"""Offscreen PNG of a finished headless run (``gdstudio run --png``), for worksheets.

It draws with the very plot classes of the main window:
the loss landscape with every run's descent path, and the loss curve, side by side.
Qt starts offscreen when no display is available; nothing is shown on screen.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from gdstudio.core.formatting import format_number
from gdstudio.core.landscape import default_plane
from gdstudio.core.scenario import Setup
from gdstudio.gui.i18n import translate

__all__ = ["render_png"]


def render_png(path: str | Path, setup: Setup, trainers: list[Any],
               size: tuple[int, int] = (1300, 560), names: list[str] | None = None,
               image_format: str = "PNG") -> None:
    """Save a PNG of the landscape with the descent paths and the loss curves.

    Args:
        path: the PNG file to write.
        setup: the prepared problem (:func:`gdstudio.core.scenario.prepare`).
        trainers: the runs to draw (their whole histories), up to 8.
        size: the picture's size in pixels (width, height).
        names: legend names (default: optimizer and learning rate).
        image_format: "PNG" or "JPEG" (whatever the file is called).

    Raises:
        OSError: the file cannot be written.
    """
    from gdstudio.gui.qtapp import application, quiet_offscreen_messages

    app = application(offscreen=True)
    with quiet_offscreen_messages():
        _render(app, path, setup, trainers, size, names, image_format)


def _render(app: Any, path: str | Path, setup: Setup, trainers: list[Any],
            size: tuple[int, int], names: list[str] | None, image_format: str = "PNG") -> None:
    from PySide6.QtWidgets import QHBoxLayout, QWidget

    from gdstudio.core.landscape import LandscapeRequest, compute_landscape
    from gdstudio.gui.batches import run_batch
    from gdstudio.gui.landscape_plot import LandscapePlot
    from gdstudio.gui.loss_plot import LossCurvePlot
    from gdstudio.gui.plot_style import STYLE_SHEETS, TEXT, run_color
    from gdstudio.gui.run_trace import RunTrace
    from gdstudio.gui.slope_plot import SlopePlot

    problem = setup.problem
    window = QWidget()
    window.setStyleSheet(STYLE_SHEETS["render_background"])
    layout = QHBoxLayout(window)
    layout.setSpacing(28)
    one_d = problem.n_params == 1
    landscape = SlopePlot() if one_d else LandscapePlot()
    losses = LossCurvePlot()
    layout.addWidget(landscape, 11)
    layout.addWidget(losses, 9)
    window.resize(*size)

    traces = []
    for i, trainer in enumerate(trainers):
        name = names[i] if names else (
            f"{translate('Names', trainer.optimizer.title)}, "
            f"η = {format_number(trainer.schedule.learning_rate)}")
        trace = RunTrace(name, run_color(i), problem.n_params, problem.has_test, index=i)
        traces.append(trace)
    if one_d:
        assert isinstance(landscape, SlopePlot)
        for trace, trainer in zip(traces, trainers):
            trace.append_batch(run_batch(0, trainer))
        landscape.set_problem(setup, problem.param_names[0])
        landscape.set_runs(traces)
        landscape.frame(traces)
    else:
        assert isinstance(landscape, LandscapePlot)
        final = trainers[0].theta if problem.n_params > 2 else None
        plane = default_plane(problem, final)
        for trace, trainer in zip(traces, trainers):
            trace.set_plane(plane)
            trace.append_batch(run_batch(0, trainer))
        points = np.concatenate([plane.project(t.thinned_path()[1]) for t in trainers])
        surface = setup.surface
        request = LandscapeRequest(
            problem, plane, points=points, resolution=161,
            bounds=None if surface is None else surface.bounds,
            include_optimum=setup.model is not None, aspect=1.25)
        result = compute_landscape(request)
        if surface is not None:
            title = translate("render", "{title}: f(x, y) = {formula}").format(
                title=translate("Names", surface.title), formula=surface.formula)
        else:
            title = translate("render", "Loss landscape on the {plane}").format(
                plane=translate("LandscapePanel", plane.title))
        landscape.set_plane(plane, title)
        landscape.plot_item.setTitle(title, size="12pt", color=TEXT)
        landscape.set_result(result)
        if surface is not None and surface.minima:
            landscape.set_minima(np.array(surface.minima, dtype=float).reshape(-1, 2))
        landscape.set_runs(traces)
    losses.set_runs(traces)
    window.show()
    app.processEvents()
    landscape.refresh(traces, 0)
    losses.refresh(traces)
    app.processEvents()
    image = window.grab()
    window.close()
    window.deleteLater()
    app.processEvents()
    if not image.save(str(path), image_format):
        raise OSError(translate("render", "cannot write {path}").format(path=path))
