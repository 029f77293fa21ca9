"""The update card: the numbers of the focus run's next update, θₖ → θₖ₊₁.

For each parameter (all of them up to four; for larger models a norm per layer) the
row θᵢ | ∂L/∂θᵢ | Δθᵢ (the optimizer's actual step) | new θᵢ, the loss before and after,
then the variant's update rule with the live numbers substituted (momentum's v, Adam's m,
v, m̂, v̂ and the per-parameter effective step, AdaGrad's and RMSProp's accumulated
squares, Newton's Hessian and solved step) and the schedule's η at this step. Everything
comes from :func:`gdstudio.core.explain.explain_update`, computed in the training
thread; after a step back the card shows exactly the numbers it showed before the step.

A "stages" mode walks one update in three clicks — compute the gradient → update the
optimizer's state → move — and tells the landscape which arrow to highlight.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from gdstudio.core.explain import WORDS, UpdateExplanation, parameter_groups
from gdstudio.core.formatting import format_number
from gdstudio.gui.i18n import QT_TRANSLATE_NOOP, translate, watch_language
from gdstudio.gui.names import display_name, status_title
from gdstudio.gui.plot_style import scaled_sheet, style_scale
from gdstudio.gui.run_trace import RunTrace
from gdstudio.gui.widgets import plain

__all__ = ["UpdateCard", "STAGES", "stage_lines", "localised", "EQUATION_WORDS"]

#: statuses of a run that takes no more steps
_STOPPED = ("finished", "converged", "diverged")

#: The three stages of one update (English; shown with ``translate("UpdateCard", …)``),
#: and the landscape arrow each highlights.
STAGES = ((QT_TRANSLATE_NOOP("UpdateCard", "① Compute the gradient"), "grad"),
          (QT_TRANSLATE_NOOP("UpdateCard", "② Update the optimizer's state"), "velocity"),
          (QT_TRANSLATE_NOOP("UpdateCard", "③ Move: θ ← θ + Δθ"), "next"))
#: At most this many parameters are spelled out one by one.
MAX_ROWS = 4

#: The core's words in the equations (:data:`gdstudio.core.explain.WORDS`, in its
#: order), for ``lupdate``; shown in the window's language by :func:`localised`.
EQUATION_WORDS = (
    QT_TRANSLATE_NOOP("UpdateCard", "first update: v ← g"),
    QT_TRANSLATE_NOOP("UpdateCard", "decoupled weight decay"),
    QT_TRANSLATE_NOOP("UpdateCard", "effective step"),
    QT_TRANSLATE_NOOP("UpdateCard", "first update"),
    QT_TRANSLATE_NOOP("UpdateCard", "look-ahead"),
    QT_TRANSLATE_NOOP("UpdateCard", "parameters"),
    QT_TRANSLATE_NOOP("UpdateCard", "decay"),
)


def localised(line: str) -> str:
    """An equation line of :func:`~gdstudio.core.explain.explain_update` with its words
    (the core's :data:`~gdstudio.core.explain.WORDS`, longest first) in the window's
    language; symbols and numbers as they are."""
    for word in WORDS:
        shown = translate("UpdateCard", word)
        if shown != word:
            line = line.replace(word, shown)
    return line


def _f(value: float) -> str:
    return plain(format_number(value, 5))


def stage_lines(lines: tuple[str, ...], stage: int | None, name: str) -> tuple[str, ...]:
    """The equation lines of parameter ``name`` that belong to ``stage`` (0: the
    gradient "g = …", 2: the move "name ← …", "Δname = …", 1: the optimizer's state,
    everything else; None: all)."""
    if stage is None:
        return lines

    def kind(line: str) -> int:
        if line.startswith("g ="):
            return 0
        if line.startswith((f"{name} ←", f"Δ{name}", "d =", "effective step")):
            return 2
        return 1

    return tuple(line for line in lines if kind(line) == stage)


class UpdateCard(QFrame):
    """The numbers of one update of the focus run (see the module docstring).

    Signals:
        stageChanged(object): the stage shown (0, 1, 2) or None when stages are off;
            the window highlights the matching arrow.
    """

    stageChanged = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setObjectName("update_card")
        self.title = QLabel()
        self.title.setTextFormat(Qt.TextFormat.RichText)
        self.title.setWordWrap(True)  # a long title wraps rather than widening the window
        self.stages_box = QCheckBox()
        self.stages_box.toggled.connect(self._on_stages_toggled)
        self.layer = QComboBox()
        self.layer.currentIndexChanged.connect(lambda _i: self._redraw())
        self.layer.hide()
        self.table = QTextBrowser()
        self.table.setOpenLinks(False)
        self.table.setFrameShape(QFrame.Shape.NoFrame)
        self.equations = QTextBrowser()
        self.equations.setOpenLinks(False)
        self.equations.setFrameShape(QFrame.Shape.NoFrame)
        for pane in (self.table, self.equations):  # they scroll: a 700-pixel window fits
            pane.setMinimumHeight(36)
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.layer)
        top.addWidget(self.stages_box)
        body = QHBoxLayout()
        body.addWidget(self.table, 5)
        body.addWidget(self.equations, 6)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addLayout(top)
        layout.addLayout(body, 1)
        self.layer.setAccessibleName(translate("UpdateCard", "Layer shown in the table"))
        self.table.setAccessibleName(translate("UpdateCard", "The numbers of this update"))
        self.equations.setAccessibleName(translate("UpdateCard",
                                                   "The update rule with this step's numbers"))
        for w in (self.stages_box, self.layer, self.equations):
            w.setAccessibleDescription(w.toolTip())
        self.stage: int | None = None
        self.explanation: UpdateExplanation | None = None
        #: the explanation shown is the update that ended the run (it has no next one)
        self.is_last = False
        self._run: RunTrace | None = None
        self._shown = False
        self.retranslate()
        watch_language(self, self.retranslate)
        style_scale().changed.connect(self._redraw)  # once: not in retranslate

    def retranslate(self) -> None:
        """Set the texts in the window's language (and draw the shown update again)."""
        self.stages_box.setText(translate("UpdateCard", "In stages"))
        self.stages_box.setToolTip(translate(
            "UpdateCard", "Walk through one update in three presses of Step (→): compute "
            "the gradient, update the optimizer's state, move."))
        self.layer.setToolTip(translate(
            "UpdateCard", "For a model with many parameters: the layer (or group) whose "
            "first rows the table shows."))
        self.equations.setToolTip(translate(
            "UpdateCard", "The optimizer's update rule with this step's numbers."))
        if self._shown:
            self._show_title(self._run)
            self._redraw()
        else:
            self.title.setText(translate("UpdateCard", "Next update"))

    # -- stages ----------------------------------------------------------------------
    @property
    def stages_on(self) -> bool:
        return self.stages_box.isChecked()

    def _on_stages_toggled(self, on: bool) -> None:
        self.stage = 0 if on else None
        self.stageChanged.emit(self.stage)
        self._redraw()

    def advance_stage(self) -> bool:
        """Stages mode: show the next stage; True when the three stages have been shown
        and the update itself should now be made (the stage starts again at ①)."""
        if self.stage is None:
            return True
        if self.stage < len(STAGES) - 1:
            self.stage += 1
            self.stageChanged.emit(self.stage)
            self._redraw()
            return False
        self.stage = 0
        self.stageChanged.emit(self.stage)
        return True

    # -- drawing ---------------------------------------------------------------------
    def show_run(self, run: RunTrace | None) -> None:
        """Show the focus run's next update; once the run has stopped (converged,
        finished, diverged), the last update it took, which led there."""
        explanation = None if run is None else run.current.explanation
        # a stopped run's explanation is the update that stopped it (step k − 1 → k)
        last = (explanation is not None and run is not None
                and explanation.step == run.current.step - 1
                and str(run.current.status) in _STOPPED)
        if explanation is self.explanation and run is self._run and \
                last == self.is_last and run is not None:
            return
        self.explanation, self.is_last = explanation, last
        self._run, self._shown = run, True
        self._show_title(run)
        self._redraw()

    def _show_title(self, run: RunTrace | None) -> None:
        explanation = self.explanation
        if run is None:
            self.title.setText("<i>" + translate("UpdateCard", "no run") + "</i>")
            return
        head = f"<b style='color:{run.color}'>{run.style.glyph}</b> <b>{plain(run.label)}</b>"
        if explanation is None:
            self.title.setText(head + translate(
                "UpdateCard", " — no next update ({status})").format(
                status=plain(status_title(run.current.status))))
        elif self.is_last:
            k = explanation.step
            self.title.setText(head + translate(
                "UpdateCard", " — the last update θ<sub>{k}</sub> → θ<sub>{next}</sub>; "
                "no next update ({status})").format(
                k=k, next=k + 1, status=plain(status_title(run.current.status))))
        else:
            k = explanation.step
            self.title.setText(head + translate(
                "UpdateCard", " — update θ<sub>{k}</sub> → θ<sub>{next}</sub>: what Step (→) "
                "does next").format(k=k, next=k + 1))

    def _redraw(self) -> None:
        e = self.explanation
        if e is None:
            self.table.setHtml("")
            self.equations.setHtml("")
            return
        self.table.setHtml(self._table_html(e))
        self.equations.setHtml(self._equations_html(e))

    def _table_html(self, e: UpdateExplanation) -> str:
        highlight = {0: 2, 2: 3}.get(self.stage if self.stage is not None else -1)
        head = ["", "θ<sub>i</sub>", "∂L/∂θ<sub>i</sub>", "Δθ<sub>i</sub>",
                translate("UpdateCard", "new θ<sub>i</sub>")]
        cells = ["<table cellspacing='0' cellpadding='2'><tr>"]
        for c, h in enumerate(head):
            style = " style='background:#FFF1D6'" if c == highlight else ""
            cells.append(f"<th align='right'{style}>{h}</th>")
        cells.append("</tr>")
        p = len(e.theta)
        if p <= MAX_ROWS:
            shown = list(range(p))
            self.layer.hide()
        else:
            groups = parameter_groups(e.param_names)
            if [self.layer.itemText(i) for i in range(self.layer.count())] != list(groups):
                self.layer.blockSignals(True)
                self.layer.clear()
                self.layer.addItems(list(groups))
                self.layer.blockSignals(False)
            self.layer.show()
            shown = groups.get(self.layer.currentText(), list(range(p)))[:MAX_ROWS]
        rows = [(plain(e.param_names[i]), e.theta[i], e.grad[i], e.delta[i], e.theta_next[i])
                for i in shown]
        for row in rows:
            cells.append("<tr>" + f"<td><b>{row[0]}</b></td>" + "".join(
                f"<td align='right'{' style=background:#FFF1D6' if c + 1 == highlight else ''}>"
                f"{_f(v)}</td>" for c, v in enumerate(row[1:])) + "</tr>")
        cells.append("</table>")
        if p > MAX_ROWS:
            cells.append("<p>" + translate(
                "UpdateCard", "the first rows of {group} ({count} parameters in all); per "
                "layer:").format(group=plain(self.layer.currentText()), count=p) + "</p>"
                         "<table cellspacing='0' cellpadding='2'><tr><th></th>"
                         "<th align='right'>‖g‖</th><th align='right'>‖Δθ‖</th></tr>")
            for group, (g, d) in e.group_norms.items():
                cells.append(f"<tr><td><b>{plain(group)}</b></td><td align='right'>{_f(g)}"
                             f"</td><td align='right'>{_f(d)}</td></tr>")
            cells.append("</table>")
        rises = "  " + translate("UpdateCard", "(the loss rises: η may be too large)")
        cells.append(f"<p>L(θ<sub>k</sub>) = {_f(e.loss)} → L(θ<sub>k+1</sub>) = "
                     f"{_f(e.loss_next)}"
                     f"{rises if e.loss_next > e.loss else ''}"
                     "</p>")
        if e.batch_rows is not None:
            cells.append("<p>" + translate(
                "UpdateCard", "gradient on a mini-batch of {count} examples (ringed in the "
                "data view)").format(count=len(e.batch_rows)) + "</p>")
        return "".join(cells)

    def _equations_html(self, e: UpdateExplanation) -> str:
        stage = self.stage
        parts = []
        if stage is not None:
            parts.append(f"<p><b>{plain(translate('UpdateCard', STAGES[stage][0]))}</b></p>")
        parts.append("<p><b>" + plain(display_name(e.title)) + "</b>: " +
                     "; ".join(plain(localised(r)) for r in e.rule) + "</p>")
        general = e.equations.get("all", ())
        parts.append("<p>" + " · ".join(plain(localised(x)) for x in general) + (
            " · " + translate("UpdateCard", "stability limit 2/λ<sub>max</sub> = {limit}").format(
                limit=_f(e.stability_limit))
            if e.stability_limit is not None else "") + "</p>")
        for key, lines in e.equations.items():
            if key == "all":
                continue
            shown = stage_lines(lines, stage, key) if len(e.theta) <= MAX_ROWS else lines
            if not shown:
                continue
            parts.append(f"<p><b>{plain(key)}</b><br>" +
                         "<br>".join(plain(localised(x)) for x in shown) + "</p>")
        return f"<div style='{scaled_sheet('card_text')}'>" + "".join(parts) + "</div>"
