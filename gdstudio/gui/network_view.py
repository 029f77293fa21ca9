"""The network, forward and backward: layers of neurons, edges weighted by the weights.

For a neural network (and a linear or logistic model, drawn as a network without a
hidden layer) this view draws every neuron and every edge, coloured by the sign of the
weight and as thick as its size, live as the focus run trains. Click a data point in
the data view, then:

* **Forward** shows z and a of every neuron, layer by layer from the input, and ŷ and
  the loss of that point;
* **Backward** shows δ = ∂ℓ/∂z of every neuron, from the output layer back to the
  input, and colours every edge by ∂ℓ/∂W.

The numbers come from :func:`gdstudio.core.network.forward_backward` (the same
backpropagation the trainer uses). Networks up to 3 hidden layers of 16 are drawn whole;
larger layers show their first 16 neurons.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetricsF
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QVBoxLayout, QWidget

from gdstudio.core.formatting import format_number
from gdstudio.core.network import NetworkTrace, forward_backward
from gdstudio.core.scenario import Setup
from gdstudio.gui.i18n import QT_TRANSLATE_NOOP, translate, watch_language
from gdstudio.gui.plot_style import (
    NEGATIVE,
    OUTLINE,
    POSITIVE,
    axis_font,
    line_width,
    marker_size,
    style_scale,
    text_color,
)
from gdstudio.gui.widgets import WrappingLabel, plain

__all__ = ["NetworkView", "MAX_DRAWN"]

#: Neurons drawn per layer.
MAX_DRAWN = 16
_MODES = (("weights", QT_TRANSLATE_NOOP("NetworkView", "Weights")),
          ("forward", QT_TRANSLATE_NOOP("NetworkView", "Forward: z and a")),
          ("backward", QT_TRANSLATE_NOOP("NetworkView", "Backward: δ and ∂ℓ/∂W")))


def _rgb(color: str) -> tuple[int, int, int]:
    c = color.lstrip("#")
    return int(c[0:2], 16), int(c[2:4], 16), int(c[4:6], 16)


class NetworkView(QWidget):
    """The network of the focus run (see the module docstring)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.mode = QComboBox()
        for key, title in _MODES:
            self.mode.addItem(title, key)
        self.mode.currentIndexChanged.connect(lambda _i: self._draw())
        self.caption = WrappingLabel()
        self.caption.setTextFormat(Qt.TextFormat.PlainText)
        self.plot = pg.PlotWidget(background="w")
        self.plot.setMinimumSize(200, 140)
        self.plot.setFocusPolicy(Qt.FocusPolicy.ClickFocus)  # Tab skips the drawing
        self.plot.setAccessibleName(translate("NetworkView", "The network"))
        item = self.plot.getPlotItem()
        item.hideAxis("left")
        item.hideAxis("bottom")
        item.setMouseEnabled(x=False, y=False)
        self.graph = pg.GraphItem()
        item.addItem(self.graph)
        self._labels: list[pg.TextItem] = []
        self._drawn_height = 0.0  # the drawing's height when the labels were chosen
        item.vb.sigResized.connect(lambda *_: self._on_resized())
        top = QHBoxLayout()
        top.addWidget(self.mode)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addLayout(top)
        layout.addWidget(self.caption)  # the whole width: fewer lines
        layout.addWidget(self.plot, 1)
        self.setup: Setup | None = None
        self.theta: np.ndarray | None = None
        self.point: int | None = None
        self.trace: NetworkTrace | None = None
        self.retranslate()
        watch_language(self, self.retranslate)
        style_scale().changed.connect(self._draw)  # projector mode and zoom

    def retranslate(self) -> None:
        """Set the texts in the window's language (mode items by index, signals blocked)."""
        was = self.mode.blockSignals(True)
        for i, (_key, title) in enumerate(_MODES):
            self.mode.setItemText(i, translate("NetworkView", title))
        self.mode.blockSignals(was)
        self.mode.setToolTip(translate(
            "NetworkView", "Weights: the edges' weights. Forward: what each neuron computes "
            "for the chosen point. Backward: backpropagation, from the output layer back to "
            "the input."))
        self._draw()

    # -- inputs ----------------------------------------------------------------------
    def set_setup(self, setup: Setup | None) -> None:
        """A new problem (None, a surface or a model that is not a network: nothing)."""
        self.setup = setup
        self.point = None
        self.theta = None
        self.trace = None
        self._draw()

    @property
    def drawable(self) -> bool:
        """Whether the current model can be drawn as a network."""
        setup = self.setup
        if setup is None or setup.model is None or setup.train is None:
            return False
        return setup.model.name == "mlp" or (
            setup.model.name in ("linear", "logistic") and setup.scenario.bias)

    def set_point(self, index: int | None) -> None:
        """The training example followed through the network (None: the first)."""
        self.point = index
        if index is not None and self.mode.currentData() == "weights":
            self.mode.setCurrentIndex(1)
        self.refresh(self.theta)

    def refresh(self, theta: np.ndarray | None) -> None:
        """Recompute the passes at the focus run's θ and redraw (when visible)."""
        self.theta = None if theta is None else np.array(theta, dtype=float)
        setup = self.setup
        if not self.drawable or self.theta is None or setup is None:
            self.trace = None
            self._draw()
            return
        assert setup.train is not None and setup.model is not None
        i = 0 if self.point is None else min(self.point, len(setup.train.y) - 1)
        x = setup.features(setup.train.X[i:i + 1])[0]
        loss = setup.problem.loss_fn  # type: ignore[attr-defined]
        try:
            with np.errstate(all="ignore"):
                self.trace = forward_backward(setup.model, loss, self.theta, x,
                                              float(setup.train.y[i]))
        except ValueError:
            self.trace = None
        self._draw()

    # -- drawing ---------------------------------------------------------------------
    def _draw(self) -> None:
        for label in self._labels:
            self.plot.getPlotItem().removeItem(label)
        self._labels = []
        t = self.trace
        if t is None:
            self.graph.setData(pos=np.zeros((0, 2)))
            self.caption.setText(translate(
                "NetworkView", "A network view needs a neural network (or a linear or "
                "logistic model with an intercept).") if not self.drawable
                else translate("NetworkView", "Click a data point in the data view."))
            return
        mode = self.mode.currentData()
        sizes = [min(n, MAX_DRAWN) for n in t.layer_sizes]
        pos, index = [], []
        tallest = max(sizes)
        for layer, n in enumerate(sizes):
            ys = np.linspace(1, -1, n) * (n - 1) / (tallest - 1) if n > 1 else [0.0]
            for i, y in enumerate(ys):
                index.append((layer, i))
                pos.append((float(layer), float(y)))
        start = np.cumsum([0, *sizes])
        adj, values = [], []
        for layer in range(1, len(sizes)):
            w = t.grad_weights[layer - 1] if mode == "backward" else t.weights[layer - 1]
            for i in range(sizes[layer - 1]):
                for j in range(sizes[layer]):
                    adj.append((start[layer - 1] + i, start[layer] + j))
                    values.append(float(w[i, j]))
        vals = np.array(values)
        scale = float(np.max(np.abs(vals))) if len(vals) and np.any(vals) else 1.0
        pens = np.empty(len(adj), dtype=[("red", np.ubyte), ("green", np.ubyte),
                                         ("blue", np.ubyte), ("alpha", np.ubyte),
                                         ("width", float)])
        for e, v in enumerate(vals):
            r, g, b = _rgb(POSITIVE if v >= 0 else NEGATIVE)
            strength = min(abs(v) / scale, 1.0) if np.isfinite(v) else 1.0
            pens[e] = (r, g, b, int(40 + 215 * strength), line_width(0.5 + 4.0 * strength))
        self.graph.setData(pos=np.array(pos), adj=np.array(adj, dtype=int).reshape(-1, 2),
                           pen=pens, size=marker_size(16), symbol="o",
                           symbolBrush=pg.mkBrush("#FFFFFF"),
                           symbolPen=pg.mkPen(OUTLINE, width=line_width(1.0)), pxMode=True)
        font, color = axis_font(), text_color()
        lines, unit, above, below = self._fit(tallest, font, mode)
        if lines:
            for (layer, i), (px, py) in zip(index, pos):
                text = self._neuron_text(t, layer, i, mode, lines)
                if text:
                    label = pg.TextItem(text, color=color, anchor=(0.5, 1.3))
                    label.setFont(font)
                    label.setPos(px, py)
                    self.plot.getPlotItem().addItem(label)
                    self._labels.append(label)
        for layer in range(len(sizes)):
            name = translate("NetworkView", "input") if layer == 0 else (
                translate("NetworkView", "output") if layer == len(sizes) - 1
                else translate("NetworkView", "hidden {layer}").format(layer=layer))
            head = pg.TextItem(name, color=color, anchor=(0.5, 0))
            head.setFont(font)
            head.setPos(layer, -1.0 - (marker_size(16) / 2 + 1) / unit)
            self.plot.getPlotItem().addItem(head)
            self._labels.append(head)
        # room above the top neuron for its label and below the lowest for the layer names
        self.plot.getPlotItem().setRange(xRange=(-0.4, len(sizes) - 0.6),
                                         yRange=(-1.0 - below / unit, 1.0 + above / unit),
                                         padding=0)
        self._drawn_height = self.plot.getPlotItem().vb.height()
        point = translate("NetworkView", "the first training example") if self.point is None \
            else translate("NetworkView", "training example #{index}").format(index=self.point)
        if mode == "forward":
            self.caption.setText(translate(
                "NetworkView", "Forward pass of {point}: each neuron computes z = Wᵀa + b and "
                "a = {activation}(z); ŷ = {prediction}, y = {y}, loss of this point = {loss}"
            ).format(point=point, activation=t.activation,
                     prediction=format_number(t.prediction), y=format_number(t.y),
                     loss=format_number(t.loss)))
        elif mode == "backward":
            self.caption.setText(translate(
                "NetworkView", "Backpropagation for {point}, from the output layer back to the "
                "input: δ = ∂ℓ/∂z at each neuron (∂ℓ/∂ŷ = {d_output}), edges coloured by "
                "∂ℓ/∂W = a·δ").format(point=point, d_output=format_number(t.d_output)))
        else:
            self.caption.setText(translate(
                "NetworkView", "Edges: the weights (blue positive, orange negative, thicker = "
                "larger)."))
        if mode != "weights" and lines < (2 if mode == "forward" else 1):
            self.caption.setText(self.caption.text() + translate(
                "NetworkView", " (make the view taller to read every neuron's numbers)"))

    def _fit(self, tallest: int, font: Any, mode: str) -> tuple[int, float, float, float]:
        """How the drawing fits the view's height: the lines of numbers each neuron's
        label can have without running into the next neuron (2: z and a; 1: a, or δ;
        0: none), pixels per unit of height (the neurons of a layer span −1 … 1), and the
        pixels kept above the top neuron (its label) and below the lowest (layer names)."""
        height = max(self.plot.getPlotItem().vb.height(), 1.0)
        line = QFontMetricsF(font).height()
        marker = marker_size(16)
        below = marker / 2 + line + 4
        lines = {"forward": 2, "backward": 1}.get(mode, 0)
        while True:  # as many lines as fit between two neurons, down to none
            above = marker / 2 + lines * line + 2
            unit = max((height - above - below) / 2, 1.0)
            spacing = unit * 2 / (tallest - 1) if tallest > 1 else math.inf
            if lines == 0 or spacing >= lines * line + marker + 2:
                return lines, unit, above, below
            lines -= 1

    def _on_resized(self) -> None:
        if self.trace is not None and self.mode.currentData() != "weights" and \
                abs(self.plot.getPlotItem().vb.height() - self._drawn_height) >= 8:
            self._draw()

    @staticmethod
    def _neuron_text(t: NetworkTrace, layer: int, i: int, mode: str, lines: int = 2) -> str:
        if layer == 0:
            return plain(f"x={format_number(t.x[i], 3)}") if mode == "forward" else ""
        if mode == "forward":
            z, a = t.z[layer - 1][i], t.a[layer - 1][i]
            if lines < 2:
                return f"a={format_number(a, 3)}"
            return f"z={format_number(z, 3)}\na={format_number(a, 3)}"
        return f"δ={format_number(t.delta[layer - 1][i], 3)}"
