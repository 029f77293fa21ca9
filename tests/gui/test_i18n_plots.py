"""The plots speak Traditional Chinese: a language switch re-labels every view live.

Each test switches to zh_TW (``set_language``; Qt posts ``LanguageChange`` to the
widgets, so the test waits for it to arrive), checks the texts changed, switches back
and checks English came back exactly. The ``speak`` fixture always restores English.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import numpy as np
import pytest

from gdstudio.core.landscape import LandscapeRequest, axes_plane, compute_landscape, random_plane
from gdstudio.core.scenario import Scenario, prepare
from gdstudio.core.session import Session
from gdstudio.gui.background import BackgroundTask
from gdstudio.gui.data_plot import DataPlot
from gdstudio.gui.i18n import current_language, set_language
from gdstudio.gui.landscape_panel import LandscapePanel
from gdstudio.gui.landscape_plot import LandscapePlot
from gdstudio.gui.loss_plot import LossCurvePlot
from gdstudio.gui.mountain_view import MountainView
from gdstudio.gui.plot_style import run_color
from gdstudio.gui.run_trace import RunTrace
from gdstudio.gui.slope_plot import SlopePlot
from tests.gui.test_plot_views import make_batch

TIMEOUT = 10_000


@pytest.fixture
def speak(qtbot) -> Iterator[Callable[[str, Callable[[], bool]], None]]:
    """``speak(lang, arrived)``: switch the language and wait until ``arrived()``."""

    def switch(lang: str, arrived: Callable[[], bool]) -> None:
        assert set_language(lang)
        assert current_language() == lang
        qtbot.waitUntil(arrived, timeout=TIMEOUT)

    yield switch
    set_language("en")
    qtbot.wait(10)  # let the posted LanguageChange reach what is still alive


def axis_text(plot, name: str) -> str:
    return plot.plot_item.getAxis(name).labelText


def legend_texts(legend) -> list[str]:
    return [label.text for _sample, label in legend.items]


def arrow_key_text(plot) -> str:
    """The landscape's arrow key (a strip below the plot) as plain text."""
    from PySide6.QtGui import QTextDocumentFragment

    return QTextDocumentFragment.fromHtml(plot.arrow_key.text()).toPlainText()


def texts(plot) -> dict[str, object]:
    """Every text a plot shows outside its data."""
    return {"title": plot.plot_item.titleLabel.text, "bottom": axis_text(plot, "bottom"),
            "left": axis_text(plot, "left"), "legend": legend_texts(plot.legend)}


def test_loss_curve_relabels_live(qtbot, speak):
    plot = LossCurvePlot()
    qtbot.addWidget(plot)
    traces = [RunTrace("Adam", run_color(0), 2, has_test=True)]
    plot.set_runs(traces)
    english = texts(plot)
    assert english["title"] == "Loss curve" and english["bottom"] == "step k"
    assert english["left"] == "loss L(θₖ)"
    assert english["legend"] == ["Adam", "thin dotted: loss on the test set"]
    speak("zh_TW", lambda: plot.plot_item.titleLabel.text == "損失曲線")
    assert axis_text(plot, "bottom") == "步數 k" and axis_text(plot, "left") == "損失 L(θₖ)"
    assert legend_texts(plot.legend) == ["Adam", "細點線：測試集上的損失"]
    plot.set_x_unit("epoch")  # a unit chosen in Chinese is labelled in Chinese
    assert axis_text(plot, "bottom") == "訓練週期（走過整個訓練集的次數）"
    plot.set_x_unit("step")
    speak("en", lambda: plot.plot_item.titleLabel.text == "Loss curve")
    assert texts(plot) == english


def test_landscape_arrow_legend_and_plane_labels_relabel_live(qtbot, speak):
    setup = prepare(Scenario())
    plane = axes_plane(setup.problem)
    plot = LandscapePlot()
    qtbot.addWidget(plot)
    plot.resize(500, 400)
    plot.show()
    plot.set_plane(plane)
    plot.set_result(compute_landscape(LandscapeRequest(setup.problem, plane, (-2, 2),
                                                       (-1, 3), resolution=21)))
    trace = RunTrace("run", run_color(0), 2, has_test=False)
    trace.set_plane(plane)
    plot.set_runs([trace])
    trace.append_batch(make_batch(0, 0, 5, full_grad=True, velocity=True))
    plot.refresh([trace])
    english = arrow_key_text(plot)
    assert "−η∇L mini-batch" in english and "last update θₖ − θₖ₋₁" in english
    speak("zh_TW", lambda: "上一次更新 θₖ − θₖ₋₁" in arrow_key_text(plot))
    chinese = arrow_key_text(plot)
    assert "−η∇L（小批次）" in chinese and "−ηv（動量）" in chinese
    assert "update" not in chinese and "momentum" not in chinese
    plot.set_plane(random_plane(setup.problem, np.array([1.0, 1.0])))
    assert (axis_text(plot, "bottom"), axis_text(plot, "left")) == ("方向 1", "方向 2")
    speak("en", lambda: arrow_key_text(plot) == english)
    assert (axis_text(plot, "bottom"), axis_text(plot, "left")) == ("direction 1",
                                                                    "direction 2")


