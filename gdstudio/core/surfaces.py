"""Analytic test functions f(x, y) — and two of one variable, f(x) — with exact derivatives.

These are the classic optimisation test functions used to show how gradient descent
behaves on a loss landscape: a convex bowl with a chosen condition number (the
ravine), Rosenbrock's banana valley, Beale's flat plateau, Himmelblau's four minima,
Rastrigin's many local minima, a saddle, the six-hump camel and Styblinski–Tang; and,
for a first lesson in one parameter (:class:`Surface1D`), the parabola x² and a double
well with a local and a global minimum.

Formulas, domains and minimisers follow Surjanovic, S. & Bingham, D., *Virtual Library
of Simulation Experiments: Test Functions and Datasets* (Simon Fraser University,
https://www.sfu.ca/~ssurjano/optimization.html); gradients and Hessians are derived by
hand from those formulas.

Every method takes ``x`` and ``y`` as Python floats **or** numpy arrays that broadcast
together (grids ``(ny, nx)``, vectors of runs ``(R,)``, ...). Float inputs give float
(or ``np.float64``) results with no array allocation, which keeps the trainer's hot
loop fast; array inputs give arrays of the broadcast shape. Inputs are expected to be
floating point (integer numpy arrays may overflow in the polynomial terms).

Example::

    >>> s = get_surface("rosenbrock")
    >>> s.value(1.0, 1.0), s.gradient(1.0, 1.0)
    (0.0, (0.0, 0.0))
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np

from gdstudio.core.registry import check_params, lookup

__all__ = [
    "Surface",
    "Quadratic",
    "Rosenbrock",
    "Beale",
    "Booth",
    "Himmelblau",
    "Rastrigin",
    "Saddle",
    "SixHumpCamel",
    "StyblinskiTang",
    "Surface1D",
    "Parabola",
    "DoubleWell",
    "SURFACE_NAMES",
    "SURFACE_NAMES_1D",
    "ALL_SURFACE_NAMES",
    "get_surface",
]

_TWO_PI = 2.0 * math.pi
_FOUR_PI_SQ = 4.0 * math.pi * math.pi

#: one (min, max) per variable: ((x_min, x_max), (y_min, y_max)), or ((x_min, x_max),) in 1-D
Bounds = tuple[tuple[float, float], ...]
#: one coordinate per variable: (x, y), or (x,) in 1-D
Point = tuple[float, ...]


def _fit(a: Any, x: Any, y: Any) -> Any:
    """Return ``a`` with the broadcast shape of ``x`` and ``y``.

    Needed for derivative components that are constant or depend on one variable
    only (e.g. ``∂²f/∂x∂y = 0``), so that every returned component has the same shape.
    Scalars pass straight through; a new writable array is made only when the shape
    differs.
    """
    if isinstance(x, float) and isinstance(y, float):
        return a
    shape = np.broadcast(x, y).shape
    if np.shape(a) == shape:
        return a
    return np.full(shape, a, dtype=np.float64)


def _num(v: float) -> str:
    """Format a parameter value for a human-readable formula (10.0 -> '10')."""
    return f"{v:g}".replace("-", "−")


def _param(surface: str, name: str, value: Any, check: Callable[[float], bool], rule: str) -> float:
    """Convert a surface parameter to a finite float, or raise ValueError naming the rule."""
    try:
        v = float(value)
    except (TypeError, ValueError):
        raise ValueError(
            f"surface {surface!r}: parameter {name!r} must be a number, got {value!r}"
        ) from None
    if not math.isfinite(v) or not check(v):
        raise ValueError(f"surface {surface!r}: parameter {name!r} must be {rule}, got {value!r}")
    return v


class Surface:
    """A test function f(x, y) of two variables with its gradient and Hessian.

    (:class:`Surface1D` is the one-variable kind, f(x); ``variables`` tells them apart.)

    Attributes:
        name: registry key used by :func:`get_surface`, e.g. ``"rosenbrock"``.
        title: display name, e.g. ``"Rosenbrock"``.
        formula: human-readable formula with the current parameter values.
        bounds: default view ``((x_min, x_max), (y_min, y_max))``.
        start: default start point for teaching (never a minimiser).
        minima: all global minimisers ``((x, y), ...)``; empty if f is unbounded below.
        local_minima: minimisers that are only local, where a lesson needs them
            (e.g. the double well's); empty by default.
        min_value: f at the global minimisers, or ``None`` if f is unbounded below.
        variables: the names of the variables, which are the problem's parameters θ:
            ``("x", "y")``, or ``("x",)`` for a :class:`Surface1D`.
        params: the function's parameters as ``{name: value}`` (empty if it has none);
            ``get_surface(s.name, **s.params)`` rebuilds the surface.

    Subclasses implement :meth:`value`, :meth:`gradient` and :meth:`hessian`.
    """

    name: str = ""
    title: str = ""
    formula: str = ""
    bounds: Bounds = ((-1.0, 1.0), (-1.0, 1.0))
    start: Point = (0.5, 0.5)
    minima: tuple[Point, ...] = ()
    local_minima: tuple[Point, ...] = ()
    min_value: float | None = None
    variables: tuple[str, ...] = ("x", "y")
    #: names of the keyword parameters accepted by the constructor / get_surface
    param_names: tuple[str, ...] = ()

    def __init__(self) -> None:
        self.params: dict[str, float] = {}

    def value(self, x: Any, y: Any) -> Any:
        """f(x, y). ``x``, ``y``: floats or broadcastable arrays; returns the broadcast shape."""
        raise NotImplementedError

    def gradient(self, x: Any, y: Any) -> tuple[Any, ...]:
        """∇f = (∂f/∂x, ∂f/∂y), each with the broadcast shape of ``x`` and ``y``."""
        raise NotImplementedError

    def hessian(self, x: Any, y: Any) -> tuple[Any, ...]:
        """(∂²f/∂x², ∂²f/∂x∂y, ∂²f/∂y²), each with the broadcast shape of ``x`` and ``y``.

        In general: the upper triangle of the Hessian, row by row.
        """
        raise NotImplementedError

    @property
    def n_vars(self) -> int:
        """The number of variables (parameters): 2, or 1 for a :class:`Surface1D`."""
        return len(self.variables)

    def __repr__(self) -> str:
        args = ", ".join(f"{k}={v!r}" for k, v in self.params.items())
        return f"{type(self).__name__}({args})"


class Quadratic(Surface):
    """Convex quadratic bowl f(x, y) = ½ (x² + κ y²) with condition number κ ≥ 1.

    The Hessian is diag(1, κ), so κ is the ratio of its eigenvalues (the condition
    number). Large κ makes a long narrow ravine in which plain gradient descent
    zig-zags: it is stable only for η < 2/κ, and then progress along x is slow.
    Minimum f(0, 0) = 0. Standard textbook example (e.g. Goodfellow, Bengio &
    Courville, *Deep Learning*, 2016, §4.3.1).

    Args:
        condition: κ, the condition number, a finite number ≥ 1 (default 10).

    Raises:
        ValueError: if ``condition`` is not a finite number ≥ 1.
    """

    name = "quadratic"
    title = "Quadratic bowl"
    bounds = ((-10.0, 10.0), (-5.0, 5.0))
    start = (-9.0, 3.0)
    minima = ((0.0, 0.0),)
    min_value = 0.0
    param_names = ("condition",)

    def __init__(self, condition: float = 10.0) -> None:
        super().__init__()
        k = _param(self.name, "condition", condition, lambda v: v >= 1.0, "≥ 1")
        self.condition = k
        self.params = {"condition": k}
        self.formula = f"½ (x² + {_num(k)} y²)"

    def value(self, x: Any, y: Any) -> Any:
        """½ (x² + κ y²)."""
        return 0.5 * (x * x + self.condition * y * y)

    def gradient(self, x: Any, y: Any) -> tuple[Any, Any]:
        """(x, κ y)."""
        # 1.0 * x: never hand the caller's own array back as the gradient
        return _fit(1.0 * x, x, y), _fit(self.condition * y, x, y)

    def hessian(self, x: Any, y: Any) -> tuple[Any, Any, Any]:
        """(1, 0, κ) everywhere."""
        return _fit(1.0, x, y), _fit(0.0, x, y), _fit(self.condition, x, y)


class Rosenbrock(Surface):
    """Rosenbrock's banana function f(x, y) = (a − x)² + b (y − x²)².

    Global minimum f(a, a²) = 0 at the bottom of a curved, flat-floored valley.
    Source: Rosenbrock, H. H. (1960), *The Computer Journal* 3(3):175–184;
    Surjanovic & Bingham, "Rosenbrock Function" (sfu.ca/~ssurjano/rosen.html).

    Args:
        a: finite number, x-coordinate of the minimum (default 1).
        b: finite number > 0, steepness of the valley walls (default 100).

    Raises:
        ValueError: if ``a`` is not finite or ``b`` is not a finite number > 0.
    """

    name = "rosenbrock"
    title = "Rosenbrock"
    bounds = ((-2.0, 2.0), (-1.0, 3.0))
    start = (-1.5, 2.0)
    min_value = 0.0
    param_names = ("a", "b")

    def __init__(self, a: float = 1.0, b: float = 100.0) -> None:
        super().__init__()
        self.a = _param(self.name, "a", a, lambda v: True, "finite")
        self.b = _param(self.name, "b", b, lambda v: v > 0.0, "> 0")
        self.params = {"a": self.a, "b": self.b}
        self.minima = ((self.a, self.a * self.a),)
        self.formula = f"({_num(self.a)} − x)² + {_num(self.b)} (y − x²)²"

    def value(self, x: Any, y: Any) -> Any:
        """(a − x)² + b (y − x²)²."""
        u = self.a - x
        v = y - x * x
        return u * u + self.b * v * v

    def gradient(self, x: Any, y: Any) -> tuple[Any, Any]:
        """(2 (x − a) − 4 b x (y − x²),  2 b (y − x²))."""
        v = y - x * x
        return 2.0 * (x - self.a) - 4.0 * self.b * x * v, 2.0 * self.b * v

    def hessian(self, x: Any, y: Any) -> tuple[Any, Any, Any]:
        """(2 − 4 b y + 12 b x²,  −4 b x,  2 b)."""
        b = self.b
        return (
            2.0 - 4.0 * b * y + 12.0 * b * x * x,
            _fit(-4.0 * b * x, x, y),
            _fit(2.0 * b, x, y),
        )


class Beale(Surface):
    """Beale's function f(x, y) = (1.5 − x + xy)² + (2.25 − x + xy²)² + (2.625 − x + xy³)².

    Global minimum f(3, 0.5) = 0; a large flat plateau and steep ridges at the
    corners of the domain [−4.5, 4.5]². Source: Surjanovic & Bingham, "Beale Function"
    (sfu.ca/~ssurjano/beale.html).
    """

    name = "beale"
    title = "Beale"
    formula = "(1.5 − x + xy)² + (2.25 − x + xy²)² + (2.625 − x + xy³)²"
    bounds = ((-4.5, 4.5), (-4.5, 4.5))
    start = (1.0, 1.5)
    minima = ((3.0, 0.5),)
    min_value = 0.0

    def value(self, x: Any, y: Any) -> Any:
        """The sum of the three squared terms."""
        y2 = y * y
        t1 = 1.5 - x + x * y
        t2 = 2.25 - x + x * y2
        t3 = 2.625 - x + x * y2 * y
        return t1 * t1 + t2 * t2 + t3 * t3

    def gradient(self, x: Any, y: Any) -> tuple[Any, Any]:
        """With tᵢ the three terms: (2 Σ tᵢ (yⁱ − 1),  2 Σ tᵢ · i x yⁱ⁻¹)."""
        y2 = y * y
        y3 = y2 * y
        t1 = 1.5 - x + x * y
        t2 = 2.25 - x + x * y2
        t3 = 2.625 - x + x * y3
        gx = 2.0 * (t1 * (y - 1.0) + t2 * (y2 - 1.0) + t3 * (y3 - 1.0))
        gy = 2.0 * x * (t1 + 2.0 * y * t2 + 3.0 * y2 * t3)
        return gx, gy

    def hessian(self, x: Any, y: Any) -> tuple[Any, Any, Any]:
        """Second derivatives of the sum of squares (product rule on each term)."""
        y2 = y * y
        y3 = y2 * y
        t1 = 1.5 - x + x * y
        t2 = 2.25 - x + x * y2
        t3 = 2.625 - x + x * y3
        d1, d2, d3 = y - 1.0, y2 - 1.0, y3 - 1.0  # ∂tᵢ/∂x
        hxx = 2.0 * (d1 * d1 + d2 * d2 + d3 * d3)
        hxy = 2.0 * (x * d1 + t1 + 2.0 * y * (x * d2 + t2) + 3.0 * y2 * (x * d3 + t3))
        hyy = 2.0 * x * (x * (1.0 + 4.0 * y2 + 9.0 * y2 * y2) + 2.0 * t2 + 6.0 * y * t3)
        return _fit(hxx, x, y), hxy, hyy


class Booth(Surface):
    """Booth's function f(x, y) = (x + 2y − 7)² + (2x + y − 5)².

    A convex quadratic with Hessian [[10, 8], [8, 10]] (condition number 9) whose
    valley runs diagonally. Global minimum f(1, 3) = 0. Source: Surjanovic & Bingham,
    "Booth Function" (sfu.ca/~ssurjano/booth.html).
    """

    name = "booth"
    title = "Booth"
    formula = "(x + 2y − 7)² + (2x + y − 5)²"
    bounds = ((-10.0, 10.0), (-10.0, 10.0))
    start = (-8.0, -6.0)
    minima = ((1.0, 3.0),)
    min_value = 0.0

    def value(self, x: Any, y: Any) -> Any:
        """(x + 2y − 7)² + (2x + y − 5)²."""
        u = x + 2.0 * y - 7.0
        v = 2.0 * x + y - 5.0
        return u * u + v * v

    def gradient(self, x: Any, y: Any) -> tuple[Any, Any]:
        """(10x + 8y − 34,  8x + 10y − 38)."""
        return 10.0 * x + 8.0 * y - 34.0, 8.0 * x + 10.0 * y - 38.0

    def hessian(self, x: Any, y: Any) -> tuple[Any, Any, Any]:
        """(10, 8, 10) everywhere."""
        return _fit(10.0, x, y), _fit(8.0, x, y), _fit(10.0, x, y)


class Himmelblau(Surface):
    """Himmelblau's function f(x, y) = (x² + y − 11)² + (x + y² − 7)².

    Four global minima with f = 0: (3, 2) and three irrational ones, given here to
    full double precision (solved with 40-digit Newton iteration). Also a local maximum
    near (−0.2708, −0.9230) and four saddles. Source: Himmelblau, D. M. (1972),
    *Applied Nonlinear Programming*, McGraw-Hill.
    """

    name = "himmelblau"
    title = "Himmelblau"
    formula = "(x² + y − 11)² + (x + y² − 7)²"
    bounds = ((-5.0, 5.0), (-5.0, 5.0))
    start = (0.0, 0.0)
    minima = (
        (3.0, 2.0),
        (-2.805118086952745, 3.131312518250573),
        (-3.779310253377747, -3.2831859912861696),
        (3.5844283403304917, -1.8481265269644036),
    )
    min_value = 0.0

    def value(self, x: Any, y: Any) -> Any:
        """(x² + y − 11)² + (x + y² − 7)²."""
        u = x * x + y - 11.0
        v = x + y * y - 7.0
        return u * u + v * v

    def gradient(self, x: Any, y: Any) -> tuple[Any, Any]:
        """(4x (x² + y − 11) + 2 (x + y² − 7),  2 (x² + y − 11) + 4y (x + y² − 7))."""
        u = x * x + y - 11.0
        v = x + y * y - 7.0
        return 4.0 * x * u + 2.0 * v, 2.0 * u + 4.0 * y * v

    def hessian(self, x: Any, y: Any) -> tuple[Any, Any, Any]:
        """(12x² + 4y − 42,  4x + 4y,  4x + 12y² − 26)."""
        return (
            12.0 * x * x + 4.0 * y - 42.0,
            4.0 * (x + y),
            4.0 * x + 12.0 * y * y - 26.0,
        )


class Rastrigin(Surface):
    """Two-dimensional Rastrigin function f(x, y) = 2A + Σ (xᵢ² − A cos 2πxᵢ).

    A bowl covered in a regular grid of local minima; the global minimum is
    f(0, 0) = 0. Source: Surjanovic & Bingham, "Rastrigin Function"
    (sfu.ca/~ssurjano/rastr.html), d = 2, A = 10, domain [−5.12, 5.12]².

    Args:
        A: amplitude of the ripples, a finite number ≥ 0 (default 10).

    Raises:
        ValueError: if ``A`` is not a finite number ≥ 0.
    """

    name = "rastrigin"
    title = "Rastrigin"
    bounds = ((-5.12, 5.12), (-5.12, 5.12))
    start = (3.2, -2.7)
    minima = ((0.0, 0.0),)
    min_value = 0.0
    param_names = ("A",)

    def __init__(self, A: float = 10.0) -> None:  # noqa: N803 - the field's name
        super().__init__()
        self.A = _param(self.name, "A", A, lambda v: v >= 0.0, "≥ 0")
        self.params = {"A": self.A}
        a = _num(self.A)
        self.formula = f"{_num(2.0 * self.A)} + x² + y² − {a} (cos 2πx + cos 2πy)"

    def value(self, x: Any, y: Any) -> Any:
        """2A + x² + y² − A (cos 2πx + cos 2πy)."""
        A = self.A
        return 2.0 * A + x * x + y * y - A * (np.cos(_TWO_PI * x) + np.cos(_TWO_PI * y))

    def gradient(self, x: Any, y: Any) -> tuple[Any, Any]:
        """(2x + 2πA sin 2πx,  2y + 2πA sin 2πy)."""
        c = _TWO_PI * self.A
        return (
            _fit(2.0 * x + c * np.sin(_TWO_PI * x), x, y),
            _fit(2.0 * y + c * np.sin(_TWO_PI * y), x, y),
        )

    def hessian(self, x: Any, y: Any) -> tuple[Any, Any, Any]:
        """(2 + 4π²A cos 2πx,  0,  2 + 4π²A cos 2πy)."""
        c = _FOUR_PI_SQ * self.A
        return (
            _fit(2.0 + c * np.cos(_TWO_PI * x), x, y),
            _fit(0.0, x, y),
            _fit(2.0 + c * np.cos(_TWO_PI * y), x, y),
        )


class Saddle(Surface):
    """The saddle f(x, y) = x² − y² (a hyperbolic paraboloid).

    The origin is a stationary point that is not a minimum (Hessian eigenvalues 2 and
    −2); f is unbounded below, so there are no minima. Started near the x-axis, gradient
    descent slows down close to the saddle before escaping along y. Standard example
    (Goodfellow, Bengio & Courville, *Deep Learning*, 2016, §4.3, Fig. 4.5).
    """

    name = "saddle"
    title = "Saddle"
    formula = "x² − y²"
    bounds = ((-2.0, 2.0), (-2.0, 2.0))
    start = (1.8, 0.01)
    minima = ()
    min_value = None

    def value(self, x: Any, y: Any) -> Any:
        """x² − y²."""
        return x * x - y * y

    def gradient(self, x: Any, y: Any) -> tuple[Any, Any]:
        """(2x, −2y)."""
        return _fit(2.0 * x, x, y), _fit(-2.0 * y, x, y)

    def hessian(self, x: Any, y: Any) -> tuple[Any, Any, Any]:
        """(2, 0, −2) everywhere."""
        return _fit(2.0, x, y), _fit(0.0, x, y), _fit(-2.0, x, y)


class SixHumpCamel(Surface):
    """Six-hump camel function f(x, y) = (4 − 2.1x² + x⁴/3) x² + xy + (−4 + 4y²) y².

    Six local minima, two of them global: f(±(0.0898420131003181, −0.712656403020740))
    = −1.031628453489877 (minimisers solved to full double precision). Source:
    Surjanovic & Bingham, "Six-Hump Camel Function" (sfu.ca/~ssurjano/camel6.html).
    """

    name = "six_hump_camel"
    title = "Six-hump camel"
    formula = "(4 − 2.1x² + x⁴/3) x² + xy + (−4 + 4y²) y²"
    bounds = ((-2.0, 2.0), (-1.2, 1.2))
    start = (1.0, 1.0)
    minima = (
        (0.08984201310031806, -0.7126564030207396),
        (-0.08984201310031806, 0.7126564030207396),
    )
    min_value = -1.031628453489877

    def value(self, x: Any, y: Any) -> Any:
        """(4 − 2.1x² + x⁴/3) x² + xy + (−4 + 4y²) y²."""
        x2 = x * x
        y2 = y * y
        return (4.0 - 2.1 * x2 + x2 * x2 / 3.0) * x2 + x * y + (4.0 * y2 - 4.0) * y2

    def gradient(self, x: Any, y: Any) -> tuple[Any, Any]:
        """(8x − 8.4x³ + 2x⁵ + y,  x − 8y + 16y³)."""
        x2 = x * x
        return (
            x * (8.0 - 8.4 * x2 + 2.0 * x2 * x2) + y,
            x + y * (16.0 * y * y - 8.0),
        )

    def hessian(self, x: Any, y: Any) -> tuple[Any, Any, Any]:
        """(8 − 25.2x² + 10x⁴,  1,  −8 + 48y²)."""
        x2 = x * x
        return (
            _fit(8.0 - 25.2 * x2 + 10.0 * x2 * x2, x, y),
            _fit(1.0, x, y),
            _fit(48.0 * y * y - 8.0, x, y),
        )


class StyblinskiTang(Surface):
    """Two-dimensional Styblinski–Tang function f(x, y) = ½ Σ (xᵢ⁴ − 16xᵢ² + 5xᵢ).

    Four local minima at the corners of a square; the global one is at
    x = y = −2.903534027771177 with f = −78.33233140754282 (root of 4t³ − 32t + 5 = 0,
    solved to full double precision). From the default start gradient descent settles
    in a local minimum, which shows the effect of the start point. Source: Surjanovic &
    Bingham, "Styblinski-Tang Function" (sfu.ca/~ssurjano/stybtang.html), d = 2.
    """

    name = "styblinski_tang"
    title = "Styblinski–Tang"
    formula = "½ (x⁴ − 16x² + 5x + y⁴ − 16y² + 5y)"
    bounds = ((-5.0, 5.0), (-5.0, 5.0))
    start = (0.5, 4.5)
    minima = ((-2.903534027771177, -2.903534027771177),)
    min_value = -78.33233140754282

    def value(self, x: Any, y: Any) -> Any:
        """½ (x⁴ − 16x² + 5x + y⁴ − 16y² + 5y)."""
        x2 = x * x
        y2 = y * y
        return 0.5 * (x2 * (x2 - 16.0) + 5.0 * x + y2 * (y2 - 16.0) + 5.0 * y)

    def gradient(self, x: Any, y: Any) -> tuple[Any, Any]:
        """(2x³ − 16x + 2.5,  2y³ − 16y + 2.5)."""
        return (
            _fit(x * (2.0 * x * x - 16.0) + 2.5, x, y),
            _fit(y * (2.0 * y * y - 16.0) + 2.5, x, y),
        )

    def hessian(self, x: Any, y: Any) -> tuple[Any, Any, Any]:
        """(6x² − 16,  0,  6y² − 16)."""
        return (
            _fit(6.0 * x * x - 16.0, x, y),
            _fit(0.0, x, y),
            _fit(6.0 * y * y - 16.0, x, y),
        )


class Surface1D(Surface):
    """A test function f(x) of one variable with its derivatives f′ and f″.

    The same interface as :class:`Surface` with one variable: ``value(x)``,
    ``gradient(x) = (f′(x),)`` and ``hessian(x) = (f″(x),)`` (one-tuples, so generic
    code handles both kinds); :meth:`derivative` and :meth:`second_derivative` give the
    bare values. ``bounds`` is ``((x_min, x_max),)``, ``start`` and minimisers are
    ``(x,)``. A ``y`` argument is accepted for call compatibility and ignored.
    """

    variables = ("x",)
    bounds: Bounds = ((-1.0, 1.0),)
    start: Point = (0.5,)

    def value(self, x: Any, y: Any = None) -> Any:
        """f(x). ``x``: a float or an array; returns the same shape."""
        raise NotImplementedError

    def derivative(self, x: Any) -> Any:
        """f′(x), the slope, with the shape of ``x``."""
        raise NotImplementedError

    def second_derivative(self, x: Any) -> Any:
        """f″(x), the curvature, with the shape of ``x``."""
        raise NotImplementedError

    def gradient(self, x: Any, y: Any = None) -> tuple[Any, ...]:
        """(f′(x),)."""
        return (self.derivative(x),)

    def hessian(self, x: Any, y: Any = None) -> tuple[Any, ...]:
        """(f″(x),)."""
        return (self.second_derivative(x),)


class Parabola(Surface1D):
    """The parabola f(x) = x², the first loss a student minimises.

    f′ = 2x, f″ = 2; minimum f(0) = 0. Gradient descent gives x ← (1 − 2η) x: η = 0.25
    halves x at every step, η = 0.5 jumps to 0 in one step, η = 1 bounces between ±x
    for ever and η > 1 diverges (the GD stability limit 2/f″ = 1; see
    :mod:`gdstudio.core.stability`).
    """

    name = "parabola"
    title = "Parabola"
    formula = "x²"
    bounds = ((-3.0, 3.0),)
    start = (2.0,)
    minima = ((0.0,),)
    min_value = 0.0

    def value(self, x: Any, y: Any = None) -> Any:
        """x²."""
        return x * x

    def derivative(self, x: Any) -> Any:
        """2x."""
        return 2.0 * x

    def second_derivative(self, x: Any) -> Any:
        """2 everywhere (an array of 2s for an array ``x``)."""
        return 2.0 if isinstance(x, float) else np.full(np.shape(x), 2.0)


class DoubleWell(Surface1D):
    """A tilted double well f(x) = x⁴ − 3x² + x: a local and a global minimum.

    f′ = 4x³ − 6x + 1, f″ = 12x² − 6. The roots of f′ (Newton's method on f′ in
    50-digit arithmetic, rounded to the nearest double) are the global minimum
    x = −1.3008395659415772 (f = −3.513905038934789), a local maximum x =
    0.16993844331159128 and a local minimum x = 1.1309011226299859 (f =
    −1.0702301817761541). From the default start x = 2 gradient descent settles in
    the local minimum; from x = −2 in the global one: the start point decides.
    """

    name = "double_well"
    title = "Double well"
    formula = "x⁴ − 3x² + x"
    bounds = ((-2.5, 2.5),)
    start = (2.0,)
    minima = ((-1.3008395659415772,),)
    local_minima = ((1.1309011226299859,),)
    min_value = -3.513905038934789
    #: the local maximum between the wells
    maximum = 0.16993844331159128

    def value(self, x: Any, y: Any = None) -> Any:
        """x⁴ − 3x² + x."""
        x2 = x * x
        return x2 * (x2 - 3.0) + x

    def derivative(self, x: Any) -> Any:
        """4x³ − 6x + 1."""
        return x * (4.0 * x * x - 6.0) + 1.0

    def second_derivative(self, x: Any) -> Any:
        """12x² − 6."""
        return 12.0 * x * x - 6.0


_SURFACES: dict[str, type[Surface]] = {
    cls.name: cls
    for cls in (
        Quadratic,
        Rosenbrock,
        Beale,
        Booth,
        Himmelblau,
        Rastrigin,
        Saddle,
        SixHumpCamel,
        StyblinskiTang,
        Parabola,
        DoubleWell,
    )
}

#: the two-variable surfaces f(x, y), in menu order
SURFACE_NAMES: tuple[str, ...] = tuple(n for n, c in _SURFACES.items()
                                       if not issubclass(c, Surface1D))
#: the one-variable functions f(x) (:class:`Surface1D`), in menu order
SURFACE_NAMES_1D: tuple[str, ...] = tuple(n for n, c in _SURFACES.items()
                                          if issubclass(c, Surface1D))
#: every name accepted by :func:`get_surface`: the 2-D surfaces, then the 1-D ones
ALL_SURFACE_NAMES: tuple[str, ...] = SURFACE_NAMES + SURFACE_NAMES_1D


def get_surface(name: str, **params: Any) -> Surface:
    """Build the surface registered as ``name`` with the given parameters.

    Parameters: ``quadratic``: ``condition`` (κ ≥ 1, default 10); ``rosenbrock``:
    ``a`` (default 1), ``b`` (> 0, default 100); ``rastrigin``: ``A`` (≥ 0, default 10).
    The other surfaces take none. ``name`` may be any of :data:`ALL_SURFACE_NAMES`
    (the one-variable ``parabola`` and ``double_well`` too).

    Raises:
        ValueError: for an unknown ``name`` (the message lists :data:`ALL_SURFACE_NAMES`),
            a parameter the surface does not have (the message lists the valid ones),
            or an invalid parameter value.
    """
    cls = lookup("surface", _SURFACES, name)
    check_params("surface", name, params, cls.param_names)
    return cls(**params)
