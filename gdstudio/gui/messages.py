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