def test_data_plot_relabels_live(qtbot, speak):
    setup = prepare(Scenario(kind="data", dataset="penguins", standardize=True))
    plot = DataPlot()
    qtbot.addWidget(plot)
    trace = RunTrace("run", run_color(0), 2, has_test=False)
    plot.set_setup(setup, [trace])
    rb = make_batch(0, 0, 3)
    trace.append_batch(rb)
    plot.refresh([trace], 0)
    english = texts(plot)
    assert "MSE = mean of squared residuals" in english["title"]
    assert english["legend"] == ["training data", "model's prediction ŷ"]
    speak("zh_TW", lambda: "殘差平方的平均" in plot.plot_item.titleLabel.text)
    assert plot.plot_item.titleLabel.text.startswith("資料：")
    assert legend_texts(plot.legend) == ["訓練資料", "模型的預測 ŷ"]
    speak("en", lambda: "mean of squared residuals" in plot.plot_item.titleLabel.text)
    assert texts(plot) == english
    plot.set_setup(None, [])
    speak("zh_TW", lambda: plot.plot_item.titleLabel.text ==
          "資料與擬合：沒有資料（解析曲面）")


def test_classification_data_plot_relabels_live(qtbot, speak):
    setup = prepare(Scenario(kind="data", dataset="diabetes", x=["bmi", "bp"]))
    plot = DataPlot()
    qtbot.addWidget(plot)
    plot.set_setup(setup, [RunTrace("run", run_color(0), setup.problem.n_params, False)])
    assert axis_text(plot, "bottom").startswith("actual ")
    english = texts(plot)
    speak("zh_TW", lambda: axis_text(plot, "bottom").startswith("實際 "))
    assert axis_text(plot, "left").startswith("預測 ")
    assert legend_texts(plot.legend) == ["預測（焦點執行）"]
    speak("en", lambda: axis_text(plot, "bottom").startswith("actual "))
    assert texts(plot) == english


def test_slope_plot_of_a_parabola_relabels_live(qtbot, speak):
    setup = prepare(Scenario(kind="surface", surface="parabola", learning_rate=0.25))
    trainer = setup.make_trainer()
    trainer.run(2)
    from gdstudio.gui.training_thread import run_batch

    plot = SlopePlot()
    qtbot.addWidget(plot)
    plot.resize(500, 400)
    plot.show()
    trace = RunTrace("run", run_color(0), 1, has_test=False)
    trace.append_batch(run_batch(0, trainer))
    plot.set_problem(setup, "x")
    plot.set_runs([trace])
    plot.frame([trace])
    plot.refresh([trace], 0)

    def shown() -> tuple[str, str, str, str]:
        return (plot.plot_item.titleLabel.text, axis_text(plot, "left"),
                axis_text(plot, "bottom"), plot.label.textItem.toPlainText())

    english = shown()
    assert english[1] == "loss L(θ)" and english[3].startswith("slope L′(θ) = 1")
    speak("zh_TW", lambda: axis_text(plot, "left") == "損失 L(θ)")
    title, _left, bottom, label = shown()
    assert title == english[0] and bottom == "x"  # a formula and a symbol stay
    assert label.startswith("斜率 L′(θ) = 1\n這一步 −η·L′(θ) = ")
    speak("en", lambda: axis_text(plot, "left") == "loss L(θ)")
    assert shown() == english


def test_landscape_panel_title_and_controls_relabel_live(qtbot, speak):
    session = Session(Scenario(kind="data", dataset="penguins", standardize=True,
                               loss="mae"))
    panel = LandscapePanel(session)
    qtbot.addWidget(panel)
    panel.resize(700, 500)
    panel.show()
    panel.set_problem()
    panel.replan()
    qtbot.waitUntil(lambda: not panel.busy and panel.plot.result is not None,
                    timeout=TIMEOUT)
    english = (panel.title.text(), panel.tabs.tabText(0), panel.pin.text(),
               panel.plane_mode.itemText(0))
    assert english[0] == "Loss landscape L(w, b), MAE"
    assert english[1:] == ("Contours", "Pin view", "PCA plane of the descent path")
    speak("zh_TW", lambda: panel.title.text() == "損失地形 L(w, b)，MAE")
    assert panel.tabs.tabText(0) == "等高線" and panel.tabs.tabText(1) == "山景（3D）"
    assert panel.pin.text() == "固定視野"
    assert panel.plane_mode.itemText(0) == "下降路徑的 PCA 平面"
    assert panel.plane_mode.itemData(0) == "pca"  # the choice itself is unchanged
    assert "OpenGL" in panel.mountain.message.text() and "3D 山景" in \
        panel.mountain.message.text()
    speak("en", lambda: panel.title.text() == english[0])
    assert (panel.title.text(), panel.tabs.tabText(0), panel.pin.text(),
            panel.plane_mode.itemText(0)) == english
    panel.shutdown()


def test_mountain_message_and_progress_dialog_in_chinese(qtbot, speak):
    view = MountainView()
    qtbot.addWidget(view)
    english = view.message.text()
    speak("zh_TW", lambda: view.message.text() != english)
    assert view.message.text().startswith("3D 山景需要 OpenGL")
    parent = LossCurvePlot()
    qtbot.addWidget(parent)
    task = BackgroundTask(parent, "讀取中…", lambda: 1, lambda _r: None, lambda _e: None)
    assert task.dialog.windowTitle() == "請稍候"
    task.dialog.close()
    task.deleteLater()
