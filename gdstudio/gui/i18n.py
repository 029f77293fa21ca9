"""The window's two languages: English (the source texts) and Traditional Chinese (zh_TW).

Every user-visible string of the window goes through :func:`translate` with a literal
context and a literal source text, so that ``pyside6-lupdate`` finds it::

    translate("ControlPanel", "Learning rate")
    translate("Messages", "Run {run} diverged at step {step}").format(run=2, step=5)

Placeholders are named (``{step}``) and filled *after* translation, never an f-string
inside the call. Names the window shows from the core (optimizers, losses, surfaces …)
are listed with ``QT_TRANSLATE_NOOP`` in :mod:`gdstudio.gui.names`.

The catalogues are ``resources/translations/gdstudio_<lang>.ts`` (committed; edit them
with Qt Linguist, ``pyside6-linguist``), compiled to ``.qm`` by ``pyside6-lrelease``::

    python -m gdstudio.gui.i18n update   # re-read the code into the .ts (keeps translations)
    python -m gdstudio.gui.i18n build    # .ts -> .qm (the CI and the installers run this)

A source checkout without the ``.qm`` compiles it into the user cache on first use.
The terms follow docs/glossary.md.
"""

from __future__ import annotations

import logging
import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QLibraryInfo, QLocale, QObject, QTranslator

from gdstudio.paths import get_resource_path

__all__ = ["translate", "watch_language", "LANGUAGES", "SOURCE_LANGUAGE", "system_language",
           "set_language", "current_language", "catalogue_path", "ts_path",
           "gui_sources", "lupdate", "lrelease", "read_ts", "fill_ts",
           "QT_TRANSLATE_NOOP"]

_log = logging.getLogger(__name__)

#: The languages of the window: code → its own name (as the View → Language menu shows it).
LANGUAGES: dict[str, str] = {"en": "English", "zh_TW": "繁體中文"}
#: The language of the source texts (no catalogue).
SOURCE_LANGUAGE = "en"

_current = SOURCE_LANGUAGE
_translators: list[QTranslator] = []


def translate(context: str, text: str) -> str:
    """``text`` in the current language (``text`` itself when it has no translation).

    Args:
        context: the catalogue context (usually the class or module name); a literal.
        text: the English source text; a literal, with named ``{placeholders}``.
    """
    return QCoreApplication.translate(context, text)


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - Qt's name
    """``text`` itself: marks a source text of a table built at import (tooltips, titles)
    for ``lupdate``, which knows this name; translate it where it is shown, with
    ``translate(context, TABLE[key])``. (PySide6's own is typed ``-> object``.)"""
    return text


class _LanguageWatch(QObject):
    """Calls ``retranslate`` when its parent widget receives ``LanguageChange``."""

    def __init__(self, widget: QObject, retranslate: Callable[[], None]) -> None:
        super().__init__(widget)
        self._retranslate = retranslate
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.LanguageChange and watched is self.parent():
            self._retranslate()
        return False


def watch_language(widget: QObject, retranslate: Callable[[], None]) -> None:
    """Call ``retranslate()`` whenever the language changes, for as long as ``widget``
    lives. The usual pattern of a view: set every text in a ``retranslate`` method, call
    it once at the end of ``__init__`` and register it here::

        self.retranslate()
        watch_language(self, self.retranslate)

    Qt sends ``LanguageChange`` to every widget after :func:`set_language` (posted: it
    arrives when the event loop next runs).
    """
    _LanguageWatch(widget, retranslate)


def system_language(locale: QLocale | None = None) -> str:
    """The window language for ``locale`` (default: the system's): ``zh_TW`` for any
    Chinese locale written in Traditional script or of Taiwan, Hong Kong or Macao,
    otherwise ``en``."""
    locale = locale or QLocale.system()
    if locale.language() == QLocale.Language.Chinese:
        traditional = locale.script() == QLocale.Script.TraditionalChineseScript
        region = locale.territory() in (QLocale.Country.Taiwan, QLocale.Country.HongKong,
                                        QLocale.Country.Macao)
        if traditional or region:
            return "zh_TW"
    return SOURCE_LANGUAGE


