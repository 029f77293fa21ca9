"""The words for typed statuses and errors (status bar, banner, error messages).

The worker sends :class:`~gdstudio.gui.training_thread.PlayerStatus` values; this module
is the one place that turns them into sentences, with real numbers in the house number
format ("the loss reached 1.6·10¹⁵ at step 5"). Nothing searches these sentences.

The core's errors carry English sentences and, where a student meets them often, a
typed reason: an :class:`~gdstudio.core.expressions.ExpressionError` (a function typed
in the settings pane) has a ``code`` and its ``params``. :func:`error_text` writes such
an error from its code in the window's language; other errors keep their English
sentence (the validation of scenario and lesson files, which teachers write, is English
only). Every code of :data:`gdstudio.core.expressions.MESSAGES` is listed here with
``QT_TRANSLATE_NOOP`` (``tests/gui/test_i18n.py`` checks that none is missing and that
the English is the core's).
"""

from __future__ import annotations

import math

from gdstudio.core.expressions import ExpressionError
from gdstudio.core.formatting import format_number
from gdstudio.core.scenario import ScenarioError
from gdstudio.core.status import Status, StopReason
from gdstudio.gui.batches import PlayerEvent, PlayerStatus, RunReport
from gdstudio.gui.i18n import QT_TRANSLATE_NOOP, translate

__all__ = ["stop_sentence", "status_line", "divergence_banner", "error_text",
           "EXPRESSION_MESSAGES", "EXPRESSION_WHERE"]

def _state_word(status: Status) -> str:
    return {Status.READY: translate("Messages", "Ready"),
            Status.RUNNING: translate("Messages", "Running"),
            Status.FINISHED: translate("Messages", "Finished"),
            Status.CONVERGED: translate("Messages", "Converged"),
            Status.DIVERGED: translate("Messages", "Diverged")}[status]


def _what_happened(report: RunReport) -> str:
    """'the loss reached 1.6·10¹⁵' / 'the loss became infinite' / 'not a number'."""
    value = report.diverged_loss
    if value is None or math.isnan(value):
        return translate("Messages", "the loss or its gradient stopped being a number")
    if math.isinf(value):
        return translate("Messages", "the loss became infinite")
    return translate("Messages", "the loss reached {value}").format(value=format_number(value))


def stop_sentence(report: RunReport, name: str) -> str:
    """One sentence on why a stopped run stopped ("Run 2 (Adam, η = 0.1) converged at
    step 80: ‖∇L‖ fell below 10⁻⁶")."""
    who = translate("Messages", "Run {run} ({name})").format(run=report.index + 1, name=name)
    s = report.stopping
    reason = report.stop_reason
    step = report.step
    if report.status == Status.DIVERGED:
        return translate("Messages", "{who} diverged at step {step}: {what}").format(
            who=who, step=report.diverged_at, what=_what_happened(report))
    if reason == StopReason.GRAD_TOL:
        return translate("Messages", "{who} converged at step {step}: ‖∇L‖ fell below "
                                     "{tol}").format(who=who, step=step,
                                                      tol=format_number(s.grad_tol))
    if reason == StopReason.LOSS_TOL:
        return translate("Messages", "{who} converged at step {step}: the loss changed by "
                                     "less than {tol} in one step").format(
            who=who, step=step, tol=format_number(s.loss_tol))
    if reason == StopReason.MAX_EPOCHS:
        return translate("Messages", "{who} finished {epochs} epochs at step {step}").format(
            who=who, epochs=format_number(s.max_epochs), step=step)
    if reason == StopReason.MAX_STEPS:
        return translate("Messages", "{who} reached the step limit ({limit} steps)").format(
            who=who, limit=s.max_steps)
    return translate("Messages", "{who} is at step {step}").format(who=who, step=step)


def status_line(status: PlayerStatus, names: list[str]) -> str:
    """The status bar's sentence for a :class:`PlayerStatus` (``names``: run legends)."""
    k = status.step
    if status.event == PlayerEvent.ERROR:
        return status.error
    if status.event == PlayerEvent.STEP_LIMIT:
        return translate("Messages", "Paused at step {step}: no stopping criterion was met in "
                                     "{steps} steps; set a step limit or a tolerance").format(
            step=k, steps=f"{k:,}")
    if status.playing:
        if status.to_stop:
            text = translate("Messages", "Running until every run stops (step {step})")
        elif math.isinf(status.speed):
            text = translate("Messages", "Running as fast as possible (step {step})")
        else:
            text = translate("Messages", "Running at {speed} steps per second (step {step})")
        text = text.format(step=k, speed=f"{status.speed:g}")
    elif status.status == Status.READY:
        text = translate("Messages", "Ready: press Play (Space), Step (→) or Run to stop "
                                     "(Ctrl+Enter)")
    elif status.status == Status.RUNNING:
        text = translate("Messages", "Paused at step {step}").format(step=k)
    else:
        text = translate("Messages", "{state} at step {step}").format(
            state=_state_word(status.status), step=k)
    stopped = [r for r in status.runs if r.status in (Status.FINISHED, Status.CONVERGED,
                                                        Status.DIVERGED)]
    if stopped and not status.playing:
        text += " — " + "; ".join(stop_sentence(r, names[r.index] if r.index < len(names)
                                                else "") for r in stopped)
    return text


