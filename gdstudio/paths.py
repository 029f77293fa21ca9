"""The one place that finds GD Studio's bundled resources.

Resources (datasets, lessons, icons, translations) live in ``resources/`` at the top of
a source checkout; a wheel installs them as the package ``gdstudio.resources``; a
PyInstaller bundle unpacks them to ``sys._MEIPASS/resources``.
"""

from __future__ import annotations

import sys
from importlib import resources as _importlib_resources
from pathlib import Path

__all__ = ["get_resource_path"]


def _resource_root() -> Path:
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root is not None:  # PyInstaller bundle
        return Path(frozen_root) / "resources"
    source_root = Path(__file__).resolve().parent.parent / "resources"
    if source_root.is_dir():  # source checkout or editable install
        return source_root
    return Path(str(_importlib_resources.files("gdstudio.resources")))  # installed wheel


def get_resource_path(*parts: str) -> Path:
    """Return the path of a bundled resource, e.g. ``get_resource_path("datasets", "iris.csv")``.

    Works in a source checkout, an installed wheel and a PyInstaller bundle alike.
    The path is returned whether or not it exists; callers check ``.exists()``.
    """
    return _resource_root().joinpath(*parts)