def current_language() -> str:
    """The language the window speaks now (``en`` or ``zh_TW``)."""
    return _current


def ts_path(lang: str) -> Path:
    """The committed catalogue source of ``lang`` (``resources/translations/…ts``)."""
    return get_resource_path("translations", f"gdstudio_{lang}.ts")


def catalogue_path(lang: str) -> Path | None:
    """The compiled catalogue (``.qm``) of ``lang``: the bundled one, or — in a source
    checkout where it was not built or is older than the ``.ts`` — one compiled into
    the user cache (named by the ``.ts``'s content). None if there is none and it cannot
    be built."""
    bundled = get_resource_path("translations", f"gdstudio_{lang}.qm")
    source = ts_path(lang)
    if bundled.is_file() and (not source.is_file()
                              or bundled.stat().st_mtime >= source.stat().st_mtime):
        return bundled
    if not source.is_file():
        return bundled if bundled.is_file() else None
    import hashlib

    from platformdirs import user_cache_path

    # named by the catalogue's content: checkouts of other versions share the cache
    digest = hashlib.sha256(source.read_bytes()).hexdigest()[:16]
    cached = (user_cache_path("gdstudio", appauthor=False) / "translations"
              / f"{bundled.stem}-{digest}.qm")
    if cached.is_file():
        return cached
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        partial = cached.with_name(f"{cached.name}.{os.getpid()}.tmp")
        lrelease(source, partial)
        partial.replace(cached)  # atomic: another process may read it at the same time
    except (OSError, subprocess.CalledProcessError) as exc:
        _log.warning("cannot compile %s: %s", source, exc)
        return bundled if bundled.is_file() else None
    return cached


