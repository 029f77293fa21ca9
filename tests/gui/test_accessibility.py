"""Keyboard and screen-reader use: every control has an accessible name, Tab reaches every
one of them in reading order, and the custom sliders answer the usual keys."""

from __future__ import annotations

import math

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QLabel,
    QRadioButton,
    QWidget,
)

from gdstudio.gui.widgets import ColumnChooserDialog, LogSlider, SpeedControl

TIMEOUT = 20_000


@pytest.fixture
def window(open_window):
    return open_window(size=(1400, 900))


def _tab_focusable(w: QWidget, top: QWidget) -> bool:
    return bool(w.focusPolicy() & Qt.FocusPolicy.TabFocus) and w.isVisibleTo(top) \
        and w.isEnabled() and w.window() is top and w.focusProxy() is None


def _buddy_labelled(w: QWidget, top: QWidget) -> bool:
    return any(label.buddy() is w and label.text() for label in top.findChildren(QLabel))


def _unnamed(top: QWidget) -> list[str]:
    bad = []
    for w in top.findChildren(QWidget):
        if not _tab_focusable(w, top):
            continue
        if w.accessibleName().strip() or _buddy_labelled(w, top):
            continue
        if isinstance(w, QAbstractButton) and w.text().replace("&", "").strip():
            continue
        bad.append(f"{type(w).__name__} {w.objectName()!r} in {type(w.parent()).__name__}"
                   f" (tooltip {w.toolTip()[:40]!r})")
    return bad


def _tab_cycle(qtbot, top: QWidget, start: QWidget, limit: int = 400) -> list[QWidget]:
    """The widgets Tab visits from ``start`` until it comes back to ``start``."""
    top.activateWindow()
    start.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is start, timeout=2000)
    seen = [start]
    for _ in range(limit):
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        now = QApplication.focusWidget()
        if now is start:
            return seen
        assert now is not None and now is not seen[-1], \
            f"Tab is trapped in {type(seen[-1]).__name__} {seen[-1].accessibleName()!r}"
        seen.append(now)
    pytest.fail("Tab never came back to the first control (a focus trap)")


def _check_keyboard_reach(qtbot, top: QWidget) -> list[QWidget]:
    focusable = [w for w in top.findChildren(QWidget) if _tab_focusable(w, top)]
    assert focusable
    visited = _tab_cycle(qtbot, top, focusable[0])
    missing = [f"{type(w).__name__} {w.accessibleName()!r}" for w in focusable
               if w not in visited and not _radio_sibling_visited(w, visited)]
    assert not missing, "Tab never reaches: " + ", ".join(missing)
    return visited


def _radio_sibling_visited(w: QWidget, visited: list[QWidget]) -> bool:
    """Tab stops once in a group of exclusive radio buttons; the arrows move inside it."""
    return isinstance(w, QRadioButton) and w.autoExclusive() and any(
        isinstance(v, QRadioButton) and v.parent() is w.parent() for v in visited)


def _reading_order(widgets: list[QWidget], container: QWidget) -> list[str]:
    """The widgets visited out of reading order (top to bottom, then left to right)."""
    out = []
    pos = [w.mapTo(container, w.rect().center()) for w in widgets]
    for (a, pa), (b, pb) in zip(zip(widgets, pos), zip(widgets[1:], pos[1:])):
        same_row = abs(pa.y() - pb.y()) <= max(a.height(), b.height()) // 2
        if pb.y() < pa.y() and not same_row or same_row and pb.x() < pa.x():
            out.append(f"{a.accessibleName()!r} → {b.accessibleName()!r}")
    return out


def test_every_control_of_the_window_is_named_and_reached_by_tab(qtbot, window):
    assert window.add_run({"optimizer": "adam", "learning_rate": 0.05})  # β₁, β₂, ε rows
    window.data_tabs.setCurrentWidget(window.sweep)
    assert not _unnamed(window), "controls without an accessible name:\n" + \
        "\n".join(_unnamed(window))
    visited = _check_keyboard_reach(qtbot, window)
    # the settings are visited in reading order, the speed control before them
    panel = [w for w in visited if window.panel.isAncestorOf(w)]
    assert len(panel) > 8
    assert not _reading_order(panel, window.panel)
    after_speed = visited[(visited.index(window.speed.slider) + 1) % len(visited)]
    assert after_speed is panel[0]
    sweep = [w for w in visited if window.sweep.isAncestorOf(w)]
    assert not _reading_order(sweep, window.sweep)


def test_the_lesson_pane_is_named_and_reached_by_tab_with_a_question_open(qtbot, window):
    assert window.open_scenario("04_learning_rate")
    pane = window.lesson_pane
    assert pane.choice_group.buttons()
    assert not _unnamed(window), "\n".join(_unnamed(window))
    visited = _check_keyboard_reach(qtbot, window)
    in_pane = [w for w in visited if pane.isAncestorOf(w)]
    assert not _reading_order(in_pane, pane)
    choices = pane.choice_group.buttons()
    assert pane.check_button in in_pane and choices[0] in in_pane  # Next waits for the run
    choices[0].setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is choices[0], timeout=2000)
    QTest.keyClick(choices[0], Qt.Key.Key_Down)  # the arrows move between the choices
    assert QApplication.focusWidget() is choices[1]
    QTest.keyClick(choices[1], Qt.Key.Key_Space)
    assert pane.choice_group.checkedId() == 1
    # the next page's widgets keep the pane's reading order
    pane.show_page(1)
    in_pane = [w for w in _check_keyboard_reach(qtbot, window) if pane.isAncestorOf(w)]
    assert not _reading_order(in_pane, pane)


def test_the_column_chooser_is_named_and_reached_by_tab(qtbot):
    dialog = ColumnChooserDialog(["a", "b", "c"])
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert not _unnamed(dialog), "\n".join(_unnamed(dialog))
    _check_keyboard_reach(qtbot, dialog)


def test_the_learning_rate_slider_answers_arrows_pages_home_and_end(qtbot):
    slider = LogSlider(value=0.01)
    qtbot.addWidget(slider)
    slider.show()
    seen: list[float] = []
    slider.valueChanged.connect(seen.append)
    s = slider.slider
    assert s.focusPolicy() & Qt.FocusPolicy.TabFocus
    QTest.keyClick(s, Qt.Key.Key_Right)
    assert 0.01 < slider.value() < 0.015
    QTest.keyClick(s, Qt.Key.Key_PageUp)
    assert slider.value() == pytest.approx(0.1, rel=0.15)
    QTest.keyClick(s, Qt.Key.Key_End)
    assert slider.value() == pytest.approx(10.0)
    QTest.keyClick(s, Qt.Key.Key_Home)
    assert slider.value() == pytest.approx(1e-5)
    assert len(seen) == 4 and seen[-1] == slider.value()
    assert slider.slider.accessibleName() and slider.spin.accessibleName()


def test_the_speed_control_answers_arrows_pages_home_and_end(qtbot):
    speed = SpeedControl(30.0)
    qtbot.addWidget(speed)
    speed.show()
    s = speed.slider
    assert s.focusPolicy() & Qt.FocusPolicy.TabFocus and s.accessibleName()
    before = speed.value()
    QTest.keyClick(s, Qt.Key.Key_Right)
    assert speed.value() > before
    QTest.keyClick(s, Qt.Key.Key_PageDown)
    assert speed.value() < before
    QTest.keyClick(s, Qt.Key.Key_End)
    assert math.isinf(speed.value())
    QTest.keyClick(s, Qt.Key.Key_Home)
    assert speed.value() == 1.0
    assert "1" in s.accessibleDescription()  # the speed, spoken
