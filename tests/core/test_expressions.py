"""Surfaces typed as text: exact derivatives (against central finite differences), the
surface in the trainer, landscape and sweep, and hostile text that must be refused
without executing anything."""

from __future__ import annotations

import builtins
import itertools
import math

import numpy as np
import pytest

from gdstudio.core import expressions as ex
from gdstudio.core.expressions import (
    MAX_DEPTH,
    MAX_LENGTH,
    ExpressionError,
    ExpressionSurface1D,
    make_expression_surface,
    parse_expression,
)
from gdstudio.core.scenario import Scenario, ScenarioError, prepare
from gdstudio.core.stability import gd_stability_limit
from gdstudio.core.sweep import sweep_learning_rates

EXPRESSIONS = [
    ("x**2 + 10*y**2", (0.7, -0.4)),
    ("(1 - x)**2 + 100*(y - x**2)**2", (-1.2, 1.1)),
    ("(x**2 + y - 11)**2 + (x + y**2 - 7)**2", (0.3, 0.9)),
    ("sin(x)*cos(y) + exp(-(x**2 + y**2)/2)", (0.4, -1.3)),
    ("log(1 + x**2 + y**2) + sqrt(2 + x*y)", (0.8, 0.6)),
    ("tanh(x*y) - sinh(x)/cosh(y) + arctan(x - y)", (0.5, 0.25)),
    ("x**y + y**x", (1.3, 0.7)),
    ("sigmoid(3*x - y)*log10(2 + y**2) - 1/(1 + x**2)", (-0.3, 0.8)),
    ("abs(x) + abs(y)^3 - tan(x/4)", (0.6, -0.9)),
    ("-x**2 + 2**3 * y - pi*x*y + e**(x/3)", (1.1, 0.2)),
    ("x^4 − 3*x^2 + x", (1.4, 0.0)),  # U+2212, one variable
    ("(x - 1)*(x + 2)*(x - y)/(3 + y**2)", (0.2, 0.45)),
]


def _fd(f, x, y, h=1e-6):
    return ((f(x + h, y) - f(x - h, y)) / (2 * h), (f(x, y + h) - f(x, y - h)) / (2 * h))


@pytest.mark.parametrize("text, point", EXPRESSIONS)
def test_gradient_and_hessian_equal_finite_differences(text, point):
    s = make_expression_surface(text)
    x, y = point
    if s.n_vars == 1:
        g = s.derivative(x)
        assert g == pytest.approx((s.value(x + 1e-6) - s.value(x - 1e-6)) / 2e-6, rel=1e-6)
        h = s.second_derivative(x)
        assert h == pytest.approx((s.derivative(x + 1e-6) - s.derivative(x - 1e-6)) / 2e-6,
                                  rel=1e-6, abs=1e-6)
        return
    gx, gy = s.gradient(x, y)
    fdx, fdy = _fd(s.value, x, y)
    assert gx == pytest.approx(fdx, rel=1e-6, abs=1e-6)
    assert gy == pytest.approx(fdy, rel=1e-6, abs=1e-6)
    hxx, hxy, hyy = s.hessian(x, y)
    (dxx, dxy) = _fd(lambda a, b: s.gradient(a, b)[0], x, y)
    (dyx, dyy) = _fd(lambda a, b: s.gradient(a, b)[1], x, y)
    assert hxx == pytest.approx(dxx, rel=1e-5, abs=1e-5)
    assert hxy == pytest.approx(dxy, rel=1e-5, abs=1e-5)
    assert hxy == pytest.approx(dyx, rel=1e-5, abs=1e-5)
    assert hyy == pytest.approx(dyy, rel=1e-5, abs=1e-5)


@pytest.mark.parametrize("text, point", EXPRESSIONS)
def test_arrays_broadcast_like_the_named_surfaces(text, point):
    s = make_expression_surface(text)
    xs = np.linspace(0.1, 0.9, 5)[:, None]
    ys = np.linspace(0.2, 0.8, 3)[None, :]
    v = s.value(xs, ys) if s.n_vars == 2 else s.value(xs[:, 0])
    assert np.shape(v) == ((5, 3) if s.n_vars == 2 else (5,))
    grads = s.gradient(xs, ys) if s.n_vars == 2 else s.gradient(xs[:, 0])
    for g in grads:
        assert np.shape(g) == np.shape(v)
    if s.n_vars == 2:
        assert v[2, 1] == pytest.approx(s.value(float(xs[2, 0]), float(ys[0, 1])), rel=1e-14)


