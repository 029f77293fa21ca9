"""The control panel: every setting of a scenario, with a one-sentence tooltip each.

:class:`ControlPanel` shows a :class:`~gdstudio.core.scenario.Scenario` and builds a
new one from its widgets whenever the student changes something
(:attr:`ControlPanel.scenarioEdited`). It never trains or loads anything itself: the
main window validates the scenario (``Scenario.replace`` / ``prepare``) and reports a
:class:`~gdstudio.core.scenario.ScenarioError` back with :meth:`ControlPanel.show_error`.

Widgets that set numbers only report a change when editing is finished (keyboard
tracking off), and two-way bound pairs (the learning-rate slider and spin box) block
each other's signals while they sync, so no edit loops back.
"""

from __future__ import annotations

import dataclasses
import functools
import math
import re
from typing import Any

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QKeyEvent, QPixmap, QValidator
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QSlider,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from gdstudio.core import datasets as ds
from gdstudio.core.losses import LOSS_NAMES, get_loss
from gdstudio.core.models import ACTIVATION_NAMES, MODEL_NAMES
from gdstudio.core.optimizers import OPTIMIZER_NAMES, make_optimizer, optimizer_defaults
from gdstudio.core.scenario import Scenario, ScenarioError
from gdstudio.core.schedules import SCHEDULE_NAMES, make_schedule
from gdstudio.core.surfaces import SURFACE_NAMES, get_surface

__all__ = ["ControlPanel", "LogSlider", "SciSpinBox", "SpeedControl", "ColumnChooserDialog",
           "SpaceForShortcuts",
           "describe_run", "PROBLEM_FIELDS", "OPTIMIZER_FIELDS", "TOOLTIPS", "LR_MIN", "LR_MAX"]

#: Scenario fields that define the problem (changing one rebuilds data and landscape).
PROBLEM_FIELDS = ("kind", "surface", "condition", "dataset", "x", "y", "n_samples", "noise",
                  "model", "degree", "hidden", "activation", "loss", "huber_delta",
                  "standardize", "test_fraction")
#: Scenario fields of one run (each comparison run has its own; the core's ``[[runs]]``).
OPTIMIZER_FIELDS = ("optimizer", "learning_rate", "batch_size", "hyperparameters")
#: The learning-rate range of the slider (log scale).
LR_MIN, LR_MAX = 1e-5, 10.0
_OPEN_CSV = "\x00open-csv"

TOOLTIPS: dict[str, str] = {
    "kind": "Minimise an analytic two-parameter surface, or fit a model to a dataset by "
            "minimising its loss.",
    "surface": "The test function f(x, y) whose minimum gradient descent looks for.",
    "condition": "Condition number κ of the quadratic bowl: the ratio of its steepest to "
                 "its flattest curvature (κ = 1 is a round bowl, large κ a narrow ravine).",
    "dataset": "The data the model is fitted to: synthetic sets, real bundled sets, or "
               "your own CSV file.",
    "columns": "Choose which columns are the features x and which is the target y.",
    "n_samples": "How many points the synthetic dataset generator draws.",
    "noise": "How much random noise the synthetic dataset generator adds.",
    "test_fraction": "Share of the data held out as a test set; its loss is drawn dashed, "
                     "so you can see over-fitting.",
    "standardize": "Rescale each feature to mean 0 and standard deviation 1 before training "
                   "(makes the loss landscape rounder and gradient descent faster).",
    "model": "The model whose parameters θ are trained: a line, a polynomial, logistic "
             "regression (a classifier) or a small neural network (MLP).",
    "degree": "Degree of the polynomial: the model uses x, x², …, xᵈ as features.",
    "hidden": "Sizes of the MLP's hidden layers, e.g. 16, 16 for two layers of 16 units.",
    "activation": "The non-linear function applied after each hidden layer of the MLP.",
    "loss": "The loss function L measures how wrong the predictions are; training "
            "minimises its mean over the training data.",
    "huber_delta": "Huber δ: residuals smaller than δ are squared (like MSE), larger ones "
                   "count linearly (like MAE), which tames outliers.",
    "optimizer": "The gradient-descent variant: how each step turns the gradient into an "
                 "update of θ.",
    "learning_rate": "Learning rate η: the step size multiplying the gradient. Too small is "
                     "slow, too large oscillates or diverges.",
    "batch": "How many training examples each gradient is computed on: all of them (batch "
             "GD), one (stochastic GD, SGD) or k (mini-batch GD).",
    "batch_size": "Mini-batch size k: the number of examples in each gradient estimate.",
    "epoch": "An epoch is one pass over the training set; with mini-batches it takes "
             "several steps.",
    "momentum": "Momentum β: the fraction of the previous velocity kept at each step, so "
                "updates build up speed along consistent directions.",
    "dampening": "Dampening: scales down the new gradient added to the velocity (torch's "
                 "dampening; 0 = none).",
    "beta1": "β₁: decay rate of Adam's running average of gradients (the first moment).",
    "beta2": "β₂: decay rate of Adam's running average of squared gradients (the second "
             "moment).",
    "eps": "ε: a small number added to the denominator so the division never blows up.",
    "rho": "ρ: decay rate of RMSProp's running average of squared gradients.",
    "weight_decay": "Weight decay λ: shrinks θ towards 0 at every step (L2 regularisation; "
                    "AdamW decouples it from the gradient).",
    "lr_decay": "AdaGrad's learning-rate decay: η is divided by 1 + (t − 1)·decay.",
    "bias_correction": "Adam's bias correction divides the running averages by (1 − βᵗ) so "
                       "the first steps are not too small.",
    "schedule": "Learning-rate schedule: how η changes from step to step (constant, step "
                "decay, exponential, cosine, warm-up, …).",
    "step_size": "Step decay: η is multiplied by γ every this many steps.",
    "gamma": "γ: the factor η is multiplied by at each decay.",
    "decay_rate": "Inverse-time decay rate: η_t = η₀ / (1 + rate · t / decay steps).",
    "decay_steps": "Inverse-time decay: the number of steps the decay rate refers to.",
    "t_max": "Cosine annealing: the number of steps over which η falls to its minimum.",
    "eta_min": "Cosine annealing: the smallest learning rate η_min.",
    "warmup_steps": "Warm-up: the number of steps over which η rises to its full value.",
    "start_factor": "Warm-up: the fraction of η used at the first step.",
    "init_mode": "The start point θ₀: the problem's default (random for a network, set by "
                 "the seed), or values you type — or click on the loss landscape.",
    "init": "θ₀ as numbers separated by commas, one per parameter (click on the landscape "
            "to set them).",
    "seed": "Random seed: the same seed gives the same data, start point and mini-batch "
            "order, so runs are reproducible.",
    "max_steps": "Stop after this many steps (updates of θ).",
    "max_epochs": "Stop after this many passes over the training set.",
    "loss_tol": "Stop (converged) when the loss changes by less than this in one step.",
    "grad_tol": "Stop (converged) when the gradient norm ‖∇L‖ falls below this.",
    "speed": "Training speed in steps per second; far right: as fast as possible.",
    "runs": "The runs trained side by side on the same problem, in lockstep. The selected "
            "run is the one the optimizer settings edit and the arrows show.",
    "add_run": "Add a comparison run with a copy of the selected run's optimizer settings; "
               "then change its optimizer or learning rate (up to 8 runs).",
    "remove_run": "Remove the selected comparison run.",
}

