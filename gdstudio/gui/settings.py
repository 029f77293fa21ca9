"""Remembered settings (QSettings): window geometry and docks, speed, view options, the
last scenario and the recent files. Help → Reset settings forgets them all.

The window takes a :class:`Preferences` (or None, as in tests: nothing is read or
written), so tests can use a temporary settings file.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QByteArray, QSettings

from gdstudio.gui.plot_style import style_scale

if TYPE_CHECKING:
    from gdstudio.gui.app_window import MainWindow

__all__ = ["Preferences", "MAX_RECENT"]

#: Recent files remembered.
MAX_RECENT = 8


class Preferences:
    """Typed access to the application's QSettings.

    Args:
        settings: a QSettings; default: the user's "GD Studio" settings (INI format).
    """

    def __init__(self, settings: QSettings | None = None) -> None:
        self.settings = settings or QSettings(QSettings.Format.IniFormat,
                                              QSettings.Scope.UserScope, "GD Studio",
                                              "gdstudio")

    def value(self, key: str, default: Any, kind: type) -> Any:
        """The stored value of ``key`` as ``kind``, or ``default`` (also when malformed)."""
        raw = self.settings.value(key, default)
        try:
            if kind is bool:
                return raw if isinstance(raw, bool) else str(raw).lower() in ("true", "1")
            return kind(raw)
        except (TypeError, ValueError):
            return default

    def set(self, key: str, value: Any) -> None:
        self.settings.setValue(key, value)

    def geometry(self) -> QByteArray | None:
        raw = self.settings.value("window/geometry")
        return raw if isinstance(raw, QByteArray) else None

    def state(self) -> QByteArray | None:
        raw = self.settings.value("window/state")
        return raw if isinstance(raw, QByteArray) else None

    def recent_files(self) -> list[str]:
        """Recently opened scenario, lesson and CSV files that still exist, newest first."""
        raw = self.settings.value("files/recent", [])
        items = [raw] if isinstance(raw, str) else (list(raw) if isinstance(raw, list | tuple)
                                                    else [])
        return [p for p in items if isinstance(p, str) and Path(p).is_file()][:MAX_RECENT]

    def add_recent(self, path: str) -> None:
        items = [str(Path(path).resolve())]
        items += [p for p in self.recent_files() if p != items[0]]
        self.settings.setValue("files/recent", items[:MAX_RECENT])

    def reset(self) -> None:
        """Forget every remembered setting."""
        self.settings.clear()
        self.settings.sync()

    def sync(self) -> None:
        self.settings.sync()

    # -- the window ------------------------------------------------------------------
    _VIEW_OPTIONS = (("act_log", "view/log"), ("act_arrows", "view/arrows"),
                     ("act_scale", "view/to_scale"), ("act_projector", "view/projector"))

    def restore_window(self, window: MainWindow) -> None:
        """Give ``window`` the remembered geometry, docks, speed, view options,
        projector mode and zoom."""
        geometry, state = self.geometry(), self.state()
        if geometry is not None:
            window.restoreGeometry(geometry)
        if state is not None:
            window.restoreState(state)
        window.speed.setValue(self.value("view/speed", window.speed.value(), float))
        window.controller.set_speed(window.speed.value())
        for name, key in self._VIEW_OPTIONS:
            act = getattr(window, name)
            if self.value(key, act.isChecked(), bool) != act.isChecked():
                act.trigger()
        style_scale().set_zoom(self.value("view/zoom", style_scale().zoom, float))

    def save_window(self, window: MainWindow) -> None:
        """Remember ``window``'s geometry, docks, speed, view options, projector mode
        and zoom."""
        self.set("window/geometry", window.saveGeometry())
        self.set("window/state", window.saveState())
        self.set("view/speed", window.speed.value())
        for name, key in self._VIEW_OPTIONS:
            self.set(key, getattr(window, name).isChecked())
        self.set("view/zoom", style_scale().zoom)
        self.sync()
