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

import pyqtgraph as pg
from pyqtgraph.graphicsItems.ScatterPlotItem import drawSymbol as draw_symbol
from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QKeyEvent, QPainter, QPixmap, QValidator
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QBoxLayout,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLayoutItem,
    QListWidget,
    QListWidgetItem,
    QScrollArea,
    QSizePolicy,
    QSlider,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from gdstudio.gui.i18n import translate, watch_language
from gdstudio.gui.plot_style import OUTLINE, scaled_sheet, style_scale
from gdstudio.gui.tooltips import tooltip

__all__ = ["SciSpinBox", "LogSlider", "SpeedControl", "ColumnChooserDialog",
           "SpaceForShortcuts", "Banner", "swatch", "plain", "LR_MIN", "LR_MAX",
           "focus_order", "chain_tab_order", "label_fields", "SpaceForButtons",
           "buttons_take_tab_focus", "WrappingLabel"]

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
        self.slider.setPageStep(self.TICKS // 6)  # PageUp/PageDown: ×10 or ÷10
        self.slider.setSingleStep(5)  # arrow keys: ×1.12 or ÷1.12
        self.spin = SciSpinBox(minimum, maximum, value, factor=10 ** 0.25)
        self.spin.setMinimumWidth(84)
        self.slider.setAccessibleName(translate("LogSlider", "Learning rate η (log scale)"))
        self.spin.setAccessibleName(translate("LogSlider", "Learning rate η"))
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

    def _speak(self) -> None:
        self.slider.setAccessibleDescription(
            translate("LogSlider", "η = {value}").format(value=self.spin.text()))

    def setValue(self, value: float) -> None:  # noqa: N802 - Qt style
        """Set both widgets without emitting anything."""
        for w in (self.slider, self.spin):
            w.blockSignals(True)
        self.spin.setValue(value)
        self.slider.setValue(self._to_tick(value))
        for w in (self.slider, self.spin):
            w.blockSignals(False)
        self._speak()

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
        self._speak()

    def _on_slider_committed(self, tick: int) -> None:
        value = self._from_tick(tick)
        self.spin.blockSignals(True)
        self.spin.setValue(value)
        self.spin.blockSignals(False)
        self._speak()
        self.valueChanged.emit(value)

    def _on_spin(self, value: float) -> None:
        self.slider.blockSignals(True)
        self.slider.setValue(self._to_tick(value))
        self.slider.blockSignals(False)
        self._speak()
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
        self.slider.setPageStep(20)  # PageUp/PageDown: ×10 or ÷10; Home 1/s, End: max
        self.slider.setFixedWidth(150)
        self.slider.setAccessibleName(translate("SpeedControl", "Training speed"))
        self.label = QLabel()
        self.label.setMinimumWidth(92)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Preferred)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 0, 4, 0)
        self.caption = caption = QLabel()
        caption.setBuddy(self.slider)
        layout.addWidget(caption)
        layout.addWidget(self.slider)
        layout.addWidget(self.label)
        self.slider.valueChanged.connect(self._on_value)
        self.setValue(value)
        self.retranslate()
        watch_language(self, self.retranslate)

    def retranslate(self) -> None:
        """Set the texts in the window's language."""
        self.caption.setText(translate("SpeedControl", "Speed"))
        self.setToolTip(tooltip("speed"))
        for w in (self.slider, self.label, self.caption):
            w.setToolTip(tooltip("speed"))
        self._show(self.value())

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
        self.label.setText(translate("SpeedControl", "max speed") if math.isinf(speed)
                           else translate("SpeedControl", "{speed} steps/s").format(
                               speed=f"{speed:g}"))
        self.slider.setAccessibleDescription(self.label.text())

    def _on_value(self, tick: int) -> None:
        speed = self._speed(tick)
        self._show(speed)
        self.speedChanged.emit(speed)