_SURFACE_DEFAULT_TITLES = {name: get_surface(name).title for name in SURFACE_NAMES}
_MODEL_TITLES = {"linear": "Linear regression", "polynomial": "Polynomial regression",
                 "logistic": "Logistic regression", "mlp": "Neural network (MLP)"}
_KIND_TITLES = (("surface", "Loss surface f(x, y)"), ("data", "Fit a model to data"))
_BATCH_MODES = (("full", "Full batch (batch GD)"), ("sgd", "1 example (SGD)"),
                ("mini", "Mini-batch of k"))
_SCHEDULE_TITLES = {"constant": "Constant", "step": "Step decay", "exponential": "Exponential",
                    "inverse_time": "Inverse time", "cosine": "Cosine annealing",
                    "warmup": "Linear warm-up"}
_INT_PARAMS = {"step_size", "decay_steps", "t_max", "warmup_steps"}


def _optimizer_title(name: str) -> str:
    return make_optimizer(name).title


def describe_run(sc: Scenario) -> str:
    """A short legend name for a run: optimizer, η, batch size and key hyperparameters."""
    text = _optimizer_title(sc.optimizer)
    if sc.optimizer == "gd" and sc.batch_size == 1:
        text = "SGD"
    text += f", η = {sc.learning_rate:g}"
    hp = {**optimizer_defaults(sc.optimizer), **sc.hyperparameters}
    if sc.optimizer in ("momentum", "nesterov") or (sc.optimizer == "rmsprop" and hp["momentum"]):
        text += f", β = {hp['momentum']:g}"
    if sc.batch_size is not None and not (sc.optimizer == "gd" and sc.batch_size == 1):
        text += f", batch {sc.batch_size}"
    if sc.schedule != "constant":
        text += f", {_SCHEDULE_TITLES.get(sc.schedule, sc.schedule).lower()}"
    return text


@functools.lru_cache(maxsize=64)
def _named_dataset_info(name: str) -> tuple[str, int]:
    """(task, n_features) of a synthetic or bundled dataset with its default columns."""
    d = ds.load_dataset(name)
    return d.task, d.n_features


def dataset_task(name: str) -> str | None:
    """The task of a named dataset, None for a CSV path or a broken name."""
    if name in ds.SYNTHETIC_DATASETS or name in ds.BUNDLED_DATASETS:
        try:
            return _named_dataset_info(name)[0]
        except (ValueError, OSError):
            return None
    return None


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


def _swatch(color: str) -> QIcon:
    pix = QPixmap(14, 14)
    pix.fill(QColor(color))
    return QIcon(pix)


