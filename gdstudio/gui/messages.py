"""The words for the training thread's typed statuses (status bar, banner).

The worker sends :class:`~gdstudio.gui.training_thread.PlayerStatus` values; this module
is the one place that turns them into sentences, with real numbers in the house number
format ("the loss reached 1.6·10¹⁵ at step 5"). Nothing searches these sentences.
"""

from __future__ import annotations

import math

from gdstudio.core.formatting import format_number
from gdstudio.core.status import Status, StopReason
from gdstudio.gui.batches import PlayerEvent, PlayerStatus, RunReport
from gdstudio.gui.i18n import translate

__all__ = ["stop_sentence", "status_line", "divergence_banner"]

_STATE_WORDS = {Status.READY: "Ready", Status.RUNNING: "Running", Status.FINISHED: "Finished",
                Status.CONVERGED: "Converged", Status.DIVERGED: "Diverged"}


def _what_happened(report: RunReport) -> str:
    """'the loss reached 1.6·10¹⁵' / 'the loss became infinite' / 'not a number'."""
    value = report.diverged_loss
    if value is None or math.isnan(value):
        return "the loss or its gradient stopped being a number"
    if math.isinf(value):
        return "the loss became infinite"
    return f"the loss reached {format_number(value)}"


def stop_sentence(report: RunReport, name: str) -> str:
    """One sentence on why a stopped run stopped ("Run 2 (Adam, η = 0.1) converged at
    step 80: ‖∇L‖ fell below 10⁻⁶")."""
    who = f"Run {report.index + 1} ({name})"
    s = report.stopping
    reason = report.stop_reason
    if report.status == Status.DIVERGED:
        return f"{who} diverged at step {report.diverged_at}: {_what_happened(report)}"
    if reason == StopReason.GRAD_TOL:
        return (f"{who} converged at step {report.step}: ‖∇L‖ fell below "
                f"{format_number(s.grad_tol)}")
    if reason == StopReason.LOSS_TOL:
        return (f"{who} converged at step {report.step}: the loss changed by less than "
                f"{format_number(s.loss_tol)} in one step")
    if reason == StopReason.MAX_EPOCHS:
        return f"{who} finished {format_number(s.max_epochs)} epochs at step {report.step}"
    if reason == StopReason.MAX_STEPS:
        return f"{who} reached the step limit ({s.max_steps} steps)"
    return f"{who} is at step {report.step}"


def status_line(status: PlayerStatus, names: list[str]) -> str:
    """The status bar's sentence for a :class:`PlayerStatus` (``names``: run legends)."""
    k = status.step
    if status.event == PlayerEvent.ERROR:
        return status.error
    if status.event == PlayerEvent.STEP_LIMIT:
        return (f"Paused at step {k}: no stopping criterion was met in "
                f"{k:,} steps; set a step limit or a tolerance")
    if status.playing:
        if status.to_stop:
            text = f"Running until every run stops (step {k})"
        elif math.isinf(status.speed):
            text = f"Running as fast as possible (step {k})"
        else:
            text = f"Running at {status.speed:g} steps per second (step {k})"
    elif status.status == Status.READY:
        text = "Ready: press Play (Space), Step (→) or Run to stop (Ctrl+Enter)"
    elif status.status == Status.RUNNING:
        text = f"Paused at step {k}"
    else:
        text = f"{_STATE_WORDS[status.status]} at step {k}"
    stopped = [r for r in status.runs if r.status in (Status.FINISHED, Status.CONVERGED,
                                                        Status.DIVERGED)]
    if stopped and not status.playing:
        text += " — " + "; ".join(stop_sentence(r, names[r.index] if r.index < len(names)
                                                else "") for r in stopped)
    return text


def divergence_banner(report: RunReport, name: str, suggested: float) -> tuple[str, str]:
    """(title, text) of the banner for a diverged run: which run, what happened, what to
    try — nothing about the other runs (their state is in the status bar's
    :func:`status_line`)."""
    # one literal for pyside6-lupdate
    text = translate("Messages", "Run {run} ({name}) diverged at step {step}: {what}. Try η = {eta} or press Reset (R).").format(  # noqa: E501
        run=report.index + 1, name=name, step=report.diverged_at,
        what=_what_happened(report), eta=format_number(suggested))
    return translate("Messages", "Diverged."), text