class ColumnChooserDialog(QDialog):
    """Choose the feature columns (x) and the target column (y) of a CSV file."""

    def __init__(self, columns: list[str], title: str | None = None,
                 x: list[str] | None = None, y: str | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._title = title
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
        self.features_label, self.target_label = QLabel(), QLabel()
        form = QFormLayout()
        form.addRow(self.features_label, self.features)
        form.addRow(self.target_label, self.target)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        chain_tab_order(focus_order(self))
        self.retranslate()
        watch_language(self, self.retranslate)

    def retranslate(self) -> None:
        """Set the texts in the window's language (a given title is the caller's)."""
        self.setWindowTitle(self._title if self._title is not None
                            else translate("ColumnChooserDialog", "Choose columns"))
        self.features.setToolTip(translate(
            "ColumnChooserDialog",
            "Feature columns x: the inputs of the model (tick one or more)."))
        self.target.setToolTip(translate(
            "ColumnChooserDialog", "Target column y: what the model predicts. Two distinct "
            "values make it a classification task."))
        self.features_label.setText(translate("ColumnChooserDialog", "Features x:"))
        self.target_label.setText(translate("ColumnChooserDialog", "Target y:"))
        label_fields(self)

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



class SpaceForButtons(QObject):
    """Event filter for a window: Space presses the button, check box or radio button that
    has the keyboard focus (rather than the window's Play/Pause shortcut).

    Buttons then take focus from Tab only (:func:`buttons_take_tab_focus`), so after a
    click with the mouse Space still plays and pauses."""

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent) \
                and event.key() == Qt.Key.Key_Space and not event.modifiers() \
                and isinstance(QApplication.focusWidget(), QAbstractButton):
            event.accept()
            return True
        return False


def buttons_take_tab_focus(container: QWidget) -> None:
    """Buttons, check boxes and radio buttons inside ``container`` take the keyboard focus
    from Tab but not from a mouse click."""
    for button in container.findChildren(QAbstractButton):
        if button.focusPolicy() & Qt.FocusPolicy.TabFocus:
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)


def plain(text: object) -> str:
    """``text`` escaped for a rich-text label, so user text (file, column and lesson
    names) always shows as plain text, never as markup."""
    return html.escape(str(text), quote=False)


def swatch(color: str, symbol: str | None = None) -> QIcon:
    """A small icon of ``color`` (run lists): a square, or the run's marker ``symbol``
    (a pyqtgraph symbol name) outlined in black, so the run is told by shape too."""
    pix = QPixmap(16, 16)
    if symbol is None:
        pix.fill(QColor(color))
        return QIcon(pix)
    pix.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pix)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.translate(8, 8)
    draw_symbol(painter, symbol, 14, pg.mkPen(OUTLINE, width=1), pg.mkBrush(color))
    painter.end()
    return QIcon(pix)


