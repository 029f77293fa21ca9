"""Surfaces typed as text: f(x, y) or f(x), parsed by a whitelisted grammar, with exact
derivatives.

The text is read by a tokenizer and a recursive-descent parser written here (never
``eval``, ``exec``, ``compile`` or Python's ``ast`` on the user's text) into a tree of
:class:`Node` values; the gradient and the Hessian are derived from that tree
symbolically (sum, product, quotient, power and chain rules, with constant folding) and
every tree is evaluated by a tree of numpy calls taken from a fixed table. The
gradient's formula is available as text for the window to show.

Grammar (whitespace: spaces and tabs)::

    expression := term (("+" | "-") term)*
    term       := unary (("*" | "/") unary)*
    unary      := ("+" | "-") unary | power
    power      := atom (("**" | "^") unary)?          right-associative: 2**3**2 = 2**9
    atom       := number | "x" | "y" | "pi" | "e" | function "(" expression ")"
                  | "(" expression ")"
    number     := digits ["." digits] [("e" | "E") ["+" | "-"] digits]   (also ".5")

Functions: sin, cos, tan, exp, log (natural), log10, sqrt, abs, tanh, sinh, cosh,
arctan (atan), sigmoid. ``-x**2`` is −(x²), as in mathematics. The Unicode minus sign
− (U+2212), which GD Studio's own formulas use, is read as "-"; every other character
outside ASCII is refused (so a Cyrillic х or a full-width ｘ can never pass for x), as is
anything else outside the grammar: names other than the above, strings, attribute
access, brackets, commas, semicolons, two values side by side (``x y``, ``2x``).

Limits, checked before anything is evaluated: at most :data:`MAX_LENGTH` characters,
:data:`MAX_DEPTH` levels of nesting, a constant exponent of magnitude at most
:data:`MAX_EXPONENT` (``x**9999999`` is refused; ``x**y`` is allowed and simply
overflows to ∞ where it is huge), finite numbers, and derivative trees of at most
:data:`MAX_NODES` nodes. Errors are :class:`ExpressionError`, which names the offending
token and its position (1-based).

Values where f is undefined (log or sqrt of a negative number, 0/0) are NaN, and a
training run that reaches one stops as diverged.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from gdstudio.core.surfaces import Surface, Surface1D

__all__ = ["Expression", "ExpressionError", "MESSAGES", "ExpressionSurface", "ExpressionSurface1D",
           "Node", "parse_expression", "make_expression_surface", "FUNCTIONS",
           "MAX_LENGTH", "MAX_DEPTH", "MAX_EXPONENT", "MAX_NODES", "to_text"]

MAX_LENGTH = 500
MAX_DEPTH = 64
MAX_EXPONENT = 64
MAX_NODES = 20_000

_MINUS_SIGN = "\u2212"


#: What each :class:`ExpressionError` code means, in English; ``{placeholders}`` are
#: filled from the error's ``params``. A window in another language shows its own
#: sentence for the code (``gdstudio.gui.messages``).
MESSAGES: dict[str, str] = {
    "not_text": "the expression must be text",
    "too_long": "the expression is longer than {limit} characters ({length})",
    "non_ascii": "the character {codepoint} is not allowed (only ASCII letters, digits, "
                 "+ - * / ^ ( ) and the minus sign −)",
    "number_too_long": "a number is too long",
    "number_too_large": "a number is too large",
    "unknown_name": "unknown name; the variables are x and y, the constants pi and e, the "
                    "functions {functions}",
    "too_many_parentheses": "more than {limit} levels of parentheses",
    "bad_character": "this character is not allowed (only letters, digits, + - * / ^ ** "
                     "and parentheses)",
    "nested_too_deep": "the expression is nested more than {limit} levels deep",
    "empty": "the expression is empty",
    "unopened_parenthesis": "a closing parenthesis without an opening one",
    "operator_expected": "expected an operator (+ - * / **) here; write 2*x, not 2x or x y",
    "exponent_too_large": "a constant exponent must be a number from −{limit} to {limit}",
    "unclosed_parenthesis": "expected a closing parenthesis ')'",
    "function_needs_parentheses": "the function {function} needs parentheses: {function}(x)",
    "ends_too_early": "the expression ends too early: a value is missing",
    "value_missing_before_parenthesis": "a value is missing before ')'",
    "value_expected": "a value (a number, x, y, a function or '(') is expected here",
    "too_complex": "the expression is too complex: its derivatives have more than {limit} "
                   "terms",
}
#: Where an error is, in English: appended to the message.
WHERE_POSITION = " at position {position}"
WHERE_TOKEN = " at position {position} ({token})"
WHERE_END = " at the end of the expression"


class ExpressionError(ValueError):
    """The text is not an expression GD Studio accepts.

    ``str(error)`` is the English sentence: ``MESSAGES[code]`` with ``params``, then
    where (``WHERE_TOKEN``, ``WHERE_POSITION`` or ``WHERE_END``).

    Attributes:
        code: what is wrong, a key of :data:`MESSAGES`.
        params: the values of the message's placeholders (strings).
        position: 1-based position of the offending character or token (None when the
            whole text is at fault, e.g. too long, or at its end).
        token: the offending token as written (may be "").
        shown_token: the token as the message quotes it (``repr`` of at most 20
            printable characters), or "".
        at_end: the text ended where something else was needed.
    """

    def __init__(self, code: str, position: int | None = None, token: str = "", *,
                 at_end: bool = False, **params: Any) -> None:
        self.code, self.position, self.token, self.at_end = code, position, token, at_end
        self.params = {key: str(value) for key, value in params.items()}
        self.shown_token = repr("".join(c if c.isprintable() and ord(c) < 0x10000 else "?"
                                        for c in token[:20])) if token else ""
        super().__init__(MESSAGES[code].format(**self.params) + self.where(
            WHERE_POSITION, WHERE_TOKEN, WHERE_END))

    def where(self, at_position: str, at_token: str, at_end: str) -> str:
        """The where-part of the message written with these templates (English or a
        translation): ``at_token`` / ``at_position`` filled with {position} and {token},
        ``at_end``, or "" when the whole text is at fault."""
        if self.at_end:
            return at_end
        if self.position is None:
            return ""
        if self.shown_token:
            return at_token.format(position=self.position, token=self.shown_token)
        return at_position.format(position=self.position)


# -- tokens ---------------------------------------------------------------------------
@dataclass(frozen=True)
class _Token:
    kind: str  # "num", "name", "op", "(", ")", "end"
    text: str
    pos: int  # 0-based
    value: float = 0.0


_OPERATORS = ("**", "+", "-", "*", "/", "^")
_ASCII_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_")
_DIGITS = frozenset("0123456789")


def _tokenize(text: str) -> list[_Token]:
    tokens: list[_Token] = []
    i, n = 0, len(text)
    depth = 0
    while i < n:
        c = text[i]
        if c in " \t":
            i += 1
            continue
        if c == _MINUS_SIGN:
            tokens.append(_Token("op", "-", i))
            i += 1
            continue
        if ord(c) > 127:
            raise ExpressionError("non_ascii", i + 1, c, codepoint=f"U+{ord(c):04X}")
        if c in _DIGITS or (c == "." and i + 1 < n and text[i + 1] in _DIGITS):
            j = i
            while j < n and text[j] in _DIGITS:
                j += 1
            if j < n and text[j] == ".":
                j += 1
                while j < n and text[j] in _DIGITS:
                    j += 1
            if j < n and text[j] in "eE":
                k = j + 1
                if k < n and text[k] in "+-":
                    k += 1
                if k < n and text[k] in _DIGITS:
                    while k < n and text[k] in _DIGITS:
                        k += 1
                    j = k
            literal = text[i:j]
            if j - i > 40:
                raise ExpressionError("number_too_long", i + 1, literal)
            value = float(literal)
            if not math.isfinite(value) or abs(value) > 1e300:
                raise ExpressionError("number_too_large", i + 1, literal)
            tokens.append(_Token("num", literal, i, value))
            i = j
            continue
        if c in _ASCII_LETTERS:
            j = i
            while j < n and (text[j] in _ASCII_LETTERS or text[j] in _DIGITS):
                j += 1
            name = text[i:j]
            if name not in _NAMES:
                raise ExpressionError("unknown_name", i + 1, name,
                                      functions=", ".join(_GRAMMAR_FUNCTIONS))
            tokens.append(_Token("name", name, i))
            i = j
            continue
        if text.startswith("**", i):
            tokens.append(_Token("op", "**", i))
            i += 2
            continue
        if c in "+-*/^":
            tokens.append(_Token("op", c, i))
            i += 1
            continue
        if c in "()":
            depth += 1 if c == "(" else -1
            if depth > MAX_DEPTH:
                raise ExpressionError("too_many_parentheses", i + 1, c, limit=MAX_DEPTH)
            tokens.append(_Token(c, c, i))
            i += 1
            continue
        raise ExpressionError("bad_character", i + 1, c)
    tokens.append(_Token("end", "", n))
    return tokens


# -- trees ----------------------------------------------------------------------------
@dataclass(frozen=True)
class Node:
    """A node of an expression tree.

    ``op`` is one of "num" (``value``), "var" (``name`` "x" or "y"), "neg", "+", "-",
    "*", "/", "**" (``args`` of one or two nodes) or "fn" (``name`` the function,
    ``args`` one node).
    """

    op: str
    args: tuple[Node, ...] = ()
    value: float = 0.0
    name: str = ""

    def size(self) -> int:
        return 1 + sum(a.size() for a in self.args)


def _num(v: float) -> Node:
    return Node("num", value=float(v))


ZERO, ONE = _num(0.0), _num(1.0)


def _is(node: Node, v: float) -> bool:
    return node.op == "num" and node.value == v


#: function name → (numpy ufunc or callable, its derivative as a tree builder f′(u))
FUNCTIONS: dict[str, Callable[..., Any]] = {
    "sin": np.sin, "cos": np.cos, "tan": np.tan, "exp": np.exp, "log": np.log,
    "log10": np.log10, "sqrt": np.sqrt, "abs": np.abs, "tanh": np.tanh, "sinh": np.sinh,
    "cosh": np.cosh, "arctan": np.arctan, "atan": np.arctan,
    "sigmoid": lambda u: 1.0 / (1.0 + np.exp(-u)),
    "sign": np.sign,  # for d|u|/du; not in the grammar's list but harmless
}
_GRAMMAR_FUNCTIONS = ("sin", "cos", "tan", "exp", "log", "log10", "sqrt", "abs", "tanh",
                      "sinh", "cosh", "arctan", "atan", "sigmoid")
_CONSTANTS = {"pi": math.pi, "e": math.e}
_NAMES = frozenset(("x", "y", *_CONSTANTS, *_GRAMMAR_FUNCTIONS))


def _fn(name: str, u: Node) -> Node:
    if u.op == "num" and name != "sign":
        with np.errstate(all="ignore"):
            v = float(FUNCTIONS[name](u.value))
        if math.isfinite(v):
            return _num(v)
    return Node("fn", (u,), name=name)


def _add(a: Node, b: Node) -> Node:
    if _is(a, 0):
        return b
    if _is(b, 0):
        return a
    if b.op == "neg":
        return _sub(a, b.args[0])
    if a.op == "neg":
        return _sub(b, a.args[0])
    if b.op == "*" and b.args[0].op == "num" and b.args[0].value < 0:
        return _sub(a, _mul(_num(-b.args[0].value), b.args[1]))
    if a.op == "num" and b.op == "num":
        return _num(a.value + b.value)
    return Node("+", (a, b))


def _sub(a: Node, b: Node) -> Node:
    if _is(b, 0):
        return a
    if b.op == "neg":
        return _add(a, b.args[0])
    if b.op == "*" and b.args[0].op == "num" and b.args[0].value < 0:
        return _add(a, _mul(_num(-b.args[0].value), b.args[1]))
    if _is(a, 0):
        return _neg(b)
    if a.op == "num" and b.op == "num":
        return _num(a.value - b.value)
    if a == b:
        return ZERO
    return Node("-", (a, b))


def _neg(a: Node) -> Node:
    if a.op == "num":
        return _num(-a.value)
    if a.op == "neg":
        return a.args[0]
    if a.op == "*" and a.args[0].op == "num":
        return _mul(_num(-a.args[0].value), a.args[1])
    if a.op == "-":
        return _sub(a.args[1], a.args[0])
    return Node("neg", (a,))


def _mul(a: Node, b: Node) -> Node:
    if _is(a, 0) or _is(b, 0):
        return ZERO
    if _is(a, 1):
        return b
    if _is(b, 1):
        return a
    if _is(a, -1):
        return _neg(b)
    if _is(b, -1):
        return _neg(a)
    if a.op == "neg":
        return _neg(_mul(a.args[0], b))
    if b.op == "neg":
        return _neg(_mul(a, b.args[0]))
    if a.op == "num" and b.op == "num":
        return _num(a.value * b.value)
    if b.op == "num" and a.op != "num":  # constants first: 2*x, not x*2
        a, b = b, a
    if a.op == "num" and b.op == "*" and b.args[0].op == "num":
        return _mul(_num(a.value * b.args[0].value), b.args[1])
    return Node("*", (a, b))


def _div(a: Node, b: Node) -> Node:
    if _is(a, 0) and not _is(b, 0):
        return ZERO
    if _is(b, 1):
        return a
    if a.op == "num" and b.op == "num" and b.value != 0:
        return _num(a.value / b.value)
    return Node("/", (a, b))


def _pow(a: Node, b: Node) -> Node:
    if _is(b, 0):
        return ONE
    if _is(b, 1):
        return a
    if a.op == "num" and b.op == "num":
        with np.errstate(all="ignore"):
            v = float(np.power(a.value, b.value))
        if math.isfinite(v):
            return _num(v)
    return Node("**", (a, b))


def _has_var(node: Node) -> bool:
    return node.op == "var" or any(_has_var(a) for a in node.args)


# -- parser ---------------------------------------------------------------------------
class _Parser:
    def __init__(self, text: str, tokens: list[_Token]) -> None:
        self.text, self.tokens, self.i, self.depth = text, tokens, 0, 0
        self.variables: set[str] = set()

    @property
    def tok(self) -> _Token:
        return self.tokens[self.i]

    def error(self, code: str, tok: _Token | None = None, **params: Any) -> ExpressionError:
        t = tok or self.tok
        if t.kind == "end":
            return ExpressionError(code, at_end=True, **params)
        return ExpressionError(code, t.pos + 1, t.text, **params)

    def enter(self) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise self.error("nested_too_deep", limit=MAX_DEPTH)

    def parse(self) -> Node:
        if self.tok.kind == "end":
            raise ExpressionError("empty")
        node = self.expression()
        if self.tok.kind != "end":
            t = self.tok
            if t.kind == ")":
                raise self.error("unopened_parenthesis")
            raise self.error("operator_expected")
        return node

    def expression(self) -> Node:
        node = self.term()
        while self.tok.kind == "op" and self.tok.text in "+-":
            op = self.tok.text
            self.i += 1
            rhs = self.term()
            node = Node("+" if op == "+" else "-", (node, rhs))
        return node

    def nested(self) -> Node:
        """An expression inside parentheses: one level deeper."""
        self.enter()
        node = self.expression()
        self.depth -= 1
        return node

    def term(self) -> Node:
        node = self.unary()
        while self.tok.kind == "op" and self.tok.text in ("*", "/"):
            op = self.tok.text
            self.i += 1
            rhs = self.unary()
            node = Node(op, (node, rhs))
        return node

    def unary(self) -> Node:
        if self.tok.kind == "op" and self.tok.text in "+-":
            op = self.tok.text
            self.i += 1
            self.enter()
            inner = self.unary()
            self.depth -= 1
            return Node("neg", (inner,)) if op == "-" else inner
        return self.power()

    def power(self) -> Node:
        base = self.atom()
        if self.tok.kind == "op" and self.tok.text in ("**", "^"):
            self.i += 1
            start = self.tok
            self.enter()
            exponent = self.unary()
            self.depth -= 1
            if not _has_var(exponent):
                value = _evaluate_constant(exponent)
                if not (math.isfinite(value) and abs(value) <= MAX_EXPONENT):
                    end = self.tok.pos if self.tok.kind != "end" else len(self.text)
                    raise ExpressionError("exponent_too_large", start.pos + 1,
                                          self.text[start.pos:end].strip(), limit=MAX_EXPONENT)
            return Node("**", (base, exponent))
        return base

    def atom(self) -> Node:
        t = self.tok
        if t.kind == "num":
            self.i += 1
            return _num(t.value)
        if t.kind == "(":
            self.i += 1
            node = self.nested()
            if self.tok.kind != ")":
                raise self.error("unclosed_parenthesis")
            self.i += 1
            return node
        if t.kind == "name":
            self.i += 1
            if t.text in ("x", "y"):
                self.variables.add(t.text)
                return Node("var", name=t.text)
            if t.text in _CONSTANTS:
                return _num(_CONSTANTS[t.text])
            if t.text in _GRAMMAR_FUNCTIONS:
                if self.tok.kind != "(":
                    raise self.error("function_needs_parentheses", function=t.text)
                self.i += 1
                arg = self.nested()
                if self.tok.kind != ")":
                    raise self.error("unclosed_parenthesis")
                self.i += 1
                return Node("fn", (arg,), name=t.text)
            raise ExpressionError("unknown_name", t.pos + 1, t.text,
                                  functions=", ".join(_GRAMMAR_FUNCTIONS))
        if t.kind == "end":
            raise self.error("ends_too_early")
        if t.kind == ")":
            raise self.error("value_missing_before_parenthesis")
        raise self.error("value_expected")


def _evaluate_constant(node: Node) -> float:
    with np.errstate(all="ignore"):
        return float(_build(node)(0.0, 0.0))


# -- evaluation: a tree of numpy calls --------------------------------------------------
Evaluator = Callable[[Any, Any], Any]


def _build(node: Node) -> Evaluator:
    """A closure tree evaluating ``node`` at (x, y) with numpy ufuncs (no code strings)."""
    op = node.op
    if op == "num":
        v = np.float64(node.value)
        return lambda x, y: v
    if op == "var":
        if node.name == "x":
            return lambda x, y: x
        return lambda x, y: y
    if op == "neg":
        f = _build(node.args[0])
        return lambda x, y: np.negative(f(x, y))
    if op == "fn":
        g = FUNCTIONS[node.name]
        f = _build(node.args[0])
        return lambda x, y: g(f(x, y))
    a, b = (_build(arg) for arg in node.args)
    ufunc = {"+": np.add, "-": np.subtract, "*": np.multiply, "/": np.divide,
             "**": np.power}[op]
    if op == "**" and node.args[1].op == "num" and node.args[1].value == 2.0:
        return lambda x, y: np.square(a(x, y))
    return lambda x, y: ufunc(a(x, y), b(x, y))


# -- derivatives ------------------------------------------------------------------------
def _derive(node: Node, var: str) -> Node:
    """∂node/∂var, simplified."""
    op = node.op
    if op == "num":
        return ZERO
    if op == "var":
        return ONE if node.name == var else ZERO
    if op == "neg":
        return _neg(_derive(node.args[0], var))
    if op in ("+", "-"):
        da, db = _derive(node.args[0], var), _derive(node.args[1], var)
        return _add(da, db) if op == "+" else _sub(da, db)
    if op == "*":
        a, b = node.args
        return _add(_mul(_derive(a, var), b), _mul(a, _derive(b, var)))
    if op == "/":
        a, b = node.args
        da, db = _derive(a, var), _derive(b, var)
        if _is(db, 0):
            return _div(da, b)
        if _is(da, 0):
            return _neg(_div(_mul(a, db), _pow(b, _num(2.0))))
        return _div(_sub(_mul(da, b), _mul(a, db)), _pow(b, _num(2.0)))
    if op == "**":
        a, b = node.args
        da = _derive(a, var)
        if not _has_var(b):  # u^c: c u^(c−1) u′
            c = _evaluate_constant(b)
            return _mul(_mul(_num(c), _pow(a, _num(c - 1.0))), da)
        db = _derive(b, var)  # u^v = exp(v ln u): u^v (v′ ln u + v u′/u)
        return _mul(node, _add(_mul(db, _fn("log", a)), _div(_mul(b, da), a)))
    if op == "fn":
        u = node.args[0]
        du = _derive(u, var)
        if _is(du, 0):
            return ZERO
        return _mul(_fn_derivative(node.name, u), du)
    raise AssertionError(op)  # pragma: no cover


def _fn_derivative(name: str, u: Node) -> Node:
    """f′(u) for the whitelisted functions."""
    if name == "sin":
        return _fn("cos", u)
    if name == "cos":
        return _neg(_fn("sin", u))
    if name == "tan":
        return _add(ONE, _pow(_fn("tan", u), _num(2.0)))
    if name == "exp":
        return _fn("exp", u)
    if name == "log":
        return _div(ONE, u)
    if name == "log10":
        return _div(ONE, _mul(_num(math.log(10.0)), u))
    if name == "sqrt":
        return _div(_num(0.5), _fn("sqrt", u))
    if name == "abs":
        return _fn("sign", u)
    if name == "tanh":
        return _sub(ONE, _pow(_fn("tanh", u), _num(2.0)))
    if name == "sinh":
        return _fn("cosh", u)
    if name == "cosh":
        return _fn("sinh", u)
    if name in ("arctan", "atan"):
        return _div(ONE, _add(ONE, _pow(u, _num(2.0))))
    if name == "sigmoid":
        s = _fn("sigmoid", u)
        return _mul(s, _sub(ONE, s))
    if name == "sign":
        return ZERO
    raise AssertionError(name)  # pragma: no cover


def _simplify(node: Node) -> Node:
    """Constant folding and identities, bottom-up (used on the parsed tree)."""
    if not node.args:
        return node
    args = tuple(_simplify(a) for a in node.args)
    op = node.op
    if op == "neg":
        return _neg(args[0])
    if op == "fn":
        return _fn(node.name, args[0])
    return {"+": _add, "-": _sub, "*": _mul, "/": _div, "**": _pow}[op](*args)


# -- text -------------------------------------------------------------------------------
_PREC = {"+": 1, "-": 1, "*": 2, "/": 2, "neg": 3, "**": 4}
_SUPERSCRIPTS = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")


def _number_text(v: float) -> str:
    if v == int(v) and abs(v) < 1e15:
        return str(int(v))
    return f"{v:.12g}"


def to_text(node: Node, pretty: bool = False) -> str:
    """The expression as text: ``2*x + 20*y`` (``pretty``: ``2·x + 20·y``, ``x²``, "−")."""
    minus = "−" if pretty else "-"

    def wrap(child: Node, parent_prec: int, right: bool = False) -> str:
        text = go(child)
        prec = _PREC.get(child.op, 5)
        if child.op == "num" and child.value < 0:
            prec = 3
        if prec < parent_prec or (right and prec == parent_prec and child.op in "+-*/"):
            return f"({text})"
        return text

    def go(n: Node) -> str:
        if n.op == "num":
            text = _number_text(n.value)
            return text.replace("-", minus) if pretty else text
        if n.op == "var":
            return n.name
        if n.op == "fn":
            return f"{n.name}({go(n.args[0])})"
        if n.op == "neg":
            return minus + wrap(n.args[0], 3)
        a, b = n.args
        if n.op == "**":
            base = wrap(a, 5)
            if pretty and b.op == "num" and b.value == int(b.value) and abs(b.value) < 100:
                return base + _number_text(b.value).translate(_SUPERSCRIPTS)
            exp = wrap(b, 4)
            return f"{base}^{exp}" if pretty else f"{base}**{exp}"
        sym = {"+": " + ", "-": f" {minus} ", "*": "·" if pretty else "*", "/": "/"}[n.op]
        return wrap(a, _PREC[n.op]) + sym + wrap(b, _PREC[n.op], right=True)

    return go(node)


# -- the public object -------------------------------------------------------------------
@dataclass(frozen=True)
class Expression:
    """A parsed expression with its exact first and second derivatives.

    Attributes:
        text: the text as typed.
        tree: the parsed tree (:class:`Node`).
        variables: ``("x", "y")``, or ``("x",)`` when y does not appear (then f is a
            function of one variable).
        gradient: one tree per variable, ∂f/∂x (, ∂f/∂y).
        hessian: the upper triangle row by row: (∂²f/∂x²,) or (f_xx, f_xy, f_yy).
    """

    text: str
    tree: Node
    variables: tuple[str, ...]
    gradient: tuple[Node, ...]
    hessian: tuple[Node, ...]

    def formula(self, pretty: bool = True) -> str:
        """The function as text, e.g. ``x² + 10·y²``."""
        return to_text(self.tree, pretty)

    def gradient_formulas(self, pretty: bool = True) -> tuple[str, ...]:
        """E.g. ``("∂f/∂x = 2·x", "∂f/∂y = 20·y")`` (``f′(x) = …`` in one variable)."""
        if len(self.variables) == 1:
            return (f"f′(x) = {to_text(self.gradient[0], pretty)}",)
        return tuple(f"∂f/∂{v} = {to_text(g, pretty)}"
                     for v, g in zip(self.variables, self.gradient))

    def evaluators(self) -> tuple[Evaluator, tuple[Evaluator, ...], tuple[Evaluator, ...]]:
        """(f, gradient components, Hessian components) as callables of (x, y)."""
        return (_build(self.tree), tuple(_build(g) for g in self.gradient),
                tuple(_build(h) for h in self.hessian))


def parse_expression(text: str) -> Expression:
    """Parse ``text`` into an :class:`Expression` (tree, gradient, Hessian).

    Raises:
        ExpressionError: anything outside the grammar or the limits (see the module
            docstring), naming the offending token and its position.
    """
    if not isinstance(text, str):
        raise ExpressionError("not_text")
    if len(text) > MAX_LENGTH:
        raise ExpressionError("too_long", limit=MAX_LENGTH, length=f"{len(text):,}")
    tokens = _tokenize(text)
    parser = _Parser(text, tokens)
    tree = _simplify(parser.parse())
    variables = ("x", "y") if "y" in parser.variables else ("x",)
    gradient = tuple(_derive(tree, v) for v in variables)
    if len(variables) == 1:
        hessian: tuple[Node, ...] = (_derive(gradient[0], "x"),)
    else:
        hessian = (_derive(gradient[0], "x"), _derive(gradient[0], "y"),
                   _derive(gradient[1], "y"))
    if sum(n.size() for n in (tree, *gradient, *hessian)) > MAX_NODES:
        raise ExpressionError("too_complex", limit=f"{MAX_NODES:,}")
    return Expression(text, tree, variables, gradient, hessian)


# -- surfaces -----------------------------------------------------------------------------
_STARTS = ((-3.0, 2.0), (2.0, 1.5), (1.0, 1.0), (-1.0, 0.5), (0.5, 0.5), (3.0, -2.0))


def _as_float(v: Any) -> Any:
    return v if isinstance(v, np.ndarray) else np.float64(v)


class ExpressionSurface(Surface):
    """f(x, y) typed as text; value, gradient and Hessian exact (see the module docstring).

    ``bounds`` default to [−5, 5]²; ``start`` is the first of a few teaching points
    where f and ∇f are finite and ∇f ≠ 0. ``minima`` are unknown (empty).

    Raises (constructor):
        ExpressionError: the text is not accepted.
    """

    name = "expression"
    title = "Typed function"
    bounds: tuple[tuple[float, float], ...] = ((-5.0, 5.0), (-5.0, 5.0))
    param_names = ("expression",)

    def __init__(self, expression: str | Expression) -> None:
        super().__init__()
        expr = expression if isinstance(expression, Expression) else \
            parse_expression(expression)
        self.expression = expr
        self.params = {"expression": expr.text}  # type: ignore[dict-item]
        self.formula = expr.formula()
        self.gradient_formulas = expr.gradient_formulas()
        self._f, self._g, self._h = expr.evaluators()
        self.start = self._find_start()

    def _find_start(self) -> tuple[float, ...]:
        fallback = None
        for point in _STARTS:
            p = point[: self.n_vars]
            with np.errstate(all="ignore"):
                v = float(self.value(*p))
                g = [float(c) for c in self.gradient(*p)]
            if math.isfinite(v) and all(math.isfinite(c) for c in g):
                if any(c != 0 for c in g):
                    return p
                fallback = fallback or p
        return fallback or _STARTS[0][: self.n_vars]

    def value(self, x: Any, y: Any = 0.0) -> Any:
        with np.errstate(all="ignore"):
            out = self._f(_as_float(x), _as_float(y))
            return _shape(out, x, y)

    def gradient(self, x: Any, y: Any = 0.0) -> tuple[Any, ...]:
        with np.errstate(all="ignore"):
            xf, yf = _as_float(x), _as_float(y)
            return tuple(_shape(g(xf, yf), x, y) for g in self._g)

    def hessian(self, x: Any, y: Any = 0.0) -> tuple[Any, ...]:
        with np.errstate(all="ignore"):
            xf, yf = _as_float(x), _as_float(y)
            return tuple(_shape(h(xf, yf), x, y) for h in self._h)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.expression.text!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        # the evaluators are closures: rebuild them from the text (copy and pickle)
        return (make_expression_surface, (self.expression.text,))


class ExpressionSurface1D(ExpressionSurface, Surface1D):
    """f(x) typed as text (the expression has no y): the one-variable kind."""

    variables = ("x",)
    bounds = ((-5.0, 5.0),)

    def value(self, x: Any, y: Any = None) -> Any:
        return ExpressionSurface.value(self, x, 0.0 if y is None else y)

    def derivative(self, x: Any) -> Any:
        return ExpressionSurface.gradient(self, x, 0.0)[0]

    def second_derivative(self, x: Any) -> Any:
        return ExpressionSurface.hessian(self, x, 0.0)[0]

    def gradient(self, x: Any, y: Any = None) -> tuple[Any, ...]:
        return (self.derivative(x),)

    def hessian(self, x: Any, y: Any = None) -> tuple[Any, ...]:
        return (self.second_derivative(x),)


def _shape(value: Any, x: Any, y: Any) -> Any:
    """A float for float inputs, else an array of the broadcast shape of x and y."""
    if isinstance(x, np.ndarray) or isinstance(y, np.ndarray):
        shape = np.broadcast(x, y).shape if y is not None else np.shape(x)
        return np.broadcast_to(np.asarray(value, dtype=float), shape).copy() \
            if np.shape(value) != shape else np.asarray(value, dtype=float)
    return float(value)


def make_expression_surface(text: str) -> ExpressionSurface:
    """The surface of ``text``: :class:`ExpressionSurface1D` when y does not appear.

    Raises:
        ExpressionError: the text is not accepted.
    """
    expr = parse_expression(text)
    if expr.variables == ("x",):
        return ExpressionSurface1D(expr)
    return ExpressionSurface(expr)
