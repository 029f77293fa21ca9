"""Stateful fuzzing of the real main window (a seeded random walk; see gui_fuzzer.py).

CI runs ``CI_ACTIONS`` actions over a few seeds. ``pytest --run-fuzz-long`` (or
``GDSTUDIO_FUZZ_LONG=1``) also runs the ``fuzz_long`` test: ``LONG_ACTIONS`` actions,
reporting the count and the time.
"""

from __future__ import annotations

import os
import time

import pytest

from .gui_fuzzer import ExceptionRecorder, GuiFuzzer

#: Actions per CI seed (4 seeds: 2,000 actions in all).
CI_ACTIONS = 500
CI_SEEDS = (1, 2, 3, 4)
LONG_ACTIONS = int(os.environ.get("GDSTUDIO_FUZZ_ACTIONS", "20000"))


def _walk(qtbot, tmp_path, monkeypatch, seed: int, n: int) -> GuiFuzzer:
    from PySide6.QtWidgets import QFileDialog

    from gdstudio.gui import widgets
    from gdstudio.gui.app_window import MainWindow

    errors: list[str] = []
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(MainWindow, "show_error",
                        lambda self, title, text: shown.append((title, text)))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: ("", "")))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: ("", "")))
    monkeypatch.setattr(widgets.ColumnChooserDialog, "exec", lambda self: 0)
    from gdstudio.gui.qtapp import GuiThreadGarbageCollector

    collector = GuiThreadGarbageCollector()  # as run_gui does (see its docstring)
    with ExceptionRecorder(errors):
        fuzzer = GuiFuzzer(qtbot, seed, tmp_path)
        fuzzer.errors = errors
        fuzzer.shown_errors = shown
        try:
            fuzzer.run(n)
            fuzzer.settle_and_check()
        finally:
            fuzzer.close()
            collector.stop()
        if errors:
            fuzzer.fail("exception: " + errors[0])
    return fuzzer


@pytest.mark.parametrize("seed", CI_SEEDS)
def test_random_walk_keeps_the_window_consistent(qtbot, tmp_path, monkeypatch, seed):
    t0 = time.perf_counter()
    fuzzer = _walk(qtbot, tmp_path, monkeypatch, seed, CI_ACTIONS)
    assert fuzzer.actions == CI_ACTIONS
    print(f"\nfuzz seed {seed}: {fuzzer.actions} actions in {time.perf_counter() - t0:.1f} s; "
          + fuzzer.profile())


@pytest.mark.fuzz_long
def test_long_random_walk(qtbot, tmp_path, monkeypatch):
    t0 = time.perf_counter()
    total = 0
    seed = 1000
    while total < LONG_ACTIONS:
        n = min(2000, LONG_ACTIONS - total)
        total += _walk(qtbot, tmp_path, monkeypatch, seed, n).actions
        seed += 1
    elapsed = time.perf_counter() - t0
    print(f"\nfuzz_long: {total} actions in {elapsed:.1f} s ({total / elapsed:.0f} actions/s)")
    assert total >= LONG_ACTIONS
