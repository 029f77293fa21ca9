"""A large CSV file loads on a worker thread: the window stays live, Cancel changes
nothing, a problem changed meanwhile is not overwritten, and errors are reported."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import Qt, QThreadPool
from PySide6.QtWidgets import QPushButton

from gdstudio.gui import app_window
from gdstudio.gui.app_window import MainWindow
from gdstudio.gui.qtapp import GuiThreadGarbageCollector

TIMEOUT = 30_000


@pytest.fixture
def big_csv(tmp_path: Path) -> Path:
    rng = np.random.default_rng(3)
    x = rng.uniform(-2, 2, size=60_000)
    y = 3.0 * x - 1.0 + rng.normal(scale=0.1, size=x.size)
    path = tmp_path / "big.csv"
    np.savetxt(path, np.column_stack([x, y]), delimiter=",", header="x,y", comments="",
               fmt="%.9f")
    assert path.stat().st_size >= app_window.LARGE_FILE_BYTES
    return path


@pytest.fixture
def window(qtbot):
    """A window, with garbage collected only in the GUI thread as the application does
    (gdstudio.gui.launch): a collection started in the loading thread would destroy
    an earlier test's widgets there and deadlock against the GUI thread."""
    collector = GuiThreadGarbageCollector(interval_ms=50)
    w = MainWindow()
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    yield w
    QThreadPool.globalInstance().waitForDone(TIMEOUT)
    collector.stop()


def test_large_file_loads_off_the_gui_thread(qtbot, window, big_csv):
    with qtbot.waitSignal(window.session.problem_changed, timeout=TIMEOUT):
        assert window.load_csv(str(big_csv), ["x"], "y")
        # the call returned before the data was read: the session still has the old problem
        assert window.session.run(0).dataset != str(big_csv)
    setup = window.session.setup
    assert window.session.run(0).dataset == str(big_csv)
    assert setup.dataset is not None and setup.dataset.n_samples == 60_000


def test_cancel_keeps_the_old_problem(qtbot, window, big_csv):
    before = window.session.setup
    window.load_csv(str(big_csv), ["x"], "y")
    task = window.background_task
    cancel = task.dialog.findChild(QPushButton)
    with qtbot.waitSignal(task.finished, timeout=TIMEOUT):
        qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    assert task.cancelled
    assert QThreadPool.globalInstance().waitForDone(TIMEOUT)
    qtbot.wait(50)  # deliver the (dropped) result queued by the worker
    assert window.session.setup is before
    assert window.session.run(0).dataset != str(big_csv)


def test_a_problem_changed_while_loading_is_kept(qtbot, window, big_csv):
    window.load_csv(str(big_csv), ["x"], "y")
    with qtbot.waitSignal(window.background_task.finished, timeout=TIMEOUT):
        window.session.edit_problem(kind="surface", surface="rosenbrock")
    assert window.session.run(0).surface == "rosenbrock"
    assert window.session.run(0).kind == "surface"


def test_a_bad_large_file_is_reported(qtbot, window, tmp_path, modal_dialogs):
    bad = tmp_path / "bad.csv"
    bad.write_text("x,y\n" + "1,apple\n" * 200_000)
    before = window.session.setup
    window.load_csv(str(bad), ["x"], "y")
    with qtbot.waitSignal(window.background_task.finished, timeout=TIMEOUT):
        pass
    assert window.session.setup is before
    assert modal_dialogs and "bad.csv" in modal_dialogs[-1]


def test_columns_of_a_large_file_are_read_in_the_background(qtbot, window, big_csv,
                                                            modal_dialogs):
    window.read_csv_columns(str(big_csv))
    with qtbot.waitSignal(window.background_task.finished, timeout=TIMEOUT):
        pass
    assert modal_dialogs[-1] == "Columns of big.csv"