class WrappingLabel(QLabel):
    """A word-wrapped label whose minimum height is the height its text needs at its
    width, so a layout short of room squeezes something else rather than drawing the
    label over its neighbours (a plain wrapped label asks for one line's height)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)

    def _fit(self) -> None:
        needed = self.heightForWidth(self.width()) if self.text() and self.width() > 0 else 0
        if needed != self.minimumHeight():
            self.setMinimumHeight(max(needed, 0))

    def setText(self, text: str) -> None:  # noqa: N802 - Qt override
        super().setText(text)
        self._fit()

    def resizeEvent(self, event: Any) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._fit()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        super().changeEvent(event)  # a new font or style sheet: other line heights
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._fit()


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


# ------------------------------------------------------------ keyboard and names
def focus_order(widget: QWidget) -> list[QWidget]:
    """The widgets Tab should visit inside ``widget``, in reading order: the order of its
    layouts (form rows top to bottom, label then field; box layouts in their direction;
    grids by row then column), descending into containers, tab widgets (the tab bar,
    then each page) and scroll areas. Hidden widgets are included (Tab skips them)."""
    out: list[QWidget] = []

    def visit_widget(w: QWidget | None) -> None:
        if w is None:
            return
        if isinstance(w, QScrollArea):
            visit_widget(w.widget())
        elif isinstance(w, QTabWidget):
            out.append(w)  # a compound widget: Qt moves it with its tab bar (its focus proxy)
            for i in range(w.count()):
                visit_widget(w.widget(i))
        elif (inner := w.layout()) is not None:
            if w.focusPolicy() & Qt.FocusPolicy.TabFocus and w.focusProxy() is None:
                out.append(w)  # a focusable container (a checkable group box)
            visit_layout(inner)
        elif w.focusPolicy() & Qt.FocusPolicy.TabFocus:
            out.append(w)

    def visit_item(item: QLayoutItem | None) -> None:
        if item is None:
            return
        if item.widget() is not None:
            visit_widget(item.widget())
        elif (inner := item.layout()) is not None:
            visit_layout(inner)

    def visit_layout(layout: QLayout) -> None:
        if isinstance(layout, QFormLayout):
            for row in range(layout.rowCount()):
                for role in (QFormLayout.ItemRole.LabelRole, QFormLayout.ItemRole.FieldRole,
                             QFormLayout.ItemRole.SpanningRole):
                    visit_item(layout.itemAt(row, role))
        elif isinstance(layout, QGridLayout):
            cells: list[tuple[int, int, int]] = []
            for i in range(layout.count()):
                position: Any = layout.getItemPosition(i)
                cells.append((int(position[0]), int(position[1]), i))
            for _r, _c, i in sorted(cells):
                visit_item(layout.itemAt(i))
        else:
            items = [layout.itemAt(i) for i in range(layout.count())]
            if isinstance(layout, QBoxLayout) and layout.direction() in (
                    QBoxLayout.Direction.RightToLeft, QBoxLayout.Direction.BottomToTop):
                items.reverse()
            for item in items:
                visit_item(item)

    visit_widget(widget)
    return out


def chain_tab_order(widgets: list[QWidget]) -> None:
    """Make Tab visit ``widgets`` one after the other (they must share one window); the
    block stays where its first widget was in the window's focus chain."""
    for a, b in zip(widgets, widgets[1:]):
        if a is not b:
            QWidget.setTabOrder(a, b)


def _label_name(label: QLabel) -> str:
    return label.text().replace("&&", "\x00").replace("&", "").replace("\x00", "&") \
        .strip().rstrip(":").strip()


def label_fields(container: QWidget) -> None:
    """Tie every form row's label to its field as a buddy (its mnemonic and the name a
    screen reader speaks), name the field's controls after the label where they have no
    accessible name yet, and give every control whose tooltip says more that tooltip as
    its accessible description. Call it again after the texts change (a new language):
    what it set is set again; names given otherwise are kept."""
    for form in container.findChildren(QFormLayout):
        for row in range(form.rowCount()):
            label_item = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            field_item = form.itemAt(row, QFormLayout.ItemRole.FieldRole)
            label = None if label_item is None else label_item.widget()
            field = None if field_item is None else field_item.widget()
            if not isinstance(label, QLabel) or field is None:
                continue
            targets = focus_order(field)
            if not targets:
                continue
            label.setBuddy(targets[0])
            for target in targets:
                if not target.accessibleName() or target.property(_NAMED_BY_LABEL):
                    target.setAccessibleName(_label_name(label))
                    target.setProperty(_NAMED_BY_LABEL, True)
    for w in [container, *container.findChildren(QWidget)]:
        if w.focusPolicy() & Qt.FocusPolicy.TabFocus and w.toolTip() and \
                (not w.accessibleDescription() or w.property(_DESCRIBED_BY_TIP)):
            w.setAccessibleDescription(w.toolTip())
            w.setProperty(_DESCRIBED_BY_TIP, True)


# names and descriptions label_fields gave (it renews them after a language change)
_NAMED_BY_LABEL = "gdstudio_named_by_label"
_DESCRIBED_BY_TIP = "gdstudio_described_by_tooltip"

