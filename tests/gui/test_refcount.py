"""Regression test: ``Signal.emit`` must not leak or drop references to True/None.

PySide6(-Essentials) 6.12.0 on CPython < 3.12 drops a reference to ``True``/``None``
on every ``Signal.emit``; after a few thousand emits the interpreter aborts with
"Fatal Python error: bool_dealloc". The training worker emits across threads all the
time, so this would crash GD Studio mid-lesson. pyproject.toml pins the dependency
away from 6.12.0; this test catches the defect (or a pin that was lost) directly.
On CPython ≥ 3.12 True/None are immortal and their reference counts do not move.
"""

from __future__ import annotations

import gc
import sys
from importlib import metadata

import pytest
from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot

N_EMITS = 10_000
#: Other code (pytest, the event loop, the garbage collector) moves these counts by a
#: few dozen; the defect moves them by one per emit, i.e. by N_EMITS.
SLACK = 200


class Emitter(QObject):
    """Lives in a worker thread; emits bursts of bool / None signals."""

    flag = Signal(bool)
    nothing = Signal(object)
    done = Signal()

    @Slot(int)
    def burst(self, n: int) -> None:
        for i in range(n):
            self.flag.emit(i % 2 == 0)
            self.nothing.emit(None)
        self.done.emit()


class Receiver(QObject):
    """Lives in the GUI thread; counts what arrives."""

    start = Signal(int)

    def __init__(self) -> None:
        super().__init__()
        self.flags = 0
        self.trues = 0
        self.nones = 0
        self.finished = False

    @Slot(bool)
    def on_flag(self, value: bool) -> None:
        self.flags += 1
        self.trues += value is True

    @Slot(object)
    def on_nothing(self, value: object) -> None:
        self.nones += value is None

    @Slot()
    def on_done(self) -> None:
        self.finished = True


def _pyside_requirements():
    import tomllib
    from pathlib import Path

    from packaging.requirements import Requirement

    pyproject = Path(__file__).resolve().parents[2] / "pyproject.toml"
    deps = tomllib.loads(pyproject.read_text("utf-8"))["project"]["dependencies"]
    return [r for r in map(Requirement, deps) if r.name.lower() == "pyside6-essentials"]


@pytest.mark.parametrize("python", ["3.11", "3.12", "3.13"])
def test_the_pin_keeps_out_the_broken_release_where_it_aborts(python):
    """6.12.0 aborts on Python < 3.12; the pin must exclude it there (and 3.12+ too)."""
    env = {"python_version": python, "python_full_version": python + ".0"}
    applicable = [r for r in _pyside_requirements() if r.marker is None or r.marker.evaluate(env)]
    assert len(applicable) == 1
    assert not applicable[0].specifier.contains("6.12.0")
    assert applicable[0].specifier.contains("6.11.3")


def test_the_installed_pyside_satisfies_the_pin():
    try:
        installed = metadata.version("PySide6-Essentials")
    except metadata.PackageNotFoundError:  # pragma: no cover - the full PySide6 wheel
        installed = pyside_version
    env = {"python_version": f"{sys.version_info[0]}.{sys.version_info[1]}"}
    applicable = [r for r in _pyside_requirements() if r.marker is None or r.marker.evaluate(env)]
    assert applicable and applicable[0].specifier.contains(installed)


def test_cross_thread_emits_keep_true_and_none_refcounts_stable(qtbot):
    thread = QThread()
    emitter = Emitter()
    emitter.moveToThread(thread)
    receiver = Receiver()
    queued = Qt.ConnectionType.QueuedConnection
    receiver.start.connect(emitter.burst, queued)
    emitter.flag.connect(receiver.on_flag, queued)
    emitter.nothing.connect(receiver.on_nothing, queued)
    emitter.done.connect(receiver.on_done, queued)
    thread.start()
    try:
        # warm up: first emits create cached wrappers and connection data
        receiver.start.emit(100)
        qtbot.waitUntil(lambda: receiver.finished, timeout=10_000)
        receiver.finished = False
        gc.collect()
        before_true, before_none = sys.getrefcount(True), sys.getrefcount(None)

        receiver.start.emit(N_EMITS)
        qtbot.waitUntil(lambda: receiver.finished and receiver.flags == N_EMITS + 100,
                        timeout=60_000)
        gc.collect()
        after_true, after_none = sys.getrefcount(True), sys.getrefcount(None)
    finally:
        thread.quit()
        assert thread.wait(5000)
    assert receiver.trues == (N_EMITS + 100) // 2
    assert receiver.nones == N_EMITS + 100
    assert abs(after_true - before_true) <= SLACK, (before_true, after_true)
    assert abs(after_none - before_none) <= SLACK, (before_none, after_none)


@pytest.mark.parametrize("value", [True, None])
def test_same_thread_emits_keep_refcounts_stable(qtbot, value):
    class Local(QObject):
        sig = Signal(object)

    obj = Local()
    seen = []
    obj.sig.connect(seen.append)
    obj.sig.emit(value)
    seen.clear()
    gc.collect()
    before = sys.getrefcount(value)
    for _ in range(N_EMITS):
        obj.sig.emit(value)
    seen.clear()
    gc.collect()
    assert abs(sys.getrefcount(value) - before) <= SLACK