def set_language(lang: str) -> bool:
    """Speak ``lang`` from now on: install its catalogue (and Qt's own, for the standard
    dialogs' buttons) in the running application. Qt then sends every widget a
    ``LanguageChange`` event; the window re-reads its texts on it.

    Returns False (and stays in English) when ``lang`` is unknown or its catalogue is
    missing.
    """
    global _current
    app = QCoreApplication.instance()
    if lang not in LANGUAGES or app is None:
        return False
    for old in _translators:
        QCoreApplication.removeTranslator(old)
    _translators.clear()
    _current = SOURCE_LANGUAGE
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    if lang == SOURCE_LANGUAGE:
        return True
    path = catalogue_path(lang)
    ours = QTranslator(app)
    if path is None or not ours.load(str(path)):
        _log.warning("no catalogue for %s", lang)
        return False
    qt_own = QTranslator(app)
    if qt_own.load(f"qtbase_{lang}",
                   QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        QCoreApplication.installTranslator(qt_own)
        _translators.append(qt_own)
    QCoreApplication.installTranslator(ours)
    _translators.append(ours)
    QLocale.setDefault(QLocale(lang))
    _current = lang
    return True


# -- building the catalogues --------------------------------------------------------------

def gui_sources() -> list[Path]:
    """The Python files whose strings the window shows (``gdstudio/gui/*.py``)."""
    return sorted((Path(__file__).resolve().parent).glob("*.py"))


def _tool(name: str) -> list[str]:
    """The command that runs PySide6's ``lupdate``/``lrelease``."""
    return [sys.executable, "-c",
            f"import sys; from PySide6.scripts.pyside_tool import {name}; "
            f"sys.argv[0] = {name!r}; sys.exit({name}())"]


def lupdate(ts: Path, sources: list[Path] | None = None) -> None:
    """Re-read the strings of ``sources`` (default :func:`gui_sources`) into ``ts``,
    keeping existing translations; obsolete entries are dropped, no line numbers kept
    (so the file changes only when a text does).

    Raises:
        subprocess.CalledProcessError: lupdate failed.
    """
    files = [str(p) for p in (sources or gui_sources())]
    subprocess.run(_tool("lupdate") + ["-silent", "-no-obsolete", "-locations", "none",
                                       "-target-language", ts.stem.split("_", 1)[1],
                                       *files, "-ts", str(ts)],
                   check=True, capture_output=True)
    # lupdate takes the code's "#:" attribute comments for notes to the translator: drop
    # them (they are about the code, and would change the file with every comment)
    text = ts.read_text(encoding="utf-8")
    cleaned = re.sub(r"\n\s*<extracomment>.*?</extracomment>", "", text, flags=re.S)
    if cleaned != text:
        ts.write_text(cleaned, encoding="utf-8")


def lrelease(ts: Path, qm: Path) -> None:
    """Compile ``ts`` into ``qm``.

    Raises:
        subprocess.CalledProcessError: lrelease failed.
    """
    subprocess.run(_tool("lrelease") + ["-silent", str(ts), "-qm", str(qm)],
                   check=True, capture_output=True)


def read_ts(ts: Path) -> dict[tuple[str, str], str | None]:
    """The entries of a catalogue: (context, source) → translation (None: unfinished)."""
    import xml.etree.ElementTree as ET  # noqa: N817 - the usual name

    entries: dict[tuple[str, str], str | None] = {}
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            source = message.findtext("source") or ""
            node = message.find("translation")
            done = node is not None and node.get("type") not in ("unfinished", "obsolete",
                                                                  "vanished")
            entries[(name, source)] = (node.text or "") if done and node is not None else None
    return entries


def fill_ts(ts: Path, translations: dict[str, dict[str, str]]) -> int:
    """Write ``translations`` ({context: {source: translation}}) into ``ts``; returns how
    many entries were set. Entries of ``ts`` not named keep their translation."""
    import xml.etree.ElementTree as ET  # noqa: N817 - the usual name

    tree = ET.parse(ts)
    count = 0
    for context in tree.getroot().iter("context"):
        table = translations.get(context.findtext("name") or "", {})
        for message in context.iter("message"):
            text = table.get(message.findtext("source") or "")
            node = message.find("translation")
            if text is None or node is None:
                continue
            node.text = text
            node.attrib.pop("type", None)
            count += 1
    tmp = ts.with_suffix(".ts.tmp")
    with open(tmp, "wb") as handle:
        handle.write(b'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n')
        tree.write(handle, encoding="utf-8", xml_declaration=False)
    tmp.replace(ts)
    return count


_USAGE = """usage: python -m gdstudio.gui.i18n COMMAND
  update           re-read gdstudio/gui/*.py into the .ts catalogues (keeps translations)
  build            compile the .ts catalogues to .qm
  todo [LANG]      print the untranslated entries as JSON ({context: {source: ""}})
  fill JSON [LANG] set the translations of a JSON file of that shape, then update"""


def _main(argv: list[str]) -> int:
    import json

    if not argv or argv[0] not in ("update", "build", "todo", "fill"):
        print(_USAGE, file=sys.stderr)
        return 2
    if argv[0] == "todo":
        entries = read_ts(ts_path(argv[1] if len(argv) > 1 else "zh_TW"))
        todo: dict[str, dict[str, str]] = {}
        for (context, source), text in entries.items():
            if text is None:
                todo.setdefault(context, {})[source] = ""
        print(json.dumps(todo, ensure_ascii=False, indent=1))
        return 0
    if argv[0] == "fill":
        ts = ts_path(argv[2] if len(argv) > 2 else "zh_TW")
        with open(argv[1], encoding="utf-8") as handle:
            table = json.load(handle)
        print(f"{fill_ts(ts, table)} translations set in {ts}")
        lupdate(ts)
        return 0
    for lang in LANGUAGES:
        if lang == SOURCE_LANGUAGE:
            continue
        ts = ts_path(lang)
        if argv[0] == "update":
            lupdate(ts)
            print(f"updated {ts}")
        else:
            qm = ts.with_suffix(".qm")
            lrelease(ts, qm)
            print(f"built {qm}")
    return 0


if __name__ == "__main__":
    sys.exit(_main(sys.argv[1:]))
