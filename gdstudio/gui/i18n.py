"""The window's two languages: English (the source texts) and Traditional Chinese (zh_TW).

Every user-visible string of the window goes through :func:`translate` with a literal
context and a literal source text, so that ``pyside6-lupdate`` finds it::

    translate("ControlPanel", "Learning rate")
    translate("Messages", "Run {run} diverged at step {step}").format(run=2, step=5)

Placeholders are named (``{step}``) and filled *after* translation, never an f-string
inside the call. The catalogues are ``resources/translations/gdstudio_<lang>.ts``
(committed) compiled to ``.qm`` by ``pyside6-lrelease`` (``python -m
gdstudio.gui.i18n build``). See docs/glossary.md for the terms.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

__all__ = ["translate"]


def translate(context: str, text: str) -> str:
    """``text`` in the current language (``text`` itself when it has no translation).

    Args:
        context: the catalogue context (usually the class or module name); a literal.
        text: the English source text; a literal, with named ``{placeholders}``.
    """
    return QCoreApplication.translate(context, text)