# ------------------------------------------------------------------ the panel
class ControlPanel(QWidget):
    """All the settings of the selected run's scenario, grouped as a student reads them.

    Signals:
        scenarioEdited(Scenario): the widgets describe a new, validated scenario.
        openCsvRequested(): "Open CSV…" was chosen in the dataset list.
        columnsRequested(): the "Columns…" button was pressed.
        addRunRequested(), removeRunRequested(int), focusRunChanged(int): the
            comparison-run list.
        errorChanged(str): the inline error text ("" when cleared).

    Invalid values (a ScenarioError from ``Scenario.replace``) are shown inline in red;
    the last valid scenario stays in use.
    """

    scenarioEdited = Signal(object)
    openCsvRequested = Signal()
    columnsRequested = Signal()
    addRunRequested = Signal()
    removeRunRequested = Signal(int)
    focusRunChanged = Signal(int)
    errorChanged = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._scenario = Scenario()
        self._updating = False
        self._n_train: int | None = None
        self._hp_widgets: dict[str, QWidget] = {}
        self._sched_widgets: dict[str, QWidget] = {}
        self._csv_paths: list[str] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(8)
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(
            "QLabel { background: #FDECEA; color: #8A1C12; border: 1px solid #E5A39B;"
            " border-radius: 4px; padding: 6px; }")
        self.error_label.hide()
        self.lesson_label = QLabel()
        self.lesson_label.setWordWrap(True)
        self.lesson_label.setTextFormat(Qt.TextFormat.RichText)
        self.lesson_label.setStyleSheet(
            "QLabel { background: #EEF4FB; color: #1D2B3A; border: 1px solid #B8CDE3;"
            " border-radius: 4px; padding: 6px; }")
        self.lesson_label.hide()
        layout.addWidget(self.lesson_label)
        layout.addWidget(self.error_label)
        layout.addWidget(self._build_problem())
        layout.addWidget(self._build_optimizer())
        layout.addWidget(self._build_schedule())
        layout.addWidget(self._build_init())
        layout.addWidget(self._build_stopping())
        layout.addWidget(self._build_runs())
        layout.addStretch(1)
        self._space_filter = SpaceForShortcuts(self)
        self.set_scenario(self._scenario)

    # -- construction ----------------------------------------------------------------
    def _tip(self, widget: QWidget, key: str) -> QWidget:
        widget.setToolTip(TOOLTIPS[key])
        return widget

    def _label(self, text: str, key: str) -> QLabel:
        label = QLabel(text)
        label.setToolTip(TOOLTIPS[key])
        return label

    def _build_problem(self) -> QGroupBox:
        box = QGroupBox("Problem")
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form_problem = form
        self.kind = QComboBox()
        for key, title in _KIND_TITLES:
            self.kind.addItem(title, key)
        self.surface = QComboBox()
        for name in SURFACE_NAMES:
            self.surface.addItem(_SURFACE_DEFAULT_TITLES[name], name)
        self.condition = QDoubleSpinBox()
        self.condition.setRange(1.0, 1000.0)
        self.condition.setDecimals(1)
        self.condition.setKeyboardTracking(False)
        self.formula = QLabel()
        self.formula.setWordWrap(True)
        self.formula.setStyleSheet("color: #444;")
        self.dataset = QComboBox()
        self._fill_datasets()
        self.columns_button = QPushButton("Columns…")
        self.dataset_info = QLabel()
        self.dataset_info.setWordWrap(True)
        self.dataset_info.setStyleSheet("color: #444;")
        self.n_samples = QSpinBox()
        self.n_samples.setRange(2, 100_000)
        self.n_samples.setKeyboardTracking(False)
        self.noise = QDoubleSpinBox()
        self.noise.setRange(0.0, 10.0)
        self.noise.setSingleStep(0.05)
        self.noise.setDecimals(3)
        self.noise.setKeyboardTracking(False)
        self.test_fraction = QDoubleSpinBox()
        self.test_fraction.setRange(0.0, 0.9)
        self.test_fraction.setSingleStep(0.05)
        self.test_fraction.setDecimals(2)
        self.test_fraction.setKeyboardTracking(False)
        self.standardize = QCheckBox("Standardise features")
        self.model = QComboBox()
        for name in MODEL_NAMES:
            self.model.addItem(_MODEL_TITLES.get(name, name), name)
        self.degree = QSpinBox()
        self.degree.setRange(1, 15)
        self.degree.setKeyboardTracking(False)
        self.hidden = QLineEdit()
        self.hidden.setPlaceholderText("e.g. 16, 16")
        self.activation = QComboBox()
        self.activation.addItems(ACTIVATION_NAMES)
        self.loss = QComboBox()
        for name in LOSS_NAMES:
            self.loss.addItem(get_loss(name).title, name)
        self.huber_delta = SciSpinBox(1e-6, 1e6, 1.0, factor=2.0)
        dataset_row = self.dataset_row = QWidget()
        drow = QHBoxLayout(dataset_row)
        drow.setContentsMargins(0, 0, 0, 0)
        drow.addWidget(self.dataset, 1)
        drow.addWidget(self.columns_button)
        rows = [("Problem", self.kind, "kind"), ("Surface", self.surface, "surface"),
                ("Condition κ", self.condition, "condition"), ("", self.formula, "surface"),
                ("Dataset", dataset_row, "dataset"), ("", self.dataset_info, "dataset"),
                ("Samples", self.n_samples, "n_samples"), ("Noise", self.noise, "noise"),
                ("Test fraction", self.test_fraction, "test_fraction"),
                ("", self.standardize, "standardize"), ("Model", self.model, "model"),
                ("Degree", self.degree, "degree"), ("Hidden layers", self.hidden, "hidden"),
                ("Activation", self.activation, "activation"), ("Loss", self.loss, "loss"),
                ("Huber δ", self.huber_delta, "huber_delta")]
        self._problem_rows: dict[str, QWidget] = {}
        for text, widget, key in rows:
            self._tip(widget, key)
            if text:
                form.addRow(self._label(text, key), widget)
            else:
                form.addRow(widget)
        self._tip(self.columns_button, "columns")
        self.kind.currentIndexChanged.connect(self._edited)
        self.surface.currentIndexChanged.connect(self._edited)
        self.condition.valueChanged.connect(self._edited)
        self.dataset.activated.connect(self._on_dataset_activated)
        self.columns_button.clicked.connect(self.columnsRequested)
        for w in (self.n_samples, self.noise, self.test_fraction, self.degree,
                  self.huber_delta):
            w.valueChanged.connect(self._edited)
        self.standardize.toggled.connect(self._edited)
        self.model.currentIndexChanged.connect(self._on_model_changed)
        self.hidden.editingFinished.connect(self._on_hidden_edited)
        self.activation.currentIndexChanged.connect(self._edited)
        self.loss.currentIndexChanged.connect(self._edited)
        return box

    def _fill_datasets(self) -> None:
        combo = self.dataset
        combo.blockSignals(True)
        combo.clear()
        for name in ds.SYNTHETIC_DATASETS:
            combo.addItem(f"{name} (synthetic)", name)
        combo.insertSeparator(combo.count())
        for name in ds.BUNDLED_DATASETS:
            combo.addItem(name, name)
        if self._csv_paths:
            combo.insertSeparator(combo.count())
            for path in self._csv_paths:
                combo.addItem(f"{path.replace(chr(92), '/').rsplit('/', 1)[-1]} (CSV)", path)
        combo.insertSeparator(combo.count())
        combo.addItem("Open CSV…", _OPEN_CSV)
        combo.blockSignals(False)

    def _build_optimizer(self) -> QGroupBox:
        box = QGroupBox("Gradient descent")
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form_optimizer = form
        self.optimizer = QComboBox()
        for name in OPTIMIZER_NAMES:
            self.optimizer.addItem(_optimizer_title(name), name)
        self.learning_rate = LogSlider()
        self.batch_mode = QComboBox()
        for key, title in _BATCH_MODES:
            self.batch_mode.addItem(title, key)
        self.batch_size = QSpinBox()
        self.batch_size.setRange(1, 1_000_000)
        self.batch_size.setValue(32)
        self.batch_size.setKeyboardTracking(False)
        self.epoch_label = QLabel()
        self.epoch_label.setStyleSheet("color: #444;")
        form.addRow(self._label("Optimizer", "optimizer"), self._tip(self.optimizer, "optimizer"))
        form.addRow(self._label("Learning rate η", "learning_rate"),
                    self._tip(self.learning_rate, "learning_rate"))
        form.addRow(self._label("Gradient on", "batch"), self._tip(self.batch_mode, "batch"))
        form.addRow(self._label("Batch size k", "batch_size"),
                    self._tip(self.batch_size, "batch_size"))
        form.addRow(self._tip(self.epoch_label, "epoch"))
        self.hp_box = QWidget()
        self.hp_form = QFormLayout(self.hp_box)
        self.hp_form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.hp_box)
        self.optimizer.currentIndexChanged.connect(self._on_optimizer_changed)
        self.learning_rate.valueChanged.connect(self._edited)
        self.batch_mode.currentIndexChanged.connect(self._edited)
        self.batch_size.valueChanged.connect(self._edited)
        return box

    def _build_schedule(self) -> QGroupBox:
        box = QGroupBox("Learning-rate schedule")
        form = QFormLayout(box)
        self.schedule = QComboBox()
        for name in SCHEDULE_NAMES:
            self.schedule.addItem(_SCHEDULE_TITLES.get(name, name), name)
        form.addRow(self._label("Schedule", "schedule"), self._tip(self.schedule, "schedule"))
        self.sched_box = QWidget()
        self.sched_form = QFormLayout(self.sched_box)
        self.sched_form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.sched_box)
        self.schedule.currentIndexChanged.connect(self._on_schedule_changed)
        return box

    def _build_init(self) -> QGroupBox:
        box = QGroupBox("Start point θ₀")
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.init_mode = QComboBox()
        self.init_mode.addItem("Default / random (seed)", "default")
        self.init_mode.addItem("Typed or clicked", "typed")
        self.init = QLineEdit()
        self.init.setPlaceholderText("e.g. -1.5, 2")
        self.seed = QSpinBox()
        self.seed.setRange(0, 2**31 - 1)
        self.seed.setKeyboardTracking(False)
        form.addRow(self._label("θ₀", "init_mode"), self._tip(self.init_mode, "init_mode"))
        form.addRow(self._label("Values", "init"), self._tip(self.init, "init"))
        form.addRow(self._label("Seed", "seed"), self._tip(self.seed, "seed"))
        self.init_mode.currentIndexChanged.connect(self._on_init_mode)
        self.init.editingFinished.connect(self._on_init_edited)
        self.seed.valueChanged.connect(self._edited)
        return box

    def _build_stopping(self) -> QGroupBox:
        box = QGroupBox("Stop when")
        form = QFormLayout(box)
        self.max_steps = QSpinBox()
        self.max_steps.setRange(0, 100_000_000)
        self.max_steps.setSpecialValueText("no limit")
        self.max_steps.setKeyboardTracking(False)
        self.max_steps.setSingleStep(100)
        self.max_epochs = SciSpinBox(0.0, 1e7, 0.0, factor=2.0, special="no limit", first=1.0)
        self.loss_tol = SciSpinBox(0.0, 1e6, 0.0, special="off", first=1e-9)
        self.grad_tol = SciSpinBox(0.0, 1e6, 0.0, special="off", first=1e-6)
        for text, widget, key in (("Steps ≥", self.max_steps, "max_steps"),
                                  ("Epochs ≥", self.max_epochs, "max_epochs"),
                                  ("|ΔL| <", self.loss_tol, "loss_tol"),
                                  ("‖∇L‖ <", self.grad_tol, "grad_tol")):
            form.addRow(self._label(text, key), self._tip(widget, key))
            widget.valueChanged.connect(self._edited)
        return box

    def _build_runs(self) -> QGroupBox:
        box = QGroupBox("Compare runs")
        layout = QVBoxLayout(box)
        self.run_list = QListWidget()
        self.run_list.setMaximumHeight(130)
        self._tip(self.run_list, "runs")
        buttons = QHBoxLayout()
        self.add_run_button = QPushButton("Add run")
        self.remove_run_button = QPushButton("Remove")
        self._tip(self.add_run_button, "add_run")
        self._tip(self.remove_run_button, "remove_run")
        buttons.addWidget(self.add_run_button)
        buttons.addWidget(self.remove_run_button)
        layout.addWidget(self.run_list)
        layout.addLayout(buttons)
        self.add_run_button.clicked.connect(self.addRunRequested)
        self.remove_run_button.clicked.connect(
            lambda: self.removeRunRequested.emit(self.run_list.currentRow()))
        self.run_list.currentRowChanged.connect(self._on_run_selected)
        return box

    # -- public ----------------------------------------------------------------------
    @property
    def scenario(self) -> Scenario:
        """The last valid scenario the widgets described."""
        return self._scenario

    def set_scenario(self, sc: Scenario) -> None:
        """Show ``sc`` in every widget (no signals are emitted)."""
        self._scenario = sc
        self._updating = True
        widgets = [w for w in self.findChildren(QWidget)]
        blocked = [w.blockSignals(True) for w in widgets]
        try:
            self._set_combo(self.kind, sc.kind)
            self._set_combo(self.surface, sc.surface)
            self.condition.setValue(sc.condition)
            if sc.kind == "data" and self.dataset.findData(sc.dataset) < 0:
                self._csv_paths.append(sc.dataset)
                self._fill_datasets()
            self._set_combo(self.dataset, sc.dataset)
            self.n_samples.setValue(sc.n_samples)
            self.noise.setValue(sc.noise)
            self.test_fraction.setValue(sc.test_fraction)
            self.standardize.setChecked(sc.standardize)
            self._set_combo(self.model, sc.model)
            self.degree.setValue(sc.degree)
            self.hidden.setText(", ".join(str(h) for h in sc.hidden))
            self._set_combo(self.activation, sc.activation)
            self._set_combo(self.loss, sc.loss)
            self.huber_delta.setValue(sc.huber_delta)
            self._set_combo(self.optimizer, sc.optimizer)
            self.learning_rate.setValue(sc.learning_rate)
            if sc.batch_size is None:
                self._set_combo(self.batch_mode, "full")
            elif sc.batch_size == 1:
                self._set_combo(self.batch_mode, "sgd")
            else:
                self._set_combo(self.batch_mode, "mini")
                self.batch_size.setValue(sc.batch_size)
            self._build_hp_form(sc.optimizer, sc.hyperparameters)
            self._set_combo(self.schedule, sc.schedule)
            self._build_schedule_form(sc.schedule, sc.schedule_params)
            self._set_combo(self.init_mode, "default" if sc.init is None else "typed")
            self.init.setText("" if sc.init is None else ", ".join(f"{v:.6g}" for v in sc.init))
            self.seed.setValue(sc.seed)
            self.max_steps.setValue(sc.max_steps or 0)
            self.max_epochs.setValue(sc.max_epochs or 0.0)
            self.loss_tol.setValue(sc.loss_tol or 0.0)
            self.grad_tol.setValue(sc.grad_tol or 0.0)
        finally:
            for w, was in zip(widgets, blocked):
                if shiboken6.isValid(w):
                    w.blockSignals(was)
            self._updating = False
        self._update_visibility()
        self._guard_spin_boxes()

    def _guard_spin_boxes(self) -> None:
        for spin in self.findChildren(QAbstractSpinBox):
            spin.installEventFilter(self._space_filter)
        for combo in self.findChildren(QComboBox):
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(8)

    def set_lesson(self, title: str, description: str) -> None:
        """Show a lesson's title and description above the settings (hidden if empty)."""
        def esc(text: str) -> str:
            return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        parts = []
        if title:
            parts.append(f"<b>{esc(title)}</b>")
        if description:
            parts.append(f"<span style='color:#3A4A5A'>{esc(' '.join(description.split()))}"
                         "</span>")
        self.lesson_label.setText("<br>".join(parts))
        self.lesson_label.setVisible(bool(parts))

    def set_train_size(self, n_train: int | None) -> None:
        """Number of training rows (None for a surface): for the steps-per-epoch note."""
        self._n_train = n_train
        self._update_visibility()

    def set_dataset_info(self, text: str) -> None:
        """A one-line description of the loaded dataset (below the dataset list)."""
        self.dataset_info.setText(text)

    def set_runs(self, names: list[str], colors: list[str], selected: int) -> None:
        """Show the comparison runs; ``selected`` is the run the optimizer settings edit."""
        self.run_list.blockSignals(True)
        self.run_list.clear()
        for name, color in zip(names, colors):
            self.run_list.addItem(QListWidgetItem(_swatch(color), name))
        self.run_list.setCurrentRow(selected)
        self.run_list.blockSignals(False)
        self.add_run_button.setEnabled(len(names) < 8)
        self.remove_run_button.setEnabled(len(names) > 1)

    def show_error(self, message: str) -> None:
        """Show ``message`` inline in red (empty: hide)."""
        self.error_label.setText(message)
        self.error_label.setVisible(bool(message))
        self.errorChanged.emit(message)

    def clear_error(self) -> None:
        """Hide the inline error."""
        if self.error_label.isVisible():
            self.show_error("")

    def set_init(self, theta: list[float]) -> None:
        """Make ``theta`` the typed start point and report the edit (a landscape click)."""
        self.init_mode.blockSignals(True)
        self._set_combo(self.init_mode, "typed")
        self.init_mode.blockSignals(False)
        self.init.setText(", ".join(f"{v:.4g}" for v in theta))
        self._update_visibility()
        self._edited()

    def set_dataset(self, name_or_path: str, x: list[str] | None, y: str | None) -> None:
        """Select a dataset (a CSV path is added to the list) with its columns; report it."""
        if self.dataset.findData(name_or_path) < 0:
            self._csv_paths.append(name_or_path)
            self._fill_datasets()
        self._set_combo(self.dataset, name_or_path)
        self._edited(columns=(x, y))

    # -- internals ---------------------------------------------------------------------
    @staticmethod
    def _set_combo(combo: QComboBox, data: Any) -> None:
        i = combo.findData(data)
        if i >= 0:
            combo.setCurrentIndex(i)

    def _update_visibility(self) -> None:
        data = self._current_kind() == "data"
        model = self.model.currentData()
        dataset = self.dataset.currentData()
        synthetic = dataset in ds.SYNTHETIC_DATASETS
        rows = {
            self.surface: not data, self.formula: not data,
            self.condition: not data and self.surface.currentData() == "quadratic",
            self.dataset_row: data, self.dataset_info: data,
            self.n_samples: data and synthetic, self.noise: data and synthetic,
            self.test_fraction: data, self.standardize: data, self.model: data,
            self.degree: data and model == "polynomial",
            self.hidden: data and model == "mlp", self.activation: data and model == "mlp",
            self.loss: data, self.huber_delta: data and self.loss.currentData() == "huber",
        }
        for widget, visible in rows.items():
            self.form_problem.setRowVisible(widget, visible)
        self.columns_button.setEnabled(data and not synthetic)
        if not data:
            surface = get_surface(self.surface.currentData(), **(
                {"condition": self.condition.value()}
                if self.surface.currentData() == "quadratic" else {}))
            self.formula.setText(f"f(x, y) = {surface.formula}")
        mode = self.batch_mode.currentData()
        self.form_optimizer.setRowVisible(self.batch_mode, data)
        self.form_optimizer.setRowVisible(self.batch_size, data and mode == "mini")
        self.form_optimizer.setRowVisible(self.epoch_label, data)
        if data and self._n_train:
            k = {"full": self._n_train, "sgd": 1}.get(mode, self.batch_size.value())
            k = min(k, self._n_train)
            per_epoch = -(-self._n_train // k)
            self.epoch_label.setText(
                f"1 epoch = {per_epoch} step{'s' if per_epoch != 1 else ''} "
                f"({self._n_train} training examples)")
        else:
            self.epoch_label.setText("")
        typed = self.init_mode.currentData() == "typed"
        self.init.setEnabled(typed)

    def _current_kind(self) -> str:
        return self.kind.currentData() or "surface"

    def _build_hp_form(self, optimizer: str, values: dict[str, float]) -> None:
        while self.hp_form.rowCount():
            self.hp_form.removeRow(0)
        self._hp_widgets = {}
        labels = {"momentum": "Momentum β", "dampening": "Dampening", "beta1": "β₁",
                  "beta2": "β₂", "eps": "ε", "rho": "Decay ρ", "weight_decay": "Weight decay λ",
                  "lr_decay": "η decay", "bias_correction": ""}
        for key, default in optimizer_defaults(optimizer).items():
            value = values.get(key, default)
            widget: QWidget
            if key == "bias_correction":
                widget = QCheckBox("Bias correction")
                widget.setChecked(bool(value))
                widget.toggled.connect(self._edited)
            elif key in ("momentum", "dampening", "rho", "beta1", "beta2"):
                widget = QDoubleSpinBox()
                widget.setRange(0.0, 0.99999)
                widget.setDecimals(5 if key == "beta2" else 4)
                widget.setSingleStep(0.01 if key != "beta2" else 0.0005)
                widget.setKeyboardTracking(False)
                widget.setValue(value)
                widget.valueChanged.connect(self._edited)
            else:
                widget = SciSpinBox(0.0, 100.0, value, special="0" if key != "eps" else None,
                                    first={"eps": 1e-8, "lr_decay": 1e-3}.get(key, 1e-4))
                widget.valueChanged.connect(self._edited)
            widget.setToolTip(TOOLTIPS[key])
            self._hp_widgets[key] = widget
            if labels[key]:
                self.hp_form.addRow(self._label(labels[key], key), widget)
            else:
                self.hp_form.addRow(widget)
        self.hp_box.setVisible(bool(self._hp_widgets))
        if hasattr(self, "_space_filter"):
            self._guard_spin_boxes()

    def _build_schedule_form(self, schedule: str, values: dict[str, float]) -> None:
        while self.sched_form.rowCount():
            self.sched_form.removeRow(0)
        self._sched_widgets = {}
        labels = {"step_size": "Every (steps)", "gamma": "Factor γ", "decay_rate": "Rate",
                  "decay_steps": "Decay steps", "t_max": "Steps T", "eta_min": "η_min",
                  "warmup_steps": "Warm-up steps", "start_factor": "Start factor"}
        for key, default in make_schedule(schedule, 1.0).params().items():
            value = values.get(key, default)
            widget: QWidget
            if key in _INT_PARAMS:
                widget = QSpinBox()
                widget.setRange(1, 100_000_000)
                widget.setKeyboardTracking(False)
                widget.setValue(int(value))
            elif key == "gamma":
                widget = QDoubleSpinBox()
                widget.setRange(0.0001, 10.0)
                widget.setDecimals(4)
                widget.setSingleStep(0.01)
                widget.setKeyboardTracking(False)
                widget.setValue(value)
            elif key == "start_factor":
                widget = QDoubleSpinBox()
                widget.setRange(0.0001, 1.0)
                widget.setDecimals(4)
                widget.setSingleStep(0.05)
                widget.setKeyboardTracking(False)
                widget.setValue(value)
            else:
                widget = SciSpinBox(0.0, 1e6, value, special="0", first=1e-4)
            widget.valueChanged.connect(self._edited)
            widget.setToolTip(TOOLTIPS[key])
            self._sched_widgets[key] = widget
            self.sched_form.addRow(self._label(labels.get(key, key), key), widget)
        self.sched_box.setVisible(bool(self._sched_widgets))
        if hasattr(self, "_space_filter"):
            self._guard_spin_boxes()

    @staticmethod
    def _widget_value(widget: QWidget) -> float:
        if isinstance(widget, QCheckBox):
            return 1.0 if widget.isChecked() else 0.0
        return float(widget.value())  # type: ignore[attr-defined]

    def _collect(self, columns: tuple[list[str] | None, str | None] | None = None) -> Scenario:
        """A scenario from the widgets (raises ScenarioError for invalid values)."""
        base = self._scenario
        kind = self._current_kind()
        changes: dict[str, Any] = {"kind": kind}
        if kind == "surface":
            changes.update(surface=self.surface.currentData(),
                           condition=float(self.condition.value()))
        else:
            dataset = self.dataset.currentData()
            if dataset == _OPEN_CSV:
                dataset = base.dataset
            if columns is not None:
                x, y = columns
            elif dataset == base.dataset:
                x, y = base.x, base.y
            else:
                x, y = None, None
            changes.update(dataset=dataset, x=x, y=y, n_samples=int(self.n_samples.value()),
                           noise=float(self.noise.value()),
                           test_fraction=float(self.test_fraction.value()),
                           standardize=self.standardize.isChecked(),
                           model=self.model.currentData(), degree=int(self.degree.value()),
                           hidden=self._parse_hidden(),
                           activation=self.activation.currentText(),
                           loss=self.loss.currentData(),
                           huber_delta=float(self.huber_delta.value()))
        optimizer = self.optimizer.currentData()
        defaults = optimizer_defaults(optimizer)
        hp = {k: self._widget_value(w) for k, w in self._hp_widgets.items() if k in defaults}
        hp = {k: v for k, v in hp.items() if v != defaults[k]}
        mode = self.batch_mode.currentData()
        batch = None if kind == "surface" or mode == "full" else (
            1 if mode == "sgd" else int(self.batch_size.value()))
        schedule = self.schedule.currentData()
        sched_params = {k: self._widget_value(w) for k, w in self._sched_widgets.items()}
        changes.update(optimizer=optimizer, learning_rate=self.learning_rate.value(),
                       batch_size=batch, hyperparameters=hp, schedule=schedule,
                       schedule_params=sched_params, seed=int(self.seed.value()),
                       init=self._parse_init(),
                       max_steps=int(self.max_steps.value()) or None,
                       max_epochs=float(self.max_epochs.value()) or None,
                       loss_tol=float(self.loss_tol.value()) or None,
                       grad_tol=float(self.grad_tol.value()) or None)
        return base.replace(**changes)

    def _parse_hidden(self) -> list[int]:
        text = self.hidden.text().strip()
        try:
            sizes = [int(part) for part in re.split(r"[,\s;]+", text) if part]
        except ValueError:
            raise ScenarioError("problem.hidden",
                                f"write whole numbers separated by commas, e.g. 16, 16 "
                                f"(got {text!r})") from None
        if not sizes:
            raise ScenarioError("problem.hidden", "give at least one hidden layer, e.g. 16")
        return sizes

    def _parse_init(self) -> list[float] | None:
        if self.init_mode.currentData() != "typed":
            return None
        text = self.init.text().strip().replace("−", "-")
        if not text:
            return self._scenario.init
        try:
            values = [float(part) for part in re.split(r"[,\s;]+", text) if part]
        except ValueError:
            raise ScenarioError("init.theta", f"write numbers separated by commas, e.g. "
                                f"-1.5, 2 (got {text!r})") from None
        if not all(math.isfinite(v) for v in values):
            raise ScenarioError("init.theta", "the values must be finite numbers")
        return values

    def _edited(self, *args: Any, columns: Any = None) -> None:
        if self._updating:
            return
        self._update_visibility()
        try:
            sc = self._collect(columns)
        except ScenarioError as exc:
            self.show_error(str(exc))
            return
        self.clear_error()
        self._scenario = sc
        self.scenarioEdited.emit(sc)

    def report_rejected(self, message: str) -> None:
        """The main window could not use the last scenario (e.g. prepare failed)."""
        self.show_error(message)

    def _on_dataset_activated(self, index: int) -> None:
        if self.dataset.itemData(index) == _OPEN_CSV:
            self._set_combo_silently(self.dataset, self._scenario.dataset)
            self.openCsvRequested.emit()
            return
        self._auto_model_for_dataset()
        self._edited()

    def _set_combo_silently(self, combo: QComboBox, data: Any) -> None:
        combo.blockSignals(True)
        self._set_combo(combo, data)
        combo.blockSignals(False)

    def _auto_model_for_dataset(self) -> None:
        """Pick a model and loss that suit the chosen dataset's task (as a teacher would)."""
        task = dataset_task(self.dataset.currentData())
        if task is None:
            return
        self._suit_task(task)

    def _suit_task(self, task: str) -> None:
        model, loss = self.model.currentData(), self.loss.currentData()
        if task == "classification":
            if model in ("linear", "polynomial"):
                model = "logistic"
            if get_loss(loss).task != "classification":
                loss = "logloss"
        else:
            if model == "logistic":
                model = "linear"
            if get_loss(loss).task != "regression":
                loss = "mse"
        self._set_combo_silently(self.model, model)
        self._set_combo_silently(self.loss, loss)

    def suit_task(self, task: str) -> None:
        """Choose a model and loss for ``task`` without reporting an edit (CSV loading)."""
        self._suit_task(task)
        self._update_visibility()

    def _on_model_changed(self, index: int) -> None:
        model = self.model.currentData()
        loss = self.loss.currentData()
        loss_task = get_loss(loss).task
        if model == "logistic" and loss_task != "classification":
            self._set_combo_silently(self.loss, "logloss")
        elif model in ("linear", "polynomial") and loss_task != "regression":
            self._set_combo_silently(self.loss, "mse")
        elif model == "mlp":
            task = dataset_task(self.dataset.currentData())
            if task is not None and task != loss_task:
                self._set_combo_silently(self.loss, "logloss" if task == "classification"
                                         else "mse")
        self._edited()

    def _on_hidden_edited(self) -> None:
        if self.hidden.isModified():
            self.hidden.setModified(False)
            self._edited()

    def _on_optimizer_changed(self, index: int) -> None:
        self._build_hp_form(self.optimizer.currentData(), {})
        self._edited()

    def _on_schedule_changed(self, index: int) -> None:
        self._build_schedule_form(self.schedule.currentData(), {})
        self._edited()

    def _on_init_mode(self, index: int) -> None:
        self._update_visibility()
        if self.init_mode.currentData() == "typed" and not self.init.text().strip():
            return  # wait for values (or a click on the landscape)
        self._edited()

    def _on_init_edited(self) -> None:
        if self.init.isModified():
            self.init.setModified(False)
            self._edited()

    def _on_run_selected(self, row: int) -> None:
        if row >= 0:
            self.focusRunChanged.emit(row)


def scenario_fields_differ(a: Scenario, b: Scenario, fields: tuple[str, ...]) -> bool:
    """Whether any of ``fields`` differs between two scenarios."""
    return any(getattr(a, f) != getattr(b, f) for f in fields)


def optimizer_changes(sc: Scenario) -> dict[str, Any]:
    """The optimizer fields of ``sc`` as a dict of Scenario.replace changes (copied)."""
    out = {}
    for f in OPTIMIZER_FIELDS:
        value = getattr(sc, f)
        out[f] = dict(value) if isinstance(value, dict) else value
    return out


def run_scenario(base: Scenario, changes: dict[str, Any]) -> Scenario:
    """``base`` with one run's changes; a new optimizer/schedule without its own
    hyperparameters/parameters gets the defaults (never the base's, which may not fit).

    Raises:
        ScenarioError: the combination is invalid.
    """
    changes = dict(changes)
    if "optimizer" in changes and "hyperparameters" not in changes and \
            changes["optimizer"] != base.optimizer:
        changes["hyperparameters"] = {}
    if "schedule" in changes and "schedule_params" not in changes and \
            changes["schedule"] != base.schedule:
        changes["schedule_params"] = {}
    changes.setdefault("runs", [])
    fields = {f.name for f in dataclasses.fields(Scenario)}
    unknown = sorted(set(changes) - fields)
    if unknown:
        raise ScenarioError(unknown[0], f"unknown scenario field; valid fields: "
                            f"{', '.join(sorted(fields))}")
    return base.replace(**changes)