def divergence_banner(report: RunReport, name: str, suggested: float) -> tuple[str, str]:
    """(title, text) of the banner for a diverged run: which run, what happened and what
    to try — short; the other runs' status is in the status bar."""
    text = translate("Messages", "Run {run} ({name}) diverged at step {step}: {what}. Try "
                                 "η = {eta} or press Reset (R).").format(
        run=report.index + 1, name=name, step=report.diverged_at, what=_what_happened(report),
        eta=format_number(suggested))
    return translate("Messages", "Diverged."), text


#: The core's expression errors by code (English, as gdstudio.core.expressions.MESSAGES).
EXPRESSION_MESSAGES: dict[str, str] = {
    "not_text": QT_TRANSLATE_NOOP("Expression", "the expression must be text"),
    "too_long": QT_TRANSLATE_NOOP(
        "Expression", "the expression is longer than {limit} characters ({length})"),
    "non_ascii": QT_TRANSLATE_NOOP(
        "Expression", "the character {codepoint} is not allowed (only ASCII letters, digits, "
        "+ - * / ^ ( ) and the minus sign −)"),
    "number_too_long": QT_TRANSLATE_NOOP("Expression", "a number is too long"),
    "number_too_large": QT_TRANSLATE_NOOP("Expression", "a number is too large"),
    "unknown_name": QT_TRANSLATE_NOOP(
        "Expression", "unknown name; the variables are x and y, the constants pi and e, the "
        "functions {functions}"),
    "too_many_parentheses": QT_TRANSLATE_NOOP(
        "Expression", "more than {limit} levels of parentheses"),
    "bad_character": QT_TRANSLATE_NOOP(
        "Expression", "this character is not allowed (only letters, digits, + - * / ^ ** "
        "and parentheses)"),
    "nested_too_deep": QT_TRANSLATE_NOOP(
        "Expression", "the expression is nested more than {limit} levels deep"),
    "empty": QT_TRANSLATE_NOOP("Expression", "the expression is empty"),
    "unopened_parenthesis": QT_TRANSLATE_NOOP(
        "Expression", "a closing parenthesis without an opening one"),
    "operator_expected": QT_TRANSLATE_NOOP(
        "Expression", "expected an operator (+ - * / **) here; write 2*x, not 2x or x y"),
    "exponent_too_large": QT_TRANSLATE_NOOP(
        "Expression", "a constant exponent must be a number from −{limit} to {limit}"),
    "unclosed_parenthesis": QT_TRANSLATE_NOOP("Expression", "expected a closing parenthesis ')'"),
    "function_needs_parentheses": QT_TRANSLATE_NOOP(
        "Expression", "the function {function} needs parentheses: {function}(x)"),
    "ends_too_early": QT_TRANSLATE_NOOP(
        "Expression", "the expression ends too early: a value is missing"),
    "value_missing_before_parenthesis": QT_TRANSLATE_NOOP(
        "Expression", "a value is missing before ')'"),
    "value_expected": QT_TRANSLATE_NOOP(
        "Expression", "a value (a number, x, y, a function or '(') is expected here"),
    "too_complex": QT_TRANSLATE_NOOP(
        "Expression", "the expression is too complex: its derivatives have more than {limit} "
        "terms"),
}

#: Where the error is (as WHERE_POSITION, WHERE_TOKEN, WHERE_END of the core).
EXPRESSION_WHERE = (
    QT_TRANSLATE_NOOP("Expression", " at position {position}"),
    QT_TRANSLATE_NOOP("Expression", " at position {position} ({token})"),
    QT_TRANSLATE_NOOP("Expression", " at the end of the expression"),
)


def _expression_text(exc: ExpressionError) -> str:
    template = EXPRESSION_MESSAGES.get(exc.code)
    if template is None:  # pragma: no cover - a code the test would have caught
        return str(exc)
    at_position, at_token, at_end = (translate("Expression", w) for w in EXPRESSION_WHERE)
    return (translate("Expression", template).format(**exc.params)
            + exc.where(at_position, at_token, at_end))


def error_text(exc: BaseException) -> str:
    """The message of ``exc`` for the window, in its language where the error is typed
    (an expression error, alone or behind a :class:`ScenarioError`); else ``str(exc)``."""
    if isinstance(exc, ExpressionError):
        return _expression_text(exc)
    if isinstance(exc, ScenarioError) and isinstance(exc.detail, ExpressionError):
        return translate("Expression", "Function f(x, y): {message}").format(
            message=_expression_text(exc.detail))
    return str(exc)
