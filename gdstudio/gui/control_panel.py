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
from gdstudio.core.lessons import Lesson
from gdstudio.core.losses import LOSS_NAMES
from gdstudio.core.models import ACTIVATION_NAMES, MODEL_NAMES
from gdstudio.core.optimizers import OPTIMIZER_NAMES, optimizer_defaults
from gdstudio.core.scenario import MAX_RUNS, ScenarioError
from gdstudio.core.schedules import SCHEDULE_NAMES, make_schedule
from gdstudio.core.session import Session
from gdstudio.core.surfaces import ALL_SURFACE_NAMES, get_surface
from gdstudio.gui import names
from gdstudio.gui.i18n import QT_TRANSLATE_NOOP, current_language, translate, watch_language
from gdstudio.gui.messages import error_text
from gdstudio.gui.plot_style import STYLE_SHEETS, run_style
from gdstudio.gui.tooltips import tooltip
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
_KIND_TITLES = (("surface", QT_TRANSLATE_NOOP("ControlPanel", "A function to minimise")),
                ("data", QT_TRANSLATE_NOOP("ControlPanel", "Fit a model to data")))
_BATCH_MODES = (("full", QT_TRANSLATE_NOOP("ControlPanel", "Full batch (batch GD)")),
                ("sgd", QT_TRANSLATE_NOOP("ControlPanel", "1 example (SGD)")),
                ("mini", QT_TRANSLATE_NOOP("ControlPanel", "Mini-batch of k")))
#: Item texts of the other fixed combo boxes (by item data).
_ITEM_TITLES = {
    "expression": QT_TRANSLATE_NOOP("ControlPanel", "Your own f(x, y) typed as text…"),
    "restart": QT_TRANSLATE_NOOP("ControlPanel", "Restart the run from θ₀"),
    "continue": QT_TRANSLATE_NOOP("ControlPanel", "Continue from the current θ"),
    "default": QT_TRANSLATE_NOOP("ControlPanel", "Default / random (seed)"),
    "typed": QT_TRANSLATE_NOOP("ControlPanel", "Typed or clicked"),
}
#: Form labels of the optimizer's hyperparameters ("": the widget says it).
_HP_LABELS = {
    "momentum": QT_TRANSLATE_NOOP("ControlPanel", "Momentum β"),
    "dampening": QT_TRANSLATE_NOOP("ControlPanel", "Dampening"),
    "beta1": "β₁",
    "beta2": "β₂",
    "eps": "ε",
    "rho": QT_TRANSLATE_NOOP("ControlPanel", "Decay ρ"),
    "weight_decay": QT_TRANSLATE_NOOP("ControlPanel", "Weight decay λ"),
    "lr_decay": QT_TRANSLATE_NOOP("ControlPanel", "η decay"),
    "bias_correction": "",
}
#: Form labels of the schedule's parameters.
_SCHED_LABELS = {
    "step_size": QT_TRANSLATE_NOOP("ControlPanel", "Every (steps)"),
    "gamma": QT_TRANSLATE_NOOP("ControlPanel", "Factor γ"),
    "decay_rate": QT_TRANSLATE_NOOP("ControlPanel", "Rate"),
    "decay_steps": QT_TRANSLATE_NOOP("ControlPanel", "Decay steps"),
    "t_max": QT_TRANSLATE_NOOP("ControlPanel", "Steps T"),
    "eta_min": "η_min",
    "warmup_steps": QT_TRANSLATE_NOOP("ControlPanel", "Warm-up steps"),
    "start_factor": QT_TRANSLATE_NOOP("ControlPanel", "Start factor"),
}
_INT_PARAMS = {"step_size", "decay_steps", "t_max", "warmup_steps"}


