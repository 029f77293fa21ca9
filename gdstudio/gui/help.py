"""Help: the user guide (offline, shipped with the app), keyboard shortcuts and About."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QMessageBox,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

import gdstudio
from gdstudio.gui.i18n import current_language, translate
from gdstudio.gui.widgets import plain
from gdstudio.paths import get_resource_path

__all__ = ["show_user_guide", "show_shortcuts", "show_about", "licence_lines"]


def _dialog(parent: QWidget, title: str, html: str, search_path: str | None = None) -> QDialog:
    dialog = QDialog(parent)
    dialog.setWindowTitle(title)
    browser = QTextBrowser(dialog)
    browser.setOpenExternalLinks(False)
    if search_path:
        browser.setSearchPaths([search_path])
    browser.setHtml(html)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, parent=dialog)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addWidget(browser)
    layout.addWidget(buttons)
    dialog.resize(760, 620)
    dialog.browser = browser  # type: ignore[attr-defined]
    return dialog


def show_user_guide(parent: QWidget, modal: bool = True) -> QDialog:
    """Help → User guide: ``resources/guide/index.html`` (``index.zh_TW.html`` in
    Traditional Chinese) in a browser pane, offline."""
    guide = get_resource_path("guide", "index.html")
    translated = guide.with_name(f"index.{current_language()}.html")
    if translated.is_file():
        guide = translated
    try:
        html = guide.read_text(encoding="utf-8")
    except OSError:
        html = "<p>{}</p>".format(plain(translate(
            "Help", "The user guide is missing from this installation.")))
    dialog = _dialog(parent, translate("Help", "GD Studio — user guide"), html,
                     str(guide.parent))
    if modal:
        dialog.exec()
    return dialog


def show_shortcuts(parent: QWidget, actions: Iterable[QAction], modal: bool = True) -> QDialog:
    """Help → Keyboard shortcuts: every action that has one, with what it does."""
    rows = []
    for act in actions:
        keys = act.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        if keys:
            rows.append(f"<tr><td><b>{plain(keys)}</b></td><td>{plain(act.text())}</td>"
                        f"<td>{plain(act.statusTip())}</td></tr>")
    title = translate("Help", "Keyboard shortcuts")
    html = (f"<h3>{plain(title)}</h3><table cellpadding='4'>" + "".join(rows) +
            "</table><p>" + plain(translate(
                "Help", "Tab moves between controls; Space plays and pauses even while a "
                "number field has the focus.")) + "</p>")
    dialog = _dialog(parent, title, html)
    if modal:
        dialog.exec()
    return dialog


def licence_lines() -> list[str]:
    """The first line of each bundled dataset's licence note (``name: line``)."""
    out = []
    for path in sorted(get_resource_path("datasets").glob("*.LICENSE.txt")):
        try:
            first = next((ln.strip() for ln in path.read_text(encoding="utf-8").splitlines()
                          if ln.strip()), "")
        except OSError:
            continue
        out.append(f"{path.name.split('.')[0]}: {first}")
    return out


def show_about(parent: QWidget) -> None:
    """Help → About: the version, what the application is for, the data's licences."""
    items = "".join(f"<li>{plain(line)}</li>" for line in licence_lines())
    what = translate("Help", "An interactive application that teaches gradient descent: pick "
                             "a problem, a learning rate and a gradient-descent variant, then "
                             "step, pause, rewind and run while the loss curve, the descent "
                             "path and the model's fit update live.")
    licences = translate("Help", "MIT licence. The bundled datasets keep their own licences:")
    QMessageBox.about(
        parent, translate("Help", "About GD Studio"),
        f"<h3>GD Studio {plain(gdstudio.__version__)}</h3>"
        f"<p>{plain(what)}</p><p>{plain(licences)}</p><ul>{items}</ul>")
