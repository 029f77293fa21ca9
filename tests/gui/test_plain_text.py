"""User text is plain text: a CSV whose header is ``<font size=7 color=red>HUGE</font>``
shows that header literally everywhere in the window, never as markup.

The check is the rendering itself: wherever "HUGE" appears (a label's, an axis's, a
legend's, a tooltip's, a dialog's text as Qt renders it), the literal "<font" must
appear with it (or the core's defanged ‹font›); a widget showing "HUGE" without it has
interpreted the markup.
"""

from __future__ import annotations

from pathlib import Path

from PySide6 import QtGui
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QGraphicsTextItem,
    QGraphicsView,
    QLabel,
    QListWidget,
    QWidget,
)

from gdstudio.gui.app_window import MainWindow
from gdstudio.gui.widgets import ColumnChooserDialog

HTML_CSV = Path(__file__).resolve().parents[1] / "data" / "bad" / "html_header.csv"
HEADER = "<font size=7 color=red>HUGE</font>"


def _rendered(text: str, fmt: Qt.TextFormat) -> str:
    """What Qt shows for ``text`` in ``fmt`` (AutoText: rich if it looks like markup)."""
    rich = fmt == Qt.TextFormat.RichText or (
        fmt == Qt.TextFormat.AutoText and QtGui.Qt.mightBeRichText(text))
    if not rich:
        return text
    doc = QTextDocument()
    doc.setHtml(text)
    return doc.toPlainText()


def _shown_texts(root: QWidget) -> list[tuple[str, str]]:
    """(where, rendered text) of every label, tooltip, button, list, combo and plot text."""
    out = [("window title", root.windowTitle())]
    for w in [root, *root.findChildren(QWidget)]:
        name = f"{type(w).__name__} {w.objectName()}".strip()
        if isinstance(w, QLabel):
            out.append((name, _rendered(w.text(), w.textFormat())))
        if w.toolTip():
            out.append((f"tooltip of {name}", _rendered(w.toolTip(), Qt.TextFormat.AutoText)))
        if isinstance(w, QAbstractButton):
            out.append((name, w.text()))
        if isinstance(w, QComboBox):
            out += [(name, w.itemText(i)) for i in range(w.count())]
        if isinstance(w, QListWidget):
            out += [(name, w.item(i).text()) for i in range(w.count())]
        if isinstance(w, QGraphicsView) and w.scene() is not None:
            for item in w.scene().items():
                if isinstance(item, QGraphicsTextItem):
                    out.append((f"{name} text item", item.toPlainText()))
    return out


def _assert_literal(root: QWidget) -> int:
    seen = 0
    for where, text in _shown_texts(root):
        if "HUGE" in text:
            seen += 1
            # literally, or defanged by the core's messages (‹font …›), never as markup
            assert "font size=7" in text, f"{where} renders the header as markup: {text!r}"
    return seen


def test_an_html_column_name_is_shown_literally(qtbot):
    window = MainWindow()
    qtbot.addWidget(window)
    window.resize(1400, 900)
    window.show()
    errors = []
    window.show_error = lambda title, text: errors.append(text)  # type: ignore[method-assign]
    assert window.load_csv(str(HTML_CSV), [HEADER], "weight"), errors
    qtbot.waitUntil(lambda: window.batches_received > 0 and not window.landscape.busy,
                    timeout=20_000)
    window.controller.step_by(5)
    qtbot.waitUntil(lambda: len(window.traces[0]) == 6, timeout=20_000)
    window.redraw_now()
    qtbot.wait(50)
    assert _assert_literal(window) >= 2  # at least the dataset line and the data axis

    dialog = ColumnChooserDialog([HEADER, "weight"], f"Columns of {HTML_CSV.name}",
                                 parent=window)
    assert _assert_literal(dialog) >= 1
    dialog.close()
    window.close()


def test_an_error_naming_the_column_is_plain_text(qtbot, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    window = MainWindow()
    qtbot.addWidget(window)
    boxes = []
    monkeypatch.setattr(QMessageBox, "exec", lambda self: boxes.append(
        (self.textFormat(), self.text())))
    assert not window.load_csv(str(HTML_CSV), [HEADER + "x"], "weight")
    assert boxes and boxes[0][0] == Qt.TextFormat.PlainText and "font size=7" in boxes[0][1]
    assert _assert_literal(window) >= 1  # the status bar line
    window.close()