_OPEN_CSV = "\x00open-csv"
#: The function offered when "Your own f(x, y)" is chosen with nothing typed yet.
DEFAULT_EXPRESSION = "x**2 + 10*y**2"


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
        #: the open lesson (its title and summary in the window's language), or None
        self.lesson: Lesson | None = None
        #: (setter, English source) of the static texts, set again on a language change;
        #: the rows of the optimizer's and the schedule's forms keep their own lists
        self._texts: list[tuple[Callable[[str], None], str]] = []
        self._form_texts: dict[str, list[tuple[Callable[[str], None], str]]] = {
            "hp": [], "sched": []}
        self._tips: list[tuple[QWidget, str]] = []
        self._form_tips: dict[str, list[tuple[QWidget, str]]] = {"hp": [], "sched": []}
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
        self.retranslate()
        watch_language(self, self.retranslate)

    def retranslate(self) -> None:
        """Set every text in the window's language: labels, tooltips, combo items (by
        index, keeping their data and the current item; no signal reaches the session),
        then draw the session again."""
        for setter, source in (*self._texts, *self._form_texts["hp"],
                               *self._form_texts["sched"]):
            setter(translate("ControlPanel", source))
        for widget, key in (*self._tips, *self._form_tips["hp"], *self._form_tips["sched"]):
            widget.setToolTip(tooltip(key))
        fixed = {key: title for key, title in (*_KIND_TITLES, *_BATCH_MODES)}
        fixed.update(_ITEM_TITLES)
        for combo, title in (
                (self.kind, lambda d: translate("ControlPanel", fixed[d])),
                (self.batch_mode, lambda d: translate("ControlPanel", fixed[d])),
                (self.on_change, lambda d: translate("ControlPanel", fixed[d])),
                (self.init_mode, lambda d: translate("ControlPanel", fixed[d])),
                (self.surface, lambda d: translate("ControlPanel", fixed[d])
                 if d == "expression" else names.display_name(_SURFACE_DEFAULT_TITLES[d])),
                (self.dataset, self._dataset_text), (self.model, names.model_title),
                (self.activation, names.activation_title), (self.loss, names.loss_title),
                (self.optimizer, names.optimizer_title), (self.schedule, names.schedule_title)):
            was = combo.blockSignals(True)
            for i in range(combo.count()):
                data = combo.itemData(i)
                if data is not None:
                    combo.setItemText(i, title(data))
                    if combo is self.dataset:
                        combo.setItemData(i, names.dataset_title(data) or None,
                                          Qt.ItemDataRole.ToolTipRole)
            combo.blockSignals(was)
        self.max_steps.setSpecialValueText(translate("ControlPanel", "no limit"))
        self.max_epochs.setSpecialValueText(translate("ControlPanel", "no limit"))
        for spin in (self.loss_tol, self.grad_tol):
            spin.setSpecialValueText(translate("ControlPanel", "off"))
        self.start_seed.setPrefix(translate("ControlPanel", "start #"))
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

    def _tr(self, setter: Callable[[str], None], source: str) -> None:
        """Remember a static text (``source`` listed with QT_TRANSLATE_NOOP) and its
        setter; :meth:`retranslate` sets it in the window's language."""
        self._texts.append((setter, source))
        setter(translate("ControlPanel", source))

    # -- construction ----------------------------------------------------------------
    def _tip(self, widget: QWidget, key: str) -> QWidget:
        widget.setToolTip(tooltip(key))
        self._tips.append((widget, key))
        return widget

    def _label(self, text: str, key: str, form: str | None = None) -> QLabel:
        """A form label: ``text`` is an English source listed with QT_TRANSLATE_NOOP
        (in the optimizer's or schedule's ``form``, rebuilt with it)."""
        label = QLabel(translate("ControlPanel", text))
        label.setToolTip(tooltip(key))
        if form is None:
            self._texts.append((label.setText, text))
            self._tips.append((label, key))
        else:
            self._form_texts[form].append((label.setText, text))
            self._form_tips[form].append((label, key))
        return label

    def _build_problem(self) -> QGroupBox:
        box = QGroupBox()
        self._tr(box.setTitle, QT_TRANSLATE_NOOP("ControlPanel", "Problem"))
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form_problem = form
        self.kind = QComboBox()
        for key, title in _KIND_TITLES:
            self.kind.addItem(title, key)
        self.surface = QComboBox()
        for name in ALL_SURFACE_NAMES:
            self.surface.addItem(_SURFACE_DEFAULT_TITLES[name], name)
        self.surface.addItem(_ITEM_TITLES["expression"], "expression")
        self.expression = QLineEdit()
        self._tr(self.expression.setPlaceholderText,
                 QT_TRANSLATE_NOOP("ControlPanel", "e.g. x**2 + 10*y**2, or sin(x) + x**2/4"))
        self.condition = QDoubleSpinBox()
        self.condition.setRange(1.0, 1000.0)
        self.condition.setDecimals(1)
        self.condition.setKeyboardTracking(False)
        self.formula = QLabel()
        self.formula.setWordWrap(True)
        self.formula.setStyleSheet("color: #444;")
        self.dataset = QComboBox()
        self._fill_datasets()
        self.columns_button = QPushButton()
        self._tr(self.columns_button.setText, QT_TRANSLATE_NOOP("ControlPanel", "Columns…"))
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
        self.standardize = QCheckBox()
        self._tr(self.standardize.setText,
                 QT_TRANSLATE_NOOP("ControlPanel", "Standardise features"))
        self.bias = QCheckBox()
        self._tr(self.bias.setText, QT_TRANSLATE_NOOP("ControlPanel", "Intercept b (ŷ = w·x + b)"))
        self.model = QComboBox()
        for name in MODEL_NAMES:
            self.model.addItem(names.model_title(name), name)
        self.degree = QSpinBox()
        self.degree.setRange(1, 15)
        self.degree.setKeyboardTracking(False)
        self.hidden = QLineEdit()
        self._tr(self.hidden.setPlaceholderText, QT_TRANSLATE_NOOP("ControlPanel", "e.g. 16, 16"))
        self.activation = QComboBox()
        for name in ACTIVATION_NAMES:
            self.activation.addItem(names.activation_title(name), name)
        self.loss = QComboBox()
        for name in LOSS_NAMES:
            self.loss.addItem(names.loss_title(name), name)
        self.huber_delta = SciSpinBox(1e-6, 1e6, 1.0, factor=2.0)
        dataset_row = self.dataset_row = QWidget()
        drow = QHBoxLayout(dataset_row)
        drow.setContentsMargins(0, 0, 0, 0)
        drow.addWidget(self.dataset, 1)
        drow.addWidget(self.columns_button)
        rows = [
            (QT_TRANSLATE_NOOP("ControlPanel", "Problem"), self.kind, "kind"),
            (QT_TRANSLATE_NOOP("ControlPanel", "Surface"), self.surface, "surface"),
            (QT_TRANSLATE_NOOP("ControlPanel", "Condition κ"), self.condition, "condition"),
            ("f =", self.expression, "expression"),
            ("", self.formula, "surface"),
            (QT_TRANSLATE_NOOP("ControlPanel", "Dataset"), dataset_row, "dataset"),
            ("", self.dataset_info, "dataset"),
            (QT_TRANSLATE_NOOP("ControlPanel", "Samples"), self.n_samples, "n_samples"),
            (QT_TRANSLATE_NOOP("ControlPanel", "Noise"), self.noise, "noise"),
            (QT_TRANSLATE_NOOP("ControlPanel", "Test fraction"),
             self.test_fraction, "test_fraction"),
            ("", self.standardize, "standardize"),
            (QT_TRANSLATE_NOOP("ControlPanel", "Model"), self.model, "model"),
            ("", self.bias, "bias"),
            (QT_TRANSLATE_NOOP("ControlPanel", "Degree"), self.degree, "degree"),
            (QT_TRANSLATE_NOOP("ControlPanel", "Hidden layers"), self.hidden, "hidden"),
            (QT_TRANSLATE_NOOP("ControlPanel", "Activation"), self.activation, "activation"),
            (QT_TRANSLATE_NOOP("ControlPanel", "Loss"), self.loss, "loss"),
            (QT_TRANSLATE_NOOP("ControlPanel", "Huber δ"), self.huber_delta, "huber_delta")]
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
            lambda _i: self._problem(activation=self.activation.currentData()))
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

    @staticmethod
    def _dataset_text(data: str) -> str:
        """The dataset list's text of item ``data`` (a name, a CSV path or "Open CSV…")."""
        if data == _OPEN_CSV:
            return translate("ControlPanel", "Open CSV…")
        if data in ds.SYNTHETIC_DATASETS:
            return translate("ControlPanel", "{name} (synthetic)").format(name=data)
        if data in ds.BUNDLED_DATASETS:
            return data
        return f"{data.replace(chr(92), '/').rsplit('/', 1)[-1]} (CSV)"

    def _fill_datasets(self) -> None:
        combo = self.dataset
        combo.blockSignals(True)
        combo.clear()
        for name in ds.SYNTHETIC_DATASETS:
            combo.addItem(self._dataset_text(name), name)
        combo.insertSeparator(combo.count())
        for name in ds.BUNDLED_DATASETS:
            combo.addItem(name, name)
        if self._csv_paths:
            combo.insertSeparator(combo.count())
            for path in self._csv_paths:
                combo.addItem(self._dataset_text(path), path)
        combo.insertSeparator(combo.count())
        combo.addItem(self._dataset_text(_OPEN_CSV), _OPEN_CSV)
        combo.blockSignals(False)

    def _build_optimizer(self) -> QGroupBox:
        box = QGroupBox()
        self._tr(box.setTitle, QT_TRANSLATE_NOOP("ControlPanel", "Gradient descent"))
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form_optimizer = form
        self.optimizer = QComboBox()
        for name in OPTIMIZER_NAMES:
            self.optimizer.addItem(names.optimizer_title(name), name)
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
        form.addRow(self._label(QT_TRANSLATE_NOOP("ControlPanel", "Optimizer"), "optimizer"),
                    self._tip(self.optimizer, "optimizer"))
        form.addRow(self._label(QT_TRANSLATE_NOOP("ControlPanel", "Learning rate η"),
                                "learning_rate"),
                    self._tip(self.learning_rate, "learning_rate"))
        form.addRow(self._label(QT_TRANSLATE_NOOP("ControlPanel", "Gradient on"), "batch"),
                    self._tip(self.batch_mode, "batch"))
        form.addRow(self._label(QT_TRANSLATE_NOOP("ControlPanel", "Batch size k"), "batch_size"),
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
        self.on_change.addItem(_ITEM_TITLES["restart"], "restart")
        self.on_change.addItem(_ITEM_TITLES["continue"], "continue")
        self._tip(self.on_change, "on_change")
        form.addRow(self._label(QT_TRANSLATE_NOOP("ControlPanel", "On a change"), "on_change"),
                    self.on_change)
        return box

    def _build_schedule(self) -> QGroupBox:
        box = QGroupBox()
        self._tr(box.setTitle, QT_TRANSLATE_NOOP("ControlPanel", "Learning-rate schedule"))
        form = QFormLayout(box)
        self.schedule = QComboBox()
        for name in SCHEDULE_NAMES:
            self.schedule.addItem(names.schedule_title(name), name)
        form.addRow(self._label(QT_TRANSLATE_NOOP("ControlPanel", "Schedule"), "schedule"),
                    self._tip(self.schedule, "schedule"))
        self.sched_box = QWidget()
        self.sched_form = QFormLayout(self.sched_box)
        self.sched_form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.sched_box)
        self.schedule.currentIndexChanged.connect(
            lambda _i: self._shared(schedule=self.schedule.currentData()))
        return box

    def _build_init(self) -> QGroupBox:
        box = QGroupBox()
        self._tr(box.setTitle, QT_TRANSLATE_NOOP("ControlPanel", "Start point θ₀"))
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.init_mode = QComboBox()
        self.init_mode.addItem(_ITEM_TITLES["default"], "default")
        self.init_mode.addItem(_ITEM_TITLES["typed"], "typed")
        self.init = QLineEdit()
        self._tr(self.init.setPlaceholderText, QT_TRANSLATE_NOOP("ControlPanel", "e.g. -1.5, 2"))
        self.seed = QSpinBox()
        self.seed.setRange(0, 2**31 - 1)
        self.seed.setKeyboardTracking(False)
        form.addRow(self._label("θ₀", "init_mode"), self._tip(self.init_mode, "init_mode"))
        form.addRow(self._label(QT_TRANSLATE_NOOP("ControlPanel", "Values"), "init"),
                    self._tip(self.init, "init"))
        form.addRow(self._label(QT_TRANSLATE_NOOP("ControlPanel", "Seed"), "seed"),
                    self._tip(self.seed, "seed"))
        self.random_start = QPushButton()
        self._tr(self.random_start.setText, QT_TRANSLATE_NOOP("ControlPanel", "Randomise θ₀"))
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
        box = QGroupBox()
        self._tr(box.setTitle, QT_TRANSLATE_NOOP("ControlPanel", "Stop when"))
        form = QFormLayout(box)
        self.max_steps = QSpinBox()
        self.max_steps.setRange(0, 100_000_000)
        self.max_steps.setSpecialValueText("no limit")
        self.max_steps.setKeyboardTracking(False)
        self.max_steps.setSingleStep(100)
        self.max_epochs = SciSpinBox(0.0, 1e7, 0.0, factor=2.0, special="no limit", first=1.0)
        self.loss_tol = SciSpinBox(0.0, 1e6, 0.0, special="off", first=1e-9)
        self.grad_tol = SciSpinBox(0.0, 1e6, 0.0, special="off", first=1e-6)
        for text, widget, key in ((QT_TRANSLATE_NOOP("ControlPanel", "Steps ≥"), self.max_steps,
                                   "max_steps"),
                                  (QT_TRANSLATE_NOOP("ControlPanel", "Epochs ≥"), self.max_epochs,
                                   "max_epochs"),
                                  ("|ΔL| <", self.loss_tol, "loss_tol"),
                                  ("‖∇L‖ <", self.grad_tol, "grad_tol")):
            form.addRow(self._label(text, key), self._tip(widget, key))
            widget.valueChanged.connect(lambda _v: self._on_stopping_edited())
        return box

    def _build_runs(self) -> QGroupBox:
        box = QGroupBox()
        self._tr(box.setTitle, QT_TRANSLATE_NOOP("ControlPanel", "Compare runs"))
        layout = QVBoxLayout(box)
        self.run_list = QListWidget()
        self.run_list.setMaximumHeight(130)
        self._tip(self.run_list, "runs")
        buttons = QHBoxLayout()
        self.add_run_button = QPushButton()
        self._tr(self.add_run_button.setText, QT_TRANSLATE_NOOP("ControlPanel", "Add run"))
        self.remove_run_button = QPushButton()
        self._tr(self.remove_run_button.setText, QT_TRANSLATE_NOOP("ControlPanel", "Remove"))
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
        self._form_texts["hp"], self._form_tips["hp"] = [], []
        labels = _HP_LABELS
        for key, default in optimizer_defaults(optimizer).items():
            value = values.get(key, default)
            widget: QWidget
            if key == "bias_correction":
                widget = QCheckBox(translate("ControlPanel", "Bias correction"))
                self._form_texts["hp"].append(
                    (widget.setText, QT_TRANSLATE_NOOP("ControlPanel", "Bias correction")))
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
            widget.setToolTip(tooltip(key))
            self._form_tips["hp"].append((widget, key))
            self._hp_widgets[key] = widget
            if labels[key]:
                self.hp_form.addRow(self._label(labels[key], key, "hp"), widget)
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
        self._form_texts["sched"], self._form_tips["sched"] = [], []
        labels = _SCHED_LABELS
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
            widget.setToolTip(tooltip(key))
            self._form_tips["sched"].append((widget, key))
            self._sched_widgets[key] = widget
            self.sched_form.addRow(self._label(labels.get(key, key), key, "sched"), widget)
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
                    number=style.number, name=names.run_name(session.run(k)))))
        self.run_list.setCurrentRow(session.focus)
        self.add_run_button.setEnabled(session.n_runs < MAX_RUNS)
        self.remove_run_button.setEnabled(session.n_runs > 1)

    def _show_setup(self) -> None:
        setup = self.session.setup
        d = setup.dataset
        if d is not None:
            info = translate("ControlPanel", "{task}, {rows} rows: {features} → {target}").format(
                task=names.display_name(names.TASK_TITLES.get(d.task, d.task)),
                rows=d.n_samples, features=", ".join(d.feature_names), target=d.target_name)
            if d.dropped_rows:
                info += translate("ControlPanel", " ({rows} rows with missing values left out)"
                                  ).format(rows=d.dropped_rows)
            self.dataset_info.setText(info)
        else:
            self.dataset_info.setText("")
        if setup.surface is not None:
            text = f"f({', '.join(setup.surface.variables)}) = {setup.surface.formula}"
            grads = getattr(setup.surface, "gradient_formulas", None)
            if grads:
                variables = setup.surface.variables
                text += "\n" + "\n".join(f"∂f/∂{n} = {g}" for n, g in zip(variables, grads))
            self.formula.setText(text)

    def set_lesson(self, lesson: Lesson | None) -> None:
        """The open lesson, whose title and summary the card shows in the window's
        language while the session still holds the lesson's problem."""
        self.lesson = lesson
        self._show_lesson()

    def _show_lesson(self) -> None:
        """The lesson card: the title (the lesson's, or one made from the problem) and the
        lesson's description (plain text)."""
        session = self.session
        lesson = self.lesson
        if lesson is not None and session.title == lesson.title_for("en"):
            title = lesson.title_for(current_language())  # the lesson's own translation
        elif session.title:
            title = names.display_name(session.title)  # the start-up scenario's is listed
        else:
            setup = session.setup
            title = names.problem_title(
                session.run(0), setup.surface.title if setup.surface is not None else None,
                setup.dataset.name if setup.dataset is not None else None)
        parts = [f"<b>{plain(title)}</b>"]
        summary = "" if lesson is None else lesson.summary_for(current_language())
        if lesson is not None and title != session.title and summary:
            parts.append(f"<span>{plain(summary)}</span>")  # in the window's language
        elif session.description:
            text = plain(" ".join(names.display_name(session.description).split()))
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
            if per_epoch == 1:
                text = translate("ControlPanel", "1 epoch = 1 step ({examples} training examples)")
            else:
                text = translate("ControlPanel",
                                 "1 epoch = {steps} steps ({examples} training examples)")
            self.epoch_label.setText(text.format(steps=per_epoch, examples=n_train))
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
            self.show_error(error_text(exc))
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
            self.show_error("problem.hidden: " + translate(
                "ControlPanel", "write whole numbers separated by commas, e.g. 16, 16 "
                "(got {text})").format(text=repr(text)))
            return
        if not sizes:
            self.show_error("problem.hidden: " + translate(
                "ControlPanel", "give at least one hidden layer, e.g. 16"))
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
            self.show_error("init.theta: " + translate(
                "ControlPanel", "write numbers separated by commas, e.g. -1.5, 2 "
                "(got {text})").format(text=repr(text)))
            return
        if not values or not all(math.isfinite(v) for v in values):
            self.show_error("init.theta: " + translate(
                "ControlPanel", "give one finite number per parameter"))
            return
        if self._apply(self.session.edit_run, self.session.focus, None, init=values):
            self.init.setModified(False)

    def _on_run_selected(self, row: int) -> None:
        if row >= 0 and not self._syncing:
            self._apply(self.session.set_focus, row)
