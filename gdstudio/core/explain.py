"""Explain every step: the numbers of one update, and each data point's share of ∇L.

:func:`explain_update` describes update k → k+1 of a run exactly as its
:class:`~gdstudio.core.trainer.Trainer` made it (or will make it, for the next one):
θ_k, the gradient g_k it used (the mini-batch gradient under SGD and the rows of that
mini-batch), the learning rate η_k, the optimizer's state before and after, the derived
quantities of the rule (momentum's velocity v; Nesterov's look-ahead direction;
AdaGrad's sum of squares; RMSProp's running average; Adam's m, v, m̂, v̂, bias
corrections and per-parameter effective step; Newton's Hessian and H⁻¹g), the step
Δθ = θ_{k+1} − θ_k, L(θ_k), L(θ_{k+1}) and the GD stability limit 2/λ_max. It also
writes the rule as text with the live numbers substituted, per parameter for up to
:data:`MAX_SPELLED_PARAMS` parameters, else as per-layer norms.

How the state at step k is found, without disturbing the trainer: a scratch optimizer
of the same kind and hyperparameters is loaded with the trainer's nearest optimizer
checkpoint c ≤ k (:meth:`~gdstudio.core.trainer.Trainer.checkpoint_before`) and the
updates c … k − 1 are replayed from the history rows (θ_j, g_j, η_j) — the same
arithmetic as :meth:`~gdstudio.core.trainer.Trainer.rewind`, so every number is the
trainer's own, bit for bit.

The update rules (and the symbols in the text) follow the algorithms documented for
``torch.optim`` (SGD with momentum/dampening/Nesterov, Adagrad, RMSprop, Adam, AdamW);
see :mod:`gdstudio.core.optimizers`. Numbers are written with
:func:`~gdstudio.core.formatting.format_number`.

:func:`residuals` and :func:`gradient_shares` show where the gradient of a data problem
comes from: ∇L(θ) = (1/n) Σᵢ ∇ℓᵢ(θ), one row per data point.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any

import numpy as np

from gdstudio.core.formatting import format_number, superscript
from gdstudio.core.optimizers import Optimizer, make_optimizer
from gdstudio.core.problems import DataProblem, Problem
from gdstudio.core.stability import gd_stability_limit
from gdstudio.core.trainer import Trainer

__all__ = ["UpdateExplanation", "explain_update", "optimizer_state_at", "parameter_groups",
           "residuals", "gradient_shares", "MAX_SPELLED_PARAMS", "WORDS"]

#: up to this many parameters the equations are written out for each parameter
MAX_SPELLED_PARAMS = 4

#: The only English in :attr:`UpdateExplanation.rule` and ``equations`` (everything else
#: is symbols and numbers), longest first: a window in another language shows each
#: in its own (``gdstudio.gui.update_card``); tests/core/test_explain.py checks that
#: no other word appears.
WORDS: tuple[str, ...] = ("first update: v ← g", "decoupled weight decay", "effective step",
                          "first update", "look-ahead", "parameters", "decay")


@dataclass(frozen=True, eq=False)
class UpdateExplanation:
    """The numbers of update k → k+1 of one run (see :func:`explain_update`).

    Attributes:
        step: k, the update's index (it takes θ_k to θ_{k+1}).
        optimizer: the optimizer's registry name ("gd", "adam", ...); ``title`` its name.
        hyperparameters: the optimizer's hyperparameters (β, β₁, β₂, ε, ρ, λ, ...).
        param_names: one name per parameter, in θ order.
        theta: θ_k ``(p,)``.
        grad: g_k ``(p,)``, the gradient the update used: the mini-batch gradient for
            mini-batch variants, else the full gradient (weight decay not included).
        full_grad: the full-batch ∇L(θ_k) ``(p,)`` when a mini-batch was used, else None.
        batch_rows: the training-row indices of the mini-batch ``(B,)``, or None.
        learning_rate: η_k from the schedule.
        t: the optimizer's update count after this update (torch's ``state['step']``).
        state_before, state_after: ``optimizer.state_dict()`` before and after it (buffers
            are ``(p,)`` arrays, or None before their first use).
        quantities: the rule's derived numbers, by name (each ``(p,)`` unless noted):
            ``"g"`` the gradient with L2 weight decay folded in (all but AdamW);
            momentum/Nesterov ``"v"`` (velocity after); Nesterov ``"lookahead"``
            g + βv; AdaGrad ``"G"``, ``"lr"`` (η̃, float), ``"denom"`` √G + ε,
            ``"effective_lr"`` η̃/(√G + ε); RMSProp ``"v"``, ``"denom"`` √v + ε,
            ``"effective_lr"`` η/(√v + ε), with momentum ``"b"``; Adam/AdamW ``"m"``,
            ``"v"``, ``"m_hat"``, ``"v_hat"``, ``"bias_correction1"`` 1 − β₁ᵗ and
            ``"bias_correction2"`` 1 − β₂ᵗ (floats; 1 without bias correction),
            ``"denom"`` √v̂ + ε, ``"effective_lr"`` η/(√v̂ + ε), AdamW ``"decay"``
            1 − ηλ (float); Newton ``"hessian"`` ``(p, p)`` and ``"newton_step"`` H⁻¹g.
        theta_next: θ_{k+1} ``(p,)`` (the trainer's next θ, bit for bit).
        delta: Δθ = θ_{k+1} − θ_k ``(p,)``; θ_k + Δθ == θ_{k+1}.
        loss, loss_next: L(θ_k) and L(θ_{k+1}) on the full training set (loss_next may be
            inf or nan for an update that diverges).
        stability_limit: 2/λ_max of the Hessian at θ_k where it is known
            (:func:`~gdstudio.core.stability.gd_stability_limit`), else None.
        rule: the update rule in symbols, one line per equation.
        equations: the rule with the live numbers, by parameter name (p ≤
            :data:`MAX_SPELLED_PARAMS`) or by parameter group (``"W1"``, ``"b1"``, ...)
            with the norms of g and Δθ; each a tuple of lines. ``"all"`` holds lines
            about every parameter at once (Newton's Hessian, the step number).
        group_norms: ``{group: (‖g‖, ‖Δθ‖)}`` for :func:`parameter_groups`.
    """

    step: int
    optimizer: str
    title: str
    hyperparameters: dict[str, float]
    param_names: tuple[str, ...]
    theta: np.ndarray
    grad: np.ndarray
    full_grad: np.ndarray | None
    batch_rows: np.ndarray | None
    learning_rate: float
    t: int
    state_before: dict[str, Any]
    state_after: dict[str, Any]
    quantities: dict[str, Any]
    theta_next: np.ndarray
    delta: np.ndarray
    loss: float
    loss_next: float
    stability_limit: float | None
    rule: tuple[str, ...]
    equations: dict[str, tuple[str, ...]]
    group_norms: dict[str, tuple[float, float]]


# -- the state at step k ----------------------------------------------------------------
def _check_trainer(trainer: Trainer, k: int) -> None:
    if trainer.history.run_shape != ():
        raise ValueError("explanations are for single runs, not vectorised sweeps")
    if isinstance(k, bool) or not isinstance(k, int | np.integer):
        raise ValueError(f"the step must be a whole number, got {k!r}")
    if not 0 <= k <= trainer.step_count:
        raise ValueError(f"step {k} is outside 0 … {trainer.step_count}: it has not been "
                         "reached yet")


def _scratch(trainer: Trainer) -> Optimizer:
    opt = trainer.optimizer
    return make_optimizer(opt.name, **opt.hyperparameters)


def _lr(trainer: Trainer, j: int) -> Any:
    """η_j exactly as ``Trainer._advance`` takes it."""
    sched = trainer.schedule
    return sched.learning_rate if sched.is_constant else sched(j)


def _replay(trainer: Trainer, opt: Optimizer, start: int, stop: int) -> None:
    """Apply updates start … stop − 1 to ``opt`` from the history rows."""
    problem, history = trainer.problem, trainer.history
    with np.errstate(all="ignore"):
        for j in range(start, stop):
            theta, grad, _ = history.row(j)
            hessian = problem.hessian(theta) if opt.uses_hessian else None
            opt.step(theta, grad, _lr(trainer, j), hessian)


def optimizer_state_at(trainer: Trainer, k: int) -> dict[str, Any]:
    """The optimizer's state after k updates of ``trainer`` (its ``state_dict()`` then).

    Restores the nearest checkpoint ≤ k into a scratch optimizer and replays the
    updates from the history; the trainer is not changed.

    Raises:
        ValueError: ``k`` outside ``0 … trainer.step_count``, or a sweep trainer.
    """
    _check_trainer(trainer, k)
    opt = _scratch(trainer)
    c, state = trainer.checkpoint_before(k)
    opt.load_state_dict(state)
    _replay(trainer, opt, c, k)
    return opt.state_dict()


def explain_update(trainer: Trainer, k: int) -> UpdateExplanation:
    """Explain update k → k+1 of ``trainer`` with the numbers it used.

    ``k`` may be any step from 0 to ``trainer.step_count``; for ``k == step_count`` it is
    the update the trainer will make next (θ_{k+1} and L(θ_{k+1}) are then computed
    here, in exactly the trainer's way). The trainer itself is never changed: rewinding
    it past k and running on again gives an identical explanation.

    Returns:
        :class:`UpdateExplanation`.

    Raises:
        ValueError: ``k`` is outside ``0 … step_count`` (not reached yet), or the trainer
            is a vectorised :class:`~gdstudio.core.trainer.SweepTrainer`.
    """
    _check_trainer(trainer, k)
    k = int(k)
    problem = trainer.problem
    opt = _scratch(trainer)
    c, state = trainer.checkpoint_before(k)
    opt.load_state_dict(state)
    _replay(trainer, opt, c, k)
    before = opt.state_dict()
    theta, grad, loss = trainer.history.row(k)
    rows = trainer.batch_rows(k)
    rows = None if rows is None else rows.copy()
    lr = _lr(trainer, k)
    with np.errstate(all="ignore"):
        hessian = problem.hessian(theta) if opt.uses_hessian else None
        theta_next = theta.copy()
        opt.step(theta_next, grad, lr, hessian)
        after = opt.state_dict()
        if k < trainer.step_count:
            loss_next = trainer.history.row(k + 1)[2]
        else:
            loss_next = float(problem.loss(theta_next)) if np.all(np.isfinite(theta_next)) \
                else math.nan
        delta = theta_next - theta
        full = None if rows is None else problem.loss_and_grad(theta)[1]
        quantities = _quantities(opt, theta, grad, float(lr), before, after, hessian)
    names = tuple(problem.param_names)
    groups = parameter_groups(names)
    norms = {name: (float(np.linalg.norm(grad[idx])), float(np.linalg.norm(delta[idx])))
             for name, idx in groups.items()}
    rule = _RULES[opt.name](opt)
    if len(names) <= MAX_SPELLED_PARAMS:
        equations = _spelled(opt, names, theta, grad, float(lr), before, after, quantities,
                             theta_next)
    else:
        equations = _grouped(groups, theta, grad, delta, quantities, opt)
    return UpdateExplanation(
        step=k, optimizer=opt.name, title=opt.title, hyperparameters=dict(opt.hyperparameters),
        param_names=names, theta=theta, grad=grad, full_grad=full, batch_rows=rows,
        learning_rate=float(lr), t=int(after["t"]), state_before=before, state_after=after,
        quantities=quantities, theta_next=theta_next, delta=delta, loss=float(loss),
        loss_next=float(loss_next), stability_limit=gd_stability_limit(problem, theta),
        rule=rule, equations=equations, group_norms=norms)


# -- derived quantities -------------------------------------------------------------------
def _zeros_if_none(value: Any, like: np.ndarray) -> np.ndarray:
    return np.zeros_like(like) if value is None else np.asarray(value, dtype=float)


def _quantities(opt: Optimizer, theta: np.ndarray, grad: np.ndarray, lr: float,
                before: dict[str, Any], after: dict[str, Any],
                hessian: np.ndarray | None) -> dict[str, Any]:
    hp = opt.hyperparameters
    name = opt.name
    q: dict[str, Any] = {}
    wd = hp.get("weight_decay", 0.0)
    if name != "newton" and name != "adamw":
        q["g"] = grad + wd * theta if wd else grad.copy()
    if name in ("momentum", "nesterov"):
        q["v"] = after["momentum_buffer"].copy()
        if name == "nesterov":
            q["lookahead"] = q["g"] + hp["momentum"] * q["v"]
    elif name == "adagrad":
        q["G"] = after["sum"].copy()
        q["lr"] = lr / (1 + (after["t"] - 1) * hp["lr_decay"])
        denom = np.sqrt(q["G"])
        denom += hp["eps"]
        q["denom"] = denom
        q["effective_lr"] = q["lr"] / denom
    elif name == "rmsprop":
        q["v"] = after["square_avg"].copy()
        denom = np.sqrt(q["v"])
        denom += hp["eps"]
        q["denom"] = denom
        q["effective_lr"] = lr / denom
        if hp["momentum"] > 0:
            q["b"] = after["momentum_buffer"].copy()
    elif name in ("adam", "adamw"):
        t = after["t"]
        m, v = after["exp_avg"].copy(), after["exp_avg_sq"].copy()
        if name == "adamw":
            q["decay"] = 1 - lr * hp["weight_decay"]
        if hp["bias_correction"]:
            bc1, bc2 = 1.0 - hp["beta1"] ** t, 1.0 - hp["beta2"] ** t
        else:
            bc1 = bc2 = 1.0
        denom = np.sqrt(v)
        denom /= math.sqrt(bc2)  # √v̂, in torch's order: √v / √(1 − β₂ᵗ)
        denom += hp["eps"]
        q.update(m=m, v=v, m_hat=m / bc1, v_hat=v / bc2, bias_correction1=bc1,
                 bias_correction2=bc2, denom=denom, effective_lr=lr / denom)
    elif name == "newton":
        assert hessian is not None
        q["hessian"] = np.array(hessian, dtype=float)
        try:
            q["newton_step"] = np.linalg.solve(hessian, grad)
        except np.linalg.LinAlgError:
            q["newton_step"] = np.linalg.lstsq(hessian, grad, rcond=None)[0]
    return q


# -- text -------------------------------------------------------------------------------
def _f(value: Any) -> str:
    return format_number(float(value))


def _p(value: Any) -> str:
    """A number as a factor: parenthesised when negative, e.g. 0.9·(−0.3)."""
    text = _f(value)
    return f"({text})" if text.startswith("−") else text


def _sq(value: Any) -> str:
    return f"{_p(value)}²"


def _rule_gd(opt: Optimizer) -> tuple[str, ...]:
    return _grad_rule(opt) + ("θ ← θ − η·g",)


def _grad_rule(opt: Optimizer) -> tuple[str, ...]:
    if opt.hyperparameters.get("weight_decay") and opt.name != "adamw":
        return ("g = ∇L(θ) + λθ",)
    return ("g = ∇L(θ)",)


def _rule_momentum(opt: Optimizer) -> tuple[str, ...]:
    damp = opt.hyperparameters.get("dampening", 0.0)
    v = "v ← βv + (1 − τ)·g" if damp else "v ← βv + g"
    out = _grad_rule(opt) + (f"{v}   (first update: v ← g)",)
    if opt.name == "nesterov":
        return out + ("d = g + βv   (look-ahead)", "θ ← θ − η·d")
    return out + ("θ ← θ − η·v",)


def _rule_adagrad(opt: Optimizer) -> tuple[str, ...]:
    out = _grad_rule(opt) + ("G ← G + g²",)
    if opt.hyperparameters["lr_decay"]:
        out += ("η̃ = η / (1 + (t − 1)·decay)", "θ ← θ − η̃·g / (√G + ε)")
    else:
        out += ("θ ← θ − η·g / (√G + ε)",)
    return out


def _rule_rmsprop(opt: Optimizer) -> tuple[str, ...]:
    out = _grad_rule(opt) + ("v ← ρv + (1 − ρ)·g²",)
    if opt.hyperparameters["momentum"] > 0:
        return out + ("b ← μb + g / (√v + ε)", "θ ← θ − η·b")
    return out + ("θ ← θ − η·g / (√v + ε)",)


def _rule_adam(opt: Optimizer) -> tuple[str, ...]:
    hp = opt.hyperparameters
    out: tuple[str, ...] = ()
    if opt.name == "adamw":
        out = ("θ ← (1 − ηλ)·θ   (decoupled weight decay)",) if hp["weight_decay"] else ()
    out += _grad_rule(opt) + ("m ← β₁m + (1 − β₁)·g", "v ← β₂v + (1 − β₂)·g²")
    if hp["bias_correction"]:
        return out + ("m̂ = m / (1 − β₁ᵗ)", "v̂ = v / (1 − β₂ᵗ)", "θ ← θ − η·m̂ / (√v̂ + ε)")
    return out + ("θ ← θ − η·m / (√v + ε)",)


def _rule_newton(opt: Optimizer) -> tuple[str, ...]:
    return ("g = ∇L(θ), H = ∇²L(θ)", "θ ← θ − η·H⁻¹g")


_RULES = {"gd": _rule_gd, "momentum": _rule_momentum, "nesterov": _rule_momentum,
          "adagrad": _rule_adagrad, "rmsprop": _rule_rmsprop, "adam": _rule_adam,
          "adamw": _rule_adam, "newton": _rule_newton}


def _spelled(opt: Optimizer, names: tuple[str, ...], theta: np.ndarray, grad: np.ndarray,
             lr: float, before: dict[str, Any], after: dict[str, Any], q: dict[str, Any],
             theta_next: np.ndarray) -> dict[str, tuple[str, ...]]:
    """Each parameter's lines: the rule with its numbers substituted."""
    hp = opt.hyperparameters
    name = opt.name
    eta = _f(lr)
    wd = hp.get("weight_decay", 0.0)
    out: dict[str, tuple[str, ...]] = {}
    general: list[str] = [f"η = {eta}", f"t = {after['t']}"]
    if name == "newton":
        h = q["hessian"]
        rows = "; ".join(", ".join(_f(v) for v in row) for row in h)
        general.append(f"H = [{rows}]")
        general.append("H⁻¹g = (" + ", ".join(_f(v) for v in q["newton_step"]) + ")")
    out["all"] = tuple(general)
    theta_mid = theta * q["decay"] if "decay" in q else theta
    for i, n in enumerate(names):
        th, g, new = theta[i], grad[i], theta_next[i]
        lines: list[str] = []
        if name == "adamw" and "decay" in q and hp["weight_decay"]:
            lines.append(f"{n} ← (1 − ηλ)·{n} = {_f(q['decay'])}·{_p(th)} = {_f(theta_mid[i])}")
        if name == "newton":
            lines.append(f"g = ∂L/∂{n} = {_f(g)}")
        elif wd and name != "adamw":
            lines.append(f"g = ∂L/∂{n} + λ{n} = {_f(g)} + {_f(wd)}·{_p(th)} = {_f(q['g'][i])}")
        else:
            lines.append(f"g = ∂L/∂{n} = {_f(g)}")
        gi = q["g"][i] if "g" in q else g
        if name == "gd":
            lines.append(f"{n} ← {n} − η·g = {_f(th)} − {eta}·{_p(gi)} = {_f(new)}")
        elif name in ("momentum", "nesterov"):
            v0, v1 = before["momentum_buffer"], q["v"][i]
            damp = hp.get("dampening", 0.0)
            if v0 is None:
                lines.append(f"v ← g = {_f(v1)}   (first update)")
            elif damp:
                lines.append(f"v ← βv + (1 − τ)·g = {_f(hp['momentum'])}·{_p(v0[i])} + "
                             f"{_f(1 - damp)}·{_p(gi)} = {_f(v1)}")
            else:
                lines.append(f"v ← βv + g = {_f(hp['momentum'])}·{_p(v0[i])} + {_p(gi)} = "
                             f"{_f(v1)}")
            if name == "nesterov":
                d = q["lookahead"][i]
                lines.append(f"d = g + βv = {_f(gi)} + {_f(hp['momentum'])}·{_p(v1)} = {_f(d)}")
                lines.append(f"{n} ← {n} − η·d = {_f(th)} − {eta}·{_p(d)} = {_f(new)}")
            else:
                lines.append(f"{n} ← {n} − η·v = {_f(th)} − {eta}·{_p(v1)} = {_f(new)}")
        elif name == "adagrad":
            G0 = _zeros_if_none(before["sum"], theta)[i]
            lines.append(f"G ← G + g² = {_f(G0)} + {_sq(gi)} = {_f(q['G'][i])}")
            lr_text = eta
            if hp["lr_decay"]:
                lines.append(f"η̃ = η / (1 + (t − 1)·decay) = {_f(q['lr'])}")
                lr_text = _f(q["lr"])
            sym = "η̃" if hp["lr_decay"] else "η"
            lines.append(f"{n} ← {n} − {sym}·g / (√G + ε) = {_f(th)} − {lr_text}·{_p(gi)} / "
                         f"({_f(math.sqrt(q['G'][i]))} + {_f(hp['eps'])}) = {_f(new)}")
        elif name == "rmsprop":
            v0 = _zeros_if_none(before["square_avg"], theta)[i]
            rho = hp["rho"]
            lines.append(f"v ← ρv + (1 − ρ)·g² = {_f(rho)}·{_p(v0)} + {_f(1 - rho)}·{_sq(gi)}"
                         f" = {_f(q['v'][i])}")
            sqrt_v = _f(math.sqrt(q["v"][i]))
            if hp["momentum"] > 0:
                b0 = _zeros_if_none(before["momentum_buffer"], theta)[i]
                lines.append(f"b ← μb + g / (√v + ε) = {_f(hp['momentum'])}·{_p(b0)} + "
                             f"{_p(gi)} / ({sqrt_v} + {_f(hp['eps'])}) = {_f(q['b'][i])}")
                lines.append(f"{n} ← {n} − η·b = {_f(th)} − {eta}·{_p(q['b'][i])} = {_f(new)}")
            else:
                lines.append(f"{n} ← {n} − η·g / (√v + ε) = {_f(th)} − {eta}·{_p(gi)} / "
                             f"({sqrt_v} + {_f(hp['eps'])}) = {_f(new)}")
        elif name in ("adam", "adamw"):
            m0 = _zeros_if_none(before["exp_avg"], theta)[i]
            v0 = _zeros_if_none(before["exp_avg_sq"], theta)[i]
            b1, b2 = hp["beta1"], hp["beta2"]
            lines.append(f"m ← β₁m + (1 − β₁)·g = {_f(b1)}·{_p(m0)} + {_f(1 - b1)}·{_p(gi)}"
                         f" = {_f(q['m'][i])}")
            lines.append(f"v ← β₂v + (1 − β₂)·g² = {_f(b2)}·{_p(v0)} + {_f(1 - b2)}·"
                         f"{_sq(gi)} = {_f(q['v'][i])}")
            start = _f(theta_mid[i])
            if hp["bias_correction"]:
                t = superscript(after["t"])
                lines.append(f"m̂ = m / (1 − β₁{t}) = {_p(q['m'][i])} / "
                             f"{_f(q['bias_correction1'])} = {_f(q['m_hat'][i])}")
                lines.append(f"v̂ = v / (1 − β₂{t}) = {_f(q['v'][i])} / "
                             f"{_f(q['bias_correction2'])} = {_f(q['v_hat'][i])}")
                lines.append(f"{n} ← {n} − η·m̂ / (√v̂ + ε) = {start} − {eta}·"
                             f"{_p(q['m_hat'][i])} / ({_f(math.sqrt(q['v_hat'][i]))} + "
                             f"{_f(hp['eps'])}) = {_f(new)}")
            else:
                lines.append(f"{n} ← {n} − η·m / (√v + ε) = {start} − {eta}·{_p(q['m'][i])}"
                             f" / ({_f(math.sqrt(q['v'][i]))} + {_f(hp['eps'])}) = {_f(new)}")
            lines.append(f"effective step η / (√v̂ + ε) = {_f(q['effective_lr'][i])}")
        elif name == "newton":
            s = q["newton_step"][i]
            if len(names) == 1:
                lines.append(f"H = ∂²L/∂{n}² = {_f(q['hessian'][0, 0])}")
                lines.append(f"{n} ← {n} − η·g / H = {_f(th)} − {eta}·{_p(g)} / "
                             f"{_p(q['hessian'][0, 0])} = {_f(new)}")
            else:
                lines.append(f"{n} ← {n} − η·(H⁻¹g)_{n} = {_f(th)} − {eta}·{_p(s)} = {_f(new)}")
        lines.append(f"Δ{n} = {_f(new - th)}")
        out[n] = tuple(lines)
    return out


_GROUP = re.compile(r"^([A-Za-z]+\d*)\[")


def parameter_groups(names: tuple[str, ...] | list[str]) -> dict[str, list[int]]:
    """Group parameter indices for display, in θ order.

    MLP names ``"W1[0,3]"``, ``"b1[2]"`` group by matrix: ``"W1"``, ``"b1"``, ``"W2"``, …
    (one layer's weights, then its biases). With more than
    :data:`MAX_SPELLED_PARAMS` other parameters, the weights ``w…`` form ``"w"`` and
    the intercept ``"b"``; up to that many, each parameter is its own group.
    """
    names = tuple(names)
    groups: dict[str, list[int]] = {}
    many = len(names) > MAX_SPELLED_PARAMS
    for i, n in enumerate(names):
        m = _GROUP.match(n)
        if m:
            key = m.group(1)
        elif many and n.startswith("w"):
            key = "w"
        else:
            key = n
        groups.setdefault(key, []).append(i)
    return groups


def _grouped(groups: dict[str, list[int]], theta: np.ndarray, grad: np.ndarray,
             delta: np.ndarray, q: dict[str, Any], opt: Optimizer) -> dict[str, tuple[str, ...]]:
    """Per-group lines for a large model: sizes and norms of θ, g and Δθ."""
    out: dict[str, tuple[str, ...]] = {}
    for key, idx in groups.items():
        lines = [f"{len(idx)} parameters",
                 f"‖θ‖ = {_f(np.linalg.norm(theta[idx]))}",
                 f"‖g‖ = {_f(np.linalg.norm(grad[idx]))}",
                 f"‖Δθ‖ = {_f(np.linalg.norm(delta[idx]))}"]
        if "effective_lr" in q:
            eff = q["effective_lr"][idx]
            lines.append(f"effective step: {_f(eff.min())} … {_f(eff.max())}")
        out[key] = tuple(lines)
    return out


# -- each data point's share ------------------------------------------------------------
def _data_problem(problem: Problem) -> DataProblem:
    if not isinstance(problem, DataProblem):
        raise ValueError("residuals and gradient shares need a data problem (a model and "
                         "its data), not an analytic surface")
    return problem


def residuals(problem: Problem, theta: np.ndarray) -> np.ndarray:
    """The residuals ŷ − y ``(n,)`` of a regression model at θ ``(p,)`` on the training set.

    Raises:
        ValueError: not a data problem, a classification model, or θ of the wrong shape.
    """
    dp = _data_problem(problem)
    if dp.model.task != "regression":
        raise ValueError("residuals are for regression; a classifier outputs probabilities")
    out = dp.model.forward(np.asarray(theta, dtype=float), dp.X)[0]
    return out - dp.y


def gradient_shares(problem: Problem, theta: np.ndarray) -> np.ndarray:
    """Each training point's gradient ∇ℓᵢ(θ): ``(n, p)``, whose row mean is ∇L(θ).

    L(θ) = (1/n) Σᵢ ℓ(f(θ, xᵢ), yᵢ), so ∇L = (1/n) Σᵢ ∇ℓᵢ with ∇ℓᵢ = ℓ′(outᵢ)·∂outᵢ/∂θ
    (chain rule). For models linear in θ (linear, polynomial, logistic), ∂outᵢ/∂θ is
    row i of the design matrix Φ (features, then 1 for the intercept), e.g. MSE:
    ∇ℓᵢ = 2(ŷᵢ − yᵢ)·φ(xᵢ); MAE: sign(ŷᵢ − yᵢ)·φ(xᵢ); Huber: clip(ŷᵢ − yᵢ, ±δ)·φ(xᵢ).
    For an MLP each row is the backpropagation of one point.

    Raises:
        ValueError: not a data problem, or θ of the wrong shape.
    """
    dp = _data_problem(problem)
    theta = np.asarray(theta, dtype=float)
    model, X, y = dp.model, dp.X, dp.y
    out = model.forward(theta, X)[0]
    # per-point derivative ℓ′(outᵢ): the loss of one point is the mean over one sample
    d_point = dp.loss_fn.gradient(out[:, None], y[:, None])[:, 0]
    if model.name in ("linear", "polynomial", "logistic"):
        phi = model.forward_many(np.eye(model.n_params), X).T
        return d_point[:, None] * phi
    shares = np.empty((len(y), model.n_params))
    for i in range(len(y)):
        _, cache = model.forward(theta, X[i:i + 1])
        shares[i] = model.backward(theta, cache, d_point[i:i + 1])
    return shares
