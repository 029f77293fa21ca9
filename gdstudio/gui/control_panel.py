"""The control panel: every setting of the session's focus run, as a student reads them.

A view of the :class:`~gdstudio.core.session.Session`: it keeps no copy of the
scenario. :meth:`ControlPanel.sync` draws the widgets from the session (signals blocked,
so nothing loops back); an edit calls the session at the right scope —
``edit_problem`` (the problem: every run restarts), ``edit_run`` (the focus run's
optimizer, η, batch size, hyperparameters and θ₀: only that run restarts, or continues
from its current θ) or ``edit_shared`` (seed, schedule, stopping). The session
validates; a :class:`~gdstudio.core.scenario.ScenarioError` or
:class:`~gdstudio.core.datasets.DatasetError` is shown inline in red, nothing changes,
and the widgets are drawn from the session again (a typed text field keeps its text so
it can be corrected).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from typing import Any

import numpy as np
import shiboken6
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from gdstudio.core import datasets as ds
from gdstudio.core.losses import LOSS_NAMES, get_loss
from gdstudio.core.models import ACTIVATION_NAMES, MODEL_NAMES
from gdstudio.core.optimizers import OPTIMIZER_NAMES, make_optimizer, optimizer_defaults
from gdstudio.core.scenario import MAX_RUNS, ScenarioError
from gdstudio.core.schedules import SCHEDULE_NAMES, make_schedule
from gdstudio.core.session import Session
from gdstudio.core.surfaces import ALL_SURFACE_NAMES, get_surface
from gdstudio.gui.i18n import translate
from gdstudio.gui.plot_style import STYLE_SHEETS, run_style
from gdstudio.gui.tooltips import TOOLTIPS
from gdstudio.gui.widgets import (
    LogSlider,
    SciSpinBox,
    SpaceForShortcuts,
    buttons_take_tab_focus,
    chain_tab_order,
    focus_order,
    label_fields,
    plain,
    swatch,
)

__all__ = ["ControlPanel"]

_SURFACE_DEFAULT_TITLES = {name: get_surface(name).title for name in ALL_SURFACE_NAMES}
_MODEL_TITLES = {"linear": "Linear regression", "polynomial": "Polynomial regression",
                 "logistic": "Logistic regression", "mlp": "Neural network (MLP)"}
_KIND_TITLES = (("surface", "A function to minimise"), ("data", "Fit a model to data"))
_BATCH_MODES = (("full", "Full batch (batch GD)"), ("sgd", "1 example (SGD)"),
                ("mini", "Mini-batch of k"))
_SCHEDULE_TITLES = {"constant": "Constant", "step": "Step decay", "exponential": "Exponential",
                    "inverse_time": "Inverse time", "cosine": "Cosine annealing",
                    "warmup": "Linear warm-up"}
_INT_PARAMS = {"step_size", "decay_steps", "t_max", "warmup_steps"}


_OPEN_CSV = "\x00open-csv"
#: The function offered when "Your own f(x, y)" is chosen with nothing typed yet.
DEFAULT_EXPRESSION = "x**2 + 10*y**2"


def _optimizer_title(name: str) -> str:
    return make_optimizer(name).title


class ControlPanel(QWidget):
    """All the settings of the focus run, grouped as a student reads them.

    Args:
        session: the session it shows and edits.
        current_theta: ``current_theta(k)`` → run k's θ now ``(p,)`` or None (for
            "Continue from the current θ").

    Signals:
        csvRequested(): "Open CSV…" was chosen in the dataset list.
        columnsRequested(): the "Columns…" button was pressed.
        errorChanged(str): the inline error text ("" when cleared).
    """

    csvRequested = Signal()
    columnsRequested = Signal()
    errorChanged = Signal(str)

    def __init__(self, session: Session,
                 current_theta: Callable[[int], np.ndarray | None] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self._current_theta = current_theta or (lambda k: None)
        self._syncing = False
        self._hp_widgets: dict[str, QWidget] = {}
        self._sched_widgets: dict[str, QWidget] = {}
        self._csv_paths: list[str] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(8)
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setTextFormat(Qt.TextFormat.PlainText)
        self.error_label.setStyleSheet(STYLE_SHEETS["error"])
        self.error_label.hide()
        self.lesson_label = QLabel()
        self.lesson_label.setWordWrap(True)
        self.lesson_label.setTextFormat(Qt.TextFormat.RichText)
        self.lesson_label.setStyleSheet(STYLE_SHEETS["lesson"])
        layout.addWidget(self.lesson_label)
        layout.addWidget(self.error_label)
        #: control groups a lesson page shows (None: all; see core.lessons.CONTROL_GROUPS)
        self.shown_groups: frozenset[str] | None = None
        self.boxes: dict[str, QWidget] = {}
        for name, build in (("problem", self._build_problem),
                            ("optimizer", self._build_optimizer),
                            ("schedule", self._build_schedule), ("init", self._build_init),
                            ("stopping", self._build_stopping), ("runs", self._build_runs)):
            box = build()
            self.boxes[name] = box
            layout.addWidget(box)
        layout.addStretch(1)
        self._space_filter = SpaceForShortcuts(self)
        for signal in (session.problem_changed, session.runs_changed, session.run_changed,
                       session.focus_changed):
            signal.connect(self.sync)
        session.title_changed.connect(lambda _title: self._show_lesson())
        self.sync()
        self._show_lesson()
        self._name_controls()
        self.update_keyboard()

    def _name_controls(self) -> None:
        """Accessible names where the visible label is a symbol rather than words (the
        other controls are named after their labels by :meth:`update_keyboard`)."""
        for widget, name in (
                (self.expression, translate("ControlPanel", "Function f(x, y)")),
                (self.init_mode, translate("ControlPanel", "Start point θ₀")),
                (self.init, translate("ControlPanel", "Start point θ₀ values")),
                (self.start_seed, translate("ControlPanel", "Random start number")),
                (self.max_steps, translate("ControlPanel", "Stop after this many steps")),
                (self.max_epochs, translate("ControlPanel", "Stop after this many epochs")),
                (self.loss_tol, translate("ControlPanel",
                                          "Stop when the loss changes by less than")),
                (self.grad_tol, translate("ControlPanel",
                                          "Stop when the gradient norm is below")),
                (self.run_list, translate("ControlPanel", "Runs")),
                (self.condition, translate("ControlPanel", "Condition number κ"))):
            widget.setAccessibleName(name)

    def update_keyboard(self) -> None:
        """Buddies, accessible names and descriptions, and a top-to-bottom Tab order of
        every control (again after an optimizer's or schedule's rows are rebuilt)."""
        label_fields(self)
        buttons_take_tab_focus(self)
        chain_tab_order(focus_order(self))

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
        for name in ALL_SURFACE_NAMES:
            self.surface.addItem(_SURFACE_DEFAULT_TITLES[name], name)
        self.surface.addItem("Your own f(x, y) typed as text…", "expression")
        self.expression = QLineEdit()
        self.expression.setPlaceholderText("e.g. x**2 + 10*y**2, or sin(x) + x**2/4")
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
        self.dataset_info.setTextFormat(Qt.TextFormat.PlainText)  # it quotes column names
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
        self.bias = QCheckBox("Intercept b (ŷ = w·x + b)")
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
                ("Condition κ", self.condition, "condition"),
                ("f =", self.expression, "expression"), ("", self.formula, "surface"),
                ("Dataset", dataset_row, "dataset"), ("", self.dataset_info, "dataset"),
                ("Samples", self.n_samples, "n_samples"), ("Noise", self.noise, "noise"),
                ("Test fraction", self.test_fraction, "test_fraction"),
                ("", self.standardize, "standardize"), ("Model", self.model, "model"),
                ("", self.bias, "bias"),
                ("Degree", self.degree, "degree"), ("Hidden layers", self.hidden, "hidden"),
                ("Activation", self.activation, "activation"), ("Loss", self.loss, "loss"),
                ("Huber δ", self.huber_delta, "huber_delta")]
        for text, widget, key in rows:
            self._tip(widget, key)
            if text:
                form.addRow(self._label(text, key), widget)
            else:
                form.addRow(widget)
        self._tip(self.columns_button, "columns")
        self.surface.currentIndexChanged.connect(lambda _i: self._on_surface_chosen())
        self.expression.editingFinished.connect(self._on_expression_edited)
        for combo, name in ((self.kind, "kind"), (self.model, "model"), (self.loss, "loss")):
            combo.currentIndexChanged.connect(
                lambda _i, combo=combo, name=name: self._problem(**{name: combo.currentData()}))
        self.activation.currentIndexChanged.connect(
            lambda _i: self._problem(activation=self.activation.currentText()))
        for spin, name, cast in ((self.condition, "condition", float),
                                 (self.n_samples, "n_samples", int), (self.noise, "noise", float),
                                 (self.test_fraction, "test_fraction", float),
                                 (self.degree, "degree", int),
                                 (self.huber_delta, "huber_delta", float)):
            spin.valueChanged.connect(
                lambda v, name=name, cast=cast: self._problem(**{name: cast(v)}))
        self.standardize.toggled.connect(lambda on: self._problem(standardize=bool(on)))
        self.bias.toggled.connect(lambda on: self._problem(bias=bool(on)))
        self.dataset.activated.connect(self._on_dataset_activated)
        self.columns_button.clicked.connect(self.columnsRequested)
        self.hidden.editingFinished.connect(self._on_hidden_edited)
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
        self.optimizer.currentIndexChanged.connect(
            lambda _i: self._run(optimizer=self.optimizer.currentData()))
        self.learning_rate.valueChanged.connect(lambda v: self._run(learning_rate=float(v)))
        self.batch_mode.currentIndexChanged.connect(lambda _i: self._on_batch_edited())
        self.batch_size.valueChanged.connect(lambda _v: self._on_batch_edited())
        self.on_change = QComboBox()
        self.on_change.addItem("Restart the run from θ₀", "restart")
        self.on_change.addItem("Continue from the current θ", "continue")
        self.on_change.setToolTip(TOOLTIPS["on_change"])
        form.addRow(self._label("On a change", "on_change"), self.on_change)
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
        self.schedule.currentIndexChanged.connect(
            lambda _i: self._shared(schedule=self.schedule.currentData()))
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
        self.random_start = QPushButton("Randomise θ₀")
        self.start_seed = QSpinBox()
        self.start_seed.setRange(0, 2**31 - 1)
        self.start_seed.setPrefix("start #")
        row = QWidget()
        rl = QHBoxLayout(row)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.addWidget(self._tip(self.random_start, "random_start"), 1)
        rl.addWidget(self._tip(self.start_seed, "random_start"))
        form.addRow(row)
        self.random_start.clicked.connect(self._on_random_start)
        self.init_mode.currentIndexChanged.connect(self._on_init_mode)
        self.init.editingFinished.connect(self._on_init_edited)
        self.seed.valueChanged.connect(lambda v: self._shared(seed=int(v)))
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
            widget.valueChanged.connect(lambda _v: self._on_stopping_edited())
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
        self.add_run_button.clicked.connect(lambda: self._apply(self.session.add_run))
        self.remove_run_button.clicked.connect(
            lambda: self._apply(self.session.remove_run, self.session.focus))
        self.run_list.currentRowChanged.connect(self._on_run_selected)
        return box

    @staticmethod
    def _refill(widgets: dict[str, QWidget], defaults: dict[str, Any],
                values: dict[str, float]) -> bool:
        """Show ``values`` in a form's existing widgets if it has exactly these keys.

        A form is rebuilt only when its keys change (another optimizer or schedule):
        rebuilding it on every sync deleted the spin box whose own valueChanged had led
        to the sync, and Qt crashed on returning into it (a click on the arrows of
        "Momentum β" killed the application)."""
        if not widgets or list(widgets) != list(defaults):
            return False
        for key, widget in widgets.items():
            value = values.get(key, defaults[key])
            was = widget.blockSignals(True)
            if isinstance(widget, QCheckBox):
                widget.setChecked(bool(value))
            elif isinstance(widget, QSpinBox):
                widget.setValue(int(value))
            else:
                widget.setValue(float(value))  # type: ignore[attr-defined]
            widget.blockSignals(was)
        return True

    def _build_hp_form(self, optimizer: str, values: dict[str, float]) -> None:
        if self._refill(self._hp_widgets, optimizer_defaults(optimizer), values):
            return
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
                widget.toggled.connect(lambda _on: self._on_hyperparameter_edited())
            elif key in ("momentum", "dampening", "rho", "beta1", "beta2"):
                widget = QDoubleSpinBox()
                widget.setRange(0.0, 0.99999)
                widget.setDecimals(5 if key == "beta2" else 4)
                widget.setSingleStep(0.01 if key != "beta2" else 0.0005)
                widget.setKeyboardTracking(False)
                widget.setValue(value)
                widget.valueChanged.connect(lambda _v: self._on_hyperparameter_edited())
            else:
                widget = SciSpinBox(0.0, 100.0, value, special="0" if key != "eps" else None,
                                    first={"eps": 1e-8, "lr_decay": 1e-3}.get(key, 1e-4))
                widget.valueChanged.connect(lambda _v: self._on_hyperparameter_edited())
            widget.setToolTip(TOOLTIPS[key])
            self._hp_widgets[key] = widget
            if labels[key]:
                self.hp_form.addRow(self._label(labels[key], key), widget)
            else:
                self.hp_form.addRow(widget)
        self.hp_box.setVisible(bool(self._hp_widgets))
        if hasattr(self, "_space_filter"):
            self._guard_spin_boxes()
            self.update_keyboard()

    def _build_schedule_form(self, schedule: str, values: dict[str, float]) -> None:
        if self._refill(self._sched_widgets, make_schedule(schedule, 1.0).params(), values):
            return
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
            widget.valueChanged.connect(lambda _v: self._on_schedule_params_edited())
            widget.setToolTip(TOOLTIPS[key])
            self._sched_widgets[key] = widget
            self.sched_form.addRow(self._label(labels.get(key, key), key), widget)
        self.sched_box.setVisible(bool(self._sched_widgets))
        if hasattr(self, "_space_filter"):
            self._guard_spin_boxes()
            self.update_keyboard()

    # -- drawing from the session ----------------------------------------------------
    def sync(self, *_: Any) -> None:
        """Show the session's focus run in every widget (no signal reaches the session)."""
        session = self.session
        sc = session.focus_run
        self._syncing = True
        widgets = list(self.findChildren(QWidget))
        blocked = [w.blockSignals(True) for w in widgets]
        try:
            self._set_combo(self.kind, sc.kind)
            self._set_combo(self.surface, sc.surface)
            if not self.expression.isModified():
                self.expression.setText(sc.expression)
            self.condition.setValue(sc.condition)
            if sc.kind == "data" and self.dataset.findData(sc.dataset) < 0:
                self._csv_paths.append(sc.dataset)
                self._fill_datasets()
            self._set_combo(self.dataset, sc.dataset)
            self.n_samples.setValue(sc.n_samples)
            self.noise.setValue(sc.noise)
            self.test_fraction.setValue(sc.test_fraction)
            self.standardize.setChecked(sc.standardize)
            self.bias.setChecked(sc.bias)
            self._set_combo(self.model, sc.model)
            self.degree.setValue(sc.degree)
            if not self.hidden.isModified():
                self.hidden.setText(", ".join(str(h) for h in sc.hidden))
            self._set_combo(self.activation, sc.activation)
            self.activation.setCurrentText(sc.activation)
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
            typed = sc.init is not None or self.init_mode.currentData() == "typed"
            self._set_combo(self.init_mode, "typed" if typed else "default")
            if not self.init.isModified():
                self.init.setText("" if sc.init is None
                                  else ", ".join(f"{v:.6g}" for v in sc.init))
            self.seed.setValue(sc.seed)
            self.max_steps.setValue(sc.max_steps or 0)
            self.max_epochs.setValue(sc.max_epochs or 0.0)
            self.loss_tol.setValue(sc.loss_tol or 0.0)
            self.grad_tol.setValue(sc.grad_tol or 0.0)
            self._show_runs()
            self._show_setup()
        finally:
            for w, was in zip(widgets, blocked):
                if shiboken6.isValid(w):
                    w.blockSignals(was)
            self._syncing = False
        self._update_visibility()
        self._guard_spin_boxes()

    def _show_runs(self) -> None:
        session = self.session
        self.run_list.clear()
        for k in range(session.n_runs):
            style = run_style(k)
            self.run_list.addItem(QListWidgetItem(
                swatch(style.color, style.symbol),
                translate("ControlPanel", "Run {number}: {name}").format(
                    number=style.number, name=session.run_name(k))))
        self.run_list.setCurrentRow(session.focus)
        self.add_run_button.setEnabled(session.n_runs < MAX_RUNS)
        self.remove_run_button.setEnabled(session.n_runs > 1)

    def _show_setup(self) -> None:
        setup = self.session.setup
        d = setup.dataset
        if d is not None:
            info = (f"{d.task}, {d.n_samples} rows: {', '.join(d.feature_names)} → "
                    f"{d.target_name}")
            if d.dropped_rows:
                info += f" ({d.dropped_rows} rows with missing values left out)"
            self.dataset_info.setText(info)
        else:
            self.dataset_info.setText("")
        if setup.surface is not None:
            text = f"f({', '.join(setup.surface.variables)}) = {setup.surface.formula}"
            grads = getattr(setup.surface, "gradient_formulas", None)
            if grads:
                names = setup.surface.variables
                text += "\n" + "\n".join(f"∂f/∂{n} = {g}" for n, g in zip(names, grads))
            self.formula.setText(text)

    def _show_lesson(self) -> None:
        """The lesson card: the title (the lesson's, or one made from the problem) and the
        lesson's description (plain text)."""
        session = self.session
        parts = [f"<b>{plain(session.display_title)}</b>"]
        if session.description:
            text = plain(" ".join(session.description.split()))
            parts.append(f"<span>{text}</span>")
        self.lesson_label.setText("<br>".join(parts))

    def _guard_spin_boxes(self) -> None:
        for spin in self.findChildren(QAbstractSpinBox):
            spin.installEventFilter(self._space_filter)
        for combo in self.findChildren(QComboBox):
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(8)

    @staticmethod
    def _set_combo(combo: QComboBox, data: Any) -> None:
        i = combo.findData(data)
        if i >= 0:
            combo.setCurrentIndex(i)

    def _update_visibility(self) -> None:
        data = (self.kind.currentData() or "surface") == "data"
        model = self.model.currentData()
        synthetic = self.dataset.currentData() in ds.SYNTHETIC_DATASETS
        rows = {
            self.surface: not data, self.formula: not data,
            self.expression: not data and self.surface.currentData() == "expression",
            self.condition: not data and self.surface.currentData() == "quadratic",
            self.dataset_row: data, self.dataset_info: data,
            self.n_samples: data and synthetic, self.noise: data and synthetic,
            self.test_fraction: data, self.standardize: data, self.model: data,
            self.bias: data and model in ("linear", "polynomial", "logistic"),
            self.degree: data and model == "polynomial",
            self.hidden: data and model == "mlp", self.activation: data and model == "mlp",
            self.loss: data, self.huber_delta: data and self.loss.currentData() == "huber",
        }
        group_of = {self.surface: "problem", self.formula: "problem", self.condition: "problem",
                    self.expression: "problem",
                    self.dataset_row: "problem", self.dataset_info: "problem",
                    self.n_samples: "problem", self.noise: "problem", self.kind: "problem",
                    self.test_fraction: "data", self.standardize: "data", self.model: "model",
                    self.bias: "model", self.degree: "model", self.hidden: "model",
                    self.activation: "model", self.loss: "loss", self.huber_delta: "loss"}
        rows[self.kind] = True
        for widget, visible in rows.items():
            self.form_problem.setRowVisible(widget, visible and self._group(group_of[widget]))
        self.columns_button.setEnabled(data and not synthetic)
        mode = self.batch_mode.currentData()
        batch = self._group("batch_size")
        self.form_optimizer.setRowVisible(self.batch_mode, data and batch)
        self.form_optimizer.setRowVisible(self.batch_size, data and mode == "mini" and batch)
        self.form_optimizer.setRowVisible(self.epoch_label, data and batch)
        self.form_optimizer.setRowVisible(self.optimizer, self._group("optimizer"))
        self.form_optimizer.setRowVisible(self.hp_box, self._group("optimizer"))
        self.form_optimizer.setRowVisible(self.on_change, self._group("optimizer"))
        self.form_optimizer.setRowVisible(self.learning_rate, self._group("learning_rate"))
        for name in ("schedule", "init", "stopping", "runs"):
            self.boxes[name].setVisible(self._group(name))
        self.boxes["problem"].setVisible(any(self._group(g) for g in
                                             ("problem", "model", "loss", "data")))
        self.boxes["optimizer"].setVisible(any(self._group(g) for g in
                                               ("optimizer", "learning_rate", "batch_size")))
        n_train = self.session.setup.problem.n_train
        if data and n_train:
            k = {"full": n_train, "sgd": 1}.get(mode, self.batch_size.value())
            per_epoch = -(-n_train // min(k, n_train))
            self.epoch_label.setText(
                f"1 epoch = {per_epoch} step{'s' if per_epoch != 1 else ''} "
                f"({n_train} training examples)")
        else:
            self.epoch_label.setText("")
        self.init.setEnabled(self.init_mode.currentData() == "typed")

    def _group(self, name: str) -> bool:
        return self.shown_groups is None or name in self.shown_groups

    def set_visible_groups(self, groups: tuple[str, ...] | None) -> None:
        """Show only these control groups (a lesson page's ``show``; None: all)."""
        self.shown_groups = None if groups is None else frozenset(groups)
        self._update_visibility()

    # -- errors ----------------------------------------------------------------------
    def show_error(self, message: str) -> None:
        """Show ``message`` inline in red, as plain text (empty: hide)."""
        self.error_label.setText(message)
        self.error_label.setVisible(bool(message))
        self.errorChanged.emit(message)

    def clear_error(self) -> None:
        """Hide the inline error."""
        if self.error_label.isVisible():
            self.show_error("")

    # -- writing to the session --------------------------------------------------------
    def _apply(self, change: Callable[..., Any], *args: Any, **kwargs: Any) -> bool:
        """Call a session method; on an invalid value show the error and redraw."""
        if self._syncing:
            return False
        try:
            change(*args, **kwargs)
        except (ScenarioError, ds.DatasetError) as exc:
            self.show_error(str(exc))
            self.sync()
            return False
        self.clear_error()
        self._update_visibility()
        return True

    def _problem(self, **changes: Any) -> bool:
        return self._apply(self.session.edit_problem, **changes)

    def _shared(self, **changes: Any) -> bool:
        return self._apply(self.session.edit_shared, **changes)

    def _run(self, **changes: Any) -> bool:
        k = self.session.focus
        start = None
        if self.on_change.currentData() == "continue" and "init" not in changes:
            start = self._current_theta(k)
        return self._apply(self.session.edit_run, k, start, **changes)

    def set_init(self, theta: Any) -> bool:
        """Make ``theta`` the focus run's typed start point θ₀ (a landscape click)."""
        values = [float(v) for v in np.ravel(theta)]
        self.init.setModified(False)
        self.init.setText(", ".join(f"{v:.4g}" for v in values))
        return self._apply(self.session.edit_run, self.session.focus, None, init=values)

    def _on_dataset_activated(self, index: int) -> None:
        if self.dataset.itemData(index) == _OPEN_CSV:
            self.sync()
            self.csvRequested.emit()
            return
        self._problem(dataset=self.dataset.itemData(index))

    def _on_surface_chosen(self) -> None:
        name = self.surface.currentData()
        if name != "expression":
            self._problem(surface=name)
            return
        if not self.expression.text().strip():  # a function to start from, to edit
            self.expression.setText(DEFAULT_EXPRESSION)
        self._on_expression_edited(force=True)
        self.expression.setFocus()

    def _on_expression_edited(self, force: bool = False) -> None:
        if not (force or self.expression.isModified()):
            return
        text = self.expression.text().strip()
        if not text:
            return
        if self._problem(kind="surface", surface="expression", expression=text):
            self.expression.setModified(False)

    def _on_hidden_edited(self) -> None:
        if not self.hidden.isModified():
            return
        text = self.hidden.text().strip()
        try:
            sizes = [int(part) for part in re.split(r"[,\s;]+", text) if part]
        except ValueError:
            self.show_error(f"problem.hidden: write whole numbers separated by commas, "
                            f"e.g. 16, 16 (got {text!r})")
            return
        if not sizes:
            self.show_error("problem.hidden: give at least one hidden layer, e.g. 16")
            return
        if self._problem(hidden=sizes):
            self.hidden.setModified(False)

    def _on_batch_edited(self) -> None:
        mode = self.batch_mode.currentData()
        batch = None if mode == "full" else (1 if mode == "sgd" else int(self.batch_size.value()))
        self._run(batch_size=batch)

    @staticmethod
    def _widget_value(widget: QWidget) -> float:
        if isinstance(widget, QCheckBox):
            return 1.0 if widget.isChecked() else 0.0
        return float(widget.value())  # type: ignore[attr-defined]

    def _on_hyperparameter_edited(self) -> None:
        defaults = optimizer_defaults(self.session.focus_run.optimizer)
        hp = {k: self._widget_value(w) for k, w in self._hp_widgets.items() if k in defaults}
        self._run(hyperparameters={k: v for k, v in hp.items() if v != defaults[k]})

    def _on_schedule_params_edited(self) -> None:
        self._shared(schedule_params={k: self._widget_value(w)
                                      for k, w in self._sched_widgets.items()})

    def _on_stopping_edited(self) -> None:
        self._shared(max_steps=int(self.max_steps.value()) or None,
                     max_epochs=float(self.max_epochs.value()) or None,
                     loss_tol=float(self.loss_tol.value()) or None,
                     grad_tol=float(self.grad_tol.value()) or None)

    def _on_init_mode(self, index: int) -> None:
        self._update_visibility()
        if self.init_mode.currentData() == "default":
            self.init.setModified(False)
            self._apply(self.session.edit_run, self.session.focus, None, init=None)
        # "typed": wait for values (or a click on the landscape)

    def _on_random_start(self) -> None:
        """A random θ₀ for the selected run, drawn with the start seed shown (the same
        number gives the same start again); the number then moves on by one."""
        seed = int(self.start_seed.value())
        if self._apply(self.session.randomize_start, self.session.focus, seed):
            self.start_seed.setValue(seed + 1)

    def _on_init_edited(self) -> None:
        if not self.init.isModified():
            return
        text = self.init.text().strip().replace("−", "-")
        try:
            values = [float(part) for part in re.split(r"[,\s;]+", text) if part]
        except ValueError:
            self.show_error(f"init.theta: write numbers separated by commas, e.g. -1.5, 2 "
                            f"(got {text!r})")
            return
        if not values or not all(math.isfinite(v) for v in values):
            self.show_error("init.theta: give one finite number per parameter")
            return
        if self._apply(self.session.edit_run, self.session.focus, None, init=values):
            self.init.setModified(False)

    def _on_run_selected(self, row: int) -> None:
        if row >= 0 and not self._syncing:
            self._apply(self.session.set_focus, row)