def test_the_rosenbrock_typed_equals_the_built_in_one():
    typed = prepare(Scenario(kind="surface", surface="expression",
                             expression="(1 - x)**2 + 100*(y - x**2)**2",
                             init=[-1.5, 2.0], optimizer="adam", learning_rate=0.02))
    named = prepare(Scenario(kind="surface", surface="rosenbrock", init=[-1.5, 2.0],
                             optimizer="adam", learning_rate=0.02))
    a, b = typed.make_trainer(), named.make_trainer()
    a.run(500)
    b.run(500)
    assert a.theta == pytest.approx(b.theta, rel=1e-9)
    assert gd_stability_limit(typed.problem, a.theta0) == pytest.approx(
        gd_stability_limit(named.problem, b.theta0))
    result = sweep_learning_rates(typed, [1e-4, 1e-3, 1e-2], 200)
    assert list(result.status) == ["finished"] * 3


def test_one_variable_and_the_gradient_text():
    s = make_expression_surface("x**2")
    assert isinstance(s, ExpressionSurface1D) and s.n_vars == 1
    assert s.formula == "x²" and s.gradient_formulas == ("f′(x) = 2·x",)
    setup = prepare(Scenario(kind="surface", surface="expression", expression="x**2",
                             init=[2.0], learning_rate=0.25))
    t = setup.make_trainer()
    t.run(2)
    assert t.theta[0] == 0.5
    two = parse_expression("x**2 + 10*y**2")
    assert two.gradient_formulas() == ("∂f/∂x = 2·x", "∂f/∂y = 20·y")
    assert two.gradient_formulas(pretty=False) == ("∂f/∂x = 2*x", "∂f/∂y = 20*y")


def test_an_undefined_value_ends_the_run_as_diverged():
    setup = prepare(Scenario(kind="surface", surface="expression", expression="log(x)",
                             init=[1.0], learning_rate=0.5, max_steps=10))
    t = setup.make_trainer()
    t.run_to_stop()
    assert t.status == "diverged" and t.diverged_at == 2 and math.isnan(t.diverged_loss)


def test_the_scenario_key_and_its_round_trip():
    sc = Scenario.from_toml('[problem]\nkind = "surface"\nsurface = "expression"\n'
                            'expression = "x**2 + y**2"\n')
    assert Scenario.from_toml(sc.to_toml()) == sc
    with pytest.raises(ScenarioError) as err:
        Scenario.from_toml('[problem]\nsurface = "expression"\nexpression = "x y"\n')
    assert err.value.key == "problem.expression" and "position 3" in str(err.value)
    with pytest.raises(ScenarioError) as err:
        Scenario.from_toml('[problem]\nsurface = "expression"\n')
    assert err.value.key == "problem.expression"


# -- hostile text ---------------------------------------------------------------------------
HOSTILE_CORE = [
    "__import__('os').system('ls')", "__import__", "os.system('ls')", "x.__class__",
    "x.__class__.__bases__", "().__class__", "[x for x in y]", "(x for x in y)",
    "lambda: x", "lambda x: x", "x if y else 1", "x and y", "x or y", "not x", "x == y",
    "x < y", "x > 1", "x != y", "x % 2", "x // 2", "x @ y", "x & y", "x | y", "~x", "x << 2",
    "x >> 1", "x; y", "x, y", "x = 1", "x += 1", "'x'", '"x"', "b'x'", "f'{x}'", "[x]",
    "{x}", "{'a': x}", "x[0]", "x(1)", "y(x)", "x y", "2x", "2 x", "x 2", "sin x", "sin",
    "exp()", "log(x, 2)", "foo(x)", "eval('1')", "exec('x')", "open('f')", "compile('x')",
    "globals()", "locals()", "vars()", "dir()", "getattr(x, 'y')", "print(x)", "input()",
    "breakpoint()", "z", "xx", "xy", "X", "Y", "t", "np.sin(x)", "math.pi", "numpy",
    "sys", "os", "self", "None", "True", "False", "inf", "nan", "1e999", "9" * 400,
    "x**9999999", "x**-9999999", "x**(10**6)", "2**1000", "x^100", "x**65", "(x)**(8*9)",
    "x**(2**2**2**2)", "(" * 10000 + "x" + ")" * 10000, "(" * 65 + "x" + ")" * 65,
    "-" * 70 + "x", "sin(" * 65 + "x" + ")" * 65, "x" + "+x" * 300,
    "х", "ｘ", "х**2 + у**2", "ｘ＋ｙ", "x＋y", "x·y", "x×y", "x÷y", "x²", "√x", "π",
    "x\u200b+y", "x\u00a0+ y", "x\n+y", "x\r+y", "x\x00", "x\\y", "x\ty\t", "x\u2013y",
    "x\u2014y", "x\u2217y", "ℯ**x", "x\u202e+y", "x$", "x#y", "x!", "x?", "x:y", "`x`",
    "&x", "x@", "", " ", "   ", "()", "(x", "x)", ")x(", "x+", "*x", "/x", "x**", "x*/y",
    "x+*y", "**x", "x***y", "x//y", "1.2.3", "1..2", "1e", "1e+", ".e1", "0x10", "0b1",
    "1_000", "1j", "x.real", "x.imag", "y.conjugate()", "sin.__call__(x)",
]


