"""The readout: step, epoch, loss, ‖∇L‖, η and θ by name for the focus run."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from gdstudio.core.formatting import format_number
from gdstudio.core.scenario import Setup
from gdstudio.gui.i18n import translate, watch_language
from gdstudio.gui.names import status_title
from gdstudio.gui.plot_style import font_pt, style_scale
from gdstudio.gui.run_trace import RunTrace
from gdstudio.gui.widgets import plain

__all__ = ["Readout"]


# ------------------------------------------------------------------ readout
class Readout(QFrame):
    """Step, epoch, loss, ‖∇L‖, η and θ by name for the focus run (and θ in original
    units when the model has them), in a compact table."""

    MAX_PARAMS = 10
    ROWS = 5

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setObjectName("readout")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        self.label = QLabel()
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self._restyle()
        style_scale().changed.connect(self._restyle)
        # In a narrow window (1024 px) the table scrolls sideways rather than widening
        # the window or being cut off.
        self.scroller = QScrollArea()
        self.scroller.setWidget(self.label)
        self.scroller.setWidgetResizable(True)
        self.scroller.setFrameShape(QFrame.Shape.NoFrame)
        self.scroller.setMinimumWidth(120)
        layout.addWidget(self.scroller)
        self._shown: tuple[RunTrace | None, Setup | None, str | None] | None = None
        self.retranslate()
        watch_language(self, self.retranslate)

    def retranslate(self) -> None:
        """Draw the texts again in the window's language."""
        self.scroller.setAccessibleName(translate("Readout", "Readout of the selected run"))
        if self._shown is None:
            self.label.setText("<i>" + translate("Readout", "ready") + "</i>")
        else:
            self.update_from(*self._shown)

    def _restyle(self) -> None:
        """The numbers' font: at least 10 pt, scaled by projector mode and zoom."""
        font = self.label.font()
        font.setPointSizeF(font_pt(max(QApplication.font().pointSizeF()
                                       / style_scale().font_factor, 10.0)))
        self.label.setFont(font)

    def update_from(self, run: RunTrace | None, setup: Setup | None,
                    status: str | None = None) -> None:
        """Show ``run``'s current values (names from ``setup.problem.param_names``).

        ``status`` overrides the run's own status while it is still live (e.g. "paused").
        """
        self._shown = (run, setup, status)
        if run is None or run.current.theta is None:
            self.label.setText("<i>" + translate("Readout", "no run") + "</i>")
            return
        cur = run.current
        shown_status = cur.status
        if status and cur.status in ("ready", "running"):
            shown_status = status
        stats = [
            (translate("Readout", "step k"), f"{cur.step}"),
            (translate("Readout", "epoch"), f"{cur.epoch}"),
            (translate("Readout", "loss L(θ)"), format_number(cur.loss, 6)),
            ("‖∇L(θ)‖", format_number(cur.grad_norm)),
            ("η", format_number(cur.lr)),
        ]
        names = setup.problem.param_names if setup is not None else ()
        theta: np.ndarray = run.current.theta
        shown = min(len(theta), self.MAX_PARAMS)
        params = [(names[i] if i < len(names) else f"θ[{i}]", theta[i]) for i in range(shown)]
        orig = setup.original_units(theta) if setup is not None else None
        cell = "padding:0px 14px 0px 0px;"
        dim = "color:#555;"
        head = (f"<b style='color:{run.color}'>{run.style.glyph}</b> <b>{plain(run.label)}</b>"
                f" &nbsp;<span style='{dim}'>{plain(status_title(shown_status))}</span>")
        columns: list[list[str]] = [[], []]
        for key, value in stats:
            columns[0].append(f"<td style='{cell}{dim}'>{key}</td>")
            columns[1].append(f"<td style='{cell}'><b>{value}</b></td>")
        for c in range(0, shown, self.ROWS):
            col = [f"<td style='{cell}'>{plain(n)} = <b>{format_number(v, 5)}</b></td>"
                   for n, v in params[c:c + self.ROWS]]
            columns.append(col)
        if orig:
            units = translate("Readout", "original units")
            col = [f"<td style='{cell}{dim}'>{units}</td>"]
            col += [f"<td style='{cell}'>{plain(n)} = {format_number(v, 5)}</td>"
                    for n, v in orig.items()]
            columns.append(col)
        rows = []
        for r in range(self.ROWS):
            cells = [col[r] if r < len(col) else "<td></td>" for col in columns]
            rows.append("<tr>" + "".join(cells) + "</tr>")
        if len(theta) > shown:
            head += (f" &nbsp;<span style='{dim}'>" + translate(
                "Readout", "θ: the first {shown} of {count} parameters, ‖θ‖ = {norm}").format(
                shown=shown, count=len(theta),
                norm=format_number(float(np.linalg.norm(theta)))) + "</span>")
        self.label.setText(head + "<table style='margin-top:3px'>" + "".join(rows)
                           + "</table>" + stability_sentence(cur.curvature, cur.lr, dim))


def stability_sentence(curvature: float | None, eta: float, style: str = "") -> str:
    """"λ_max = 1202 here: gradient descent diverges for η > 2/λ_max = 0.00166; η is
    0.6 × the limit" (rich text), or "" when λ_max is unknown or not positive."""
    if curvature is None or not curvature > 0 or not eta > 0:
        return ""
    limit = 2.0 / curvature
    return f"<div style='{style}'>" + translate(
        "Readout", "λ<sub>max</sub> = {curvature} here: gradient descent diverges for "
        "η &gt; 2/λ<sub>max</sub> = {limit}; η is {ratio} × the limit").format(
        curvature=format_number(curvature), limit=format_number(limit),
        ratio=format_number(eta / limit, 2)) + "</div>"
