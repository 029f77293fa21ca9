"""Reusable widgets: number entry over decades, the log-scale learning-rate slider, the
speed control, the column chooser, the status banner and the Space-key filter.

Widgets that set numbers only report a change when editing is finished (keyboard
tracking off), and two-way bound pairs (the learning-rate slider and spin box) block
each other's signals while they sync, so no edit loops back.
"""

from __future__ import annotations

import html
import math
import re
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QKeyEvent, QPixmap, QValidator
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSizePolicy,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from gdstudio.gui.plot_style import scaled_sheet, style_scale
from gdstudio.gui.tooltips import TOOLTIPS

__all__ = ["SciSpinBox", "LogSlider", "SpeedControl", "ColumnChooserDialog",
           "SpaceForShortcuts", "Banner", "swatch", "plain", "LR_MIN", "LR_MAX"]

#: The learning-rate range of the slider (log scale).
LR_MIN, LR_MAX = 1e-5, 10.0


# ------------------------------------------------------------------ widgets
class SciSpinBox(QDoubleSpinBox):
    """A spin box for numbers spanning decades: shows 1e-05, 0.001, 2.5; arrow keys
    multiply or divide by ``factor``. The minimum may show a special text (e.g. "off")."""

    _NUMBER = re.compile(r"^[-+]?(\d+\.?\d*|\.\d*)?([eE][-+]?\d*)?$")

    def __init__(self, minimum: float, maximum: float, value: float, factor: float = 10.0,
                 special: str | None = None, first: float | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setDecimals(323)
        self.setRange(minimum, maximum)
        self.setKeyboardTracking(False)
        self.factor = factor
        self.first = first if first is not None else max(minimum, 1e-12)
        if special:
            self.setSpecialValueText(special)
        self.setValue(value)

    def textFromValue(self, value: float) -> str:  # noqa: N802 - Qt override
        return f"{value:.6g}"

    def valueFromText(self, text: str) -> float:  # noqa: N802 - Qt override
        special = self.specialValueText()
        if special and text.strip() == special:
            return self.minimum()
        try:
            return float(text.replace("−", "-").strip())
        except ValueError:
            return self.value()

    def validate(self, text: str, pos: int) -> Any:
        special = self.specialValueText()
        stripped = text.strip().replace("−", "-")
        if special and (stripped == special or special.startswith(stripped)):
            return QValidator.State.Acceptable if stripped == special else \
                QValidator.State.Intermediate
        if not self._NUMBER.match(stripped):
            return QValidator.State.Invalid
        try:
            value = float(stripped)
        except ValueError:
            return QValidator.State.Intermediate
        if self.minimum() <= value <= self.maximum():
            return QValidator.State.Acceptable
        return QValidator.State.Intermediate

    def fixup(self, text: str) -> str:
        return self.textFromValue(self.value())

    def stepBy(self, steps: int) -> None:  # noqa: N802 - Qt override
        value = self.value()
        if value <= 0 or value == self.minimum() and self.specialValueText():
            new = self.first if steps > 0 else self.minimum()
        else:
            new = value * self.factor ** steps
            if new < self.first and steps < 0 and self.specialValueText():
                new = self.minimum()
        self.setValue(min(max(new, self.minimum()), self.maximum()))


class LogSlider(QWidget):
    """A log-scale slider bound two-way to a :class:`SciSpinBox` (η from 1e-5 to 10).

    Signals:
        valueChanged(float): a new value was committed (slider released, spin box
            edited or stepped). Dragging only updates the spin box text.
    """

    valueChanged = Signal(float)
    TICKS = 600

    def __init__(self, minimum: float = LR_MIN, maximum: float = LR_MAX, value: float = 0.01,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._lo, self._hi = math.log10(minimum), math.log10(maximum)
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setRange(0, self.TICKS)
        self.slider.setTracking(False)
        self.slider.setPageStep(self.TICKS // 6)
        self.spin = SciSpinBox(minimum, maximum, value, factor=10 ** 0.25)
        self.spin.setMinimumWidth(84)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.slider, 1)
        layout.addWidget(self.spin)
        self.slider.sliderMoved.connect(self._on_slider_moved)
        self.slider.valueChanged.connect(self._on_slider_committed)
        self.spin.valueChanged.connect(self._on_spin)
        self.setValue(value)

    def value(self) -> float:
        """The learning rate shown."""
        return float(self.spin.value())

    def setValue(self, value: float) -> None:  # noqa: N802 - Qt style
        """Set both widgets without emitting anything."""
        for w in (self.slider, self.spin):
            w.blockSignals(True)
        self.spin.setValue(value)
        self.slider.setValue(self._to_tick(value))
        for w in (self.slider, self.spin):
            w.blockSignals(False)

    def _to_tick(self, value: float) -> int:
        if not value > 0:
            return 0
        frac = (math.log10(value) - self._lo) / (self._hi - self._lo)
        return int(round(min(max(frac, 0.0), 1.0) * self.TICKS))

    def _from_tick(self, tick: int) -> float:
        exponent = self._lo + (self._hi - self._lo) * tick / self.TICKS
        return float(f"{10 ** exponent:.3g}")

    def _on_slider_moved(self, tick: int) -> None:
        self.spin.blockSignals(True)
        self.spin.setValue(self._from_tick(tick))
        self.spin.blockSignals(False)

    def _on_slider_committed(self, tick: int) -> None:
        value = self._from_tick(tick)
        self.spin.blockSignals(True)
        self.spin.setValue(value)
        self.spin.blockSignals(False)
        self.valueChanged.emit(value)

    def _on_spin(self, value: float) -> None:
        self.slider.blockSignals(True)
        self.slider.setValue(self._to_tick(value))
        self.slider.blockSignals(False)
        self.valueChanged.emit(float(value))

    def setToolTip(self, text: str) -> None:  # noqa: N802 - Qt override
        super().setToolTip(text)
        self.slider.setToolTip(text)
        self.spin.setToolTip(text)


class SpeedControl(QWidget):
    """Steps per second on a log scale, from 1 to 1000 and then "as fast as possible".

    Signals:
        speedChanged(float): steps per second (``math.inf`` at the far right).
    """

    speedChanged = Signal(float)
    TICKS = 60  # 20 ticks per decade, 1 … 1000, then ∞

    def __init__(self, value: float = 30.0, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setRange(0, self.TICKS + 1)
        self.slider.setFixedWidth(150)
        self.label = QLabel()
        self.label.setMinimumWidth(92)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Preferred)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 0, 4, 0)
        caption = QLabel("Speed")
        layout.addWidget(caption)
        layout.addWidget(self.slider)
        layout.addWidget(self.label)
        self.slider.valueChanged.connect(self._on_value)
        self.setValue(value)
        self.setToolTip(TOOLTIPS["speed"])
        for w in (self.slider, self.label, caption):
            w.setToolTip(TOOLTIPS["speed"])

    def value(self) -> float:
        """Steps per second (``math.inf``: as fast as possible)."""
        return self._speed(self.slider.value())

    def setValue(self, steps_per_second: float) -> None:  # noqa: N802 - Qt style
        """Set the slider (no signal)."""
        if math.isinf(steps_per_second):
            tick = self.TICKS + 1
        else:
            tick = int(round(20 * math.log10(max(1.0, min(steps_per_second, 1000.0)))))
        self.slider.blockSignals(True)
        self.slider.setValue(tick)
        self.slider.blockSignals(False)
        self._show(self._speed(tick))

    def _speed(self, tick: int) -> float:
        if tick > self.TICKS:
            return math.inf
        return float(f"{10 ** (tick / 20):.2g}")

    def _show(self, speed: float) -> None:
        self.label.setText("max speed" if math.isinf(speed) else f"{speed:g} steps/s")

    def _on_value(self, tick: int) -> None:
        speed = self._speed(tick)
        self._show(speed)
        self.speedChanged.emit(speed)


class ColumnChooserDialog(QDialog):
    """Choose the feature columns (x) and the target column (y) of a CSV file."""

    def __init__(self, columns: list[str], title: str = "Choose columns",
                 x: list[str] | None = None, y: str | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.features = QListWidget()
        self.features.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.target = QComboBox()
        self.target.addItems(columns)
        chosen_x = x if x else columns[:1]
        for name in columns:
            item = QListWidgetItem(name)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if name in chosen_x
                               else Qt.CheckState.Unchecked)
            self.features.addItem(item)
        self.target.setCurrentIndex(columns.index(y) if y in columns else len(columns) - 1)
        self.features.setToolTip("Feature columns x: the inputs of the model (tick one or more).")
        self.target.setToolTip("Target column y: what the model predicts. Two distinct values "
                               "make it a classification task.")
        form = QFormLayout()
        form.addRow("Features x:", self.features)
        form.addRow("Target y:", self.target)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def selection(self) -> tuple[list[str], str]:
        """(feature columns, target column) as chosen."""
        x = [self.features.item(i).text() for i in range(self.features.count())
             if self.features.item(i).checkState() == Qt.CheckState.Checked]
        return x, self.target.currentText()


class SpaceForShortcuts(QObject):
    """Event filter that lets Space reach the window's Play/Pause shortcut while a spin
    box has focus (a space is never part of a number); arrows keep editing the box."""

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent) \
                and event.key() == Qt.Key.Key_Space and isinstance(obj, QAbstractSpinBox):
            event.ignore()
            return True
        return False



def plain(text: object) -> str:
    """``text`` escaped for a rich-text label, so user text (file, column and lesson
    names) always shows as plain text, never as markup."""
    return html.escape(str(text), quote=False)


def swatch(color: str) -> QIcon:
    """A small square icon of ``color`` (run lists)."""
    pix = QPixmap(14, 14)
    pix.fill(QColor(color))
    return QIcon(pix)


class Banner(QLabel):
    """A framed message above the plots (a divergence: what happened, what to try).

    Text is plain: ``title`` in bold, ``text`` escaped, so user text never renders as
    markup.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.RichText)
        self._restyle()
        style_scale().changed.connect(self._restyle)
        self.hide()

    def _restyle(self) -> None:
        self.setStyleSheet(scaled_sheet("banner"))

    def show_message(self, title: str, text: str) -> None:
        """Show ``title`` (bold) and ``text``."""
        self.setText(f"<b>{plain(title)}</b> {plain(text)}")
        self.show()