def _hostile() -> list[str]:
    out: list[str] = []
    wrappers = [
        "{}", "x + {}", "{} * y", "({})", "sin({})", "-({})", "x**2 + {} - y",
        "{} + {}", "exp({}) / 2",
    ]
    for core, wrap in itertools.product(HOSTILE_CORE, wrappers):
        out.append(wrap.replace("{}", core))
    return [s for s in dict.fromkeys(out) if _really_hostile(s)]


def _really_hostile(text: str) -> bool:
    """A few wrappers make some cores valid ("(x)" from "x)" and "({})"): drop those."""
    try:
        parse_expression(text)
    except ExpressionError:
        return True
    return False


HOSTILE = _hostile()


def test_there_are_over_a_thousand_hostile_strings():
    assert len(HOSTILE) >= 1000


def test_hostile_strings_are_refused_and_execute_nothing():
    import sys

    calls = []

    def forbidden(*args, **kwargs):
        frame, where = sys._getframe(1), []
        while frame is not None and len(where) < 6:
            where.append(f"{frame.f_code.co_filename}:{frame.f_lineno}")
            frame = frame.f_back
        calls.append((args[:1], where))
        raise AssertionError("called while parsing user text")

    names = ("__import__", "eval", "exec", "open", "compile", "input", "breakpoint")
    saved = {name: getattr(builtins, name) for name in names}
    refused = []
    try:
        for name in names:
            setattr(builtins, name, forbidden)
        for text in HOSTILE:
            try:
                parse_expression(text)
            except ExpressionError as exc:
                refused.append(str(exc))
        for text in ("x**2 + 10*y**2", "sin(x) * exp(y)"):  # and the good still work
            parse_expression(text)
    finally:
        for name, value in saved.items():
            setattr(builtins, name, value)
    assert not calls, calls
    assert len(refused) == len(HOSTILE) and all(refused)


@pytest.mark.parametrize("text, position, token", [
    ("x y", 3, "y"), ("2x", 2, "x"), ("х", 1, "х"), ("x + ｙ", 5, "ｙ"),
    ("x**9999999", 4, "9999999"), ("foo(x)", 1, "foo"), ("x;y", 2, ";"),
    ("x.__class__", 2, "."), ("__import__('os')", 1, "__import__"),
])
def test_the_error_names_the_token_and_its_position(text, position, token):
    with pytest.raises(ExpressionError) as err:
        parse_expression(text)
    assert err.value.position == position and err.value.token == token
    assert f"position {position}" in str(err.value)


def test_limits():
    with pytest.raises(ExpressionError, match="longer than"):
        parse_expression("x" + "+x" * MAX_LENGTH)
    parse_expression("(" * MAX_DEPTH + "x" + ")" * MAX_DEPTH)
    with pytest.raises(ExpressionError, match="levels"):
        parse_expression("(" * (MAX_DEPTH + 1) + "x" + ")" * (MAX_DEPTH + 1))
    parse_expression("x**64 + x**-64")
    with pytest.raises(ExpressionError, match="exponent"):
        parse_expression("x**64.5")


def test_no_eval_in_the_module():
    import inspect

    source = inspect.getsource(ex)
    for word in ("eval(", "exec(", "compile(", "import ast", "__import__"):
        assert word not in source


def test_copy_and_pickle():
    import copy
    import pickle

    from gdstudio.core.problems import SurfaceProblem

    for text in ("x**2 + 10*y**2", "x**2"):
        problem = SurfaceProblem(make_expression_surface(text))
        for clone in (copy.deepcopy(problem), pickle.loads(pickle.dumps(problem))):
            assert type(clone) is type(problem)
            theta = np.array([0.5, -0.25][: problem.n_params])
            assert clone.loss(theta) == problem.loss(theta)
            assert clone.surface.formula == problem.surface.formula
