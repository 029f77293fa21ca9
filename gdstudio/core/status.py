"""Typed statuses of a training run and the reasons a run stops.

Both are ``StrEnum`` s, so a status compares equal to its plain text (``Status.DIVERGED
== "diverged"``) and serialises as that text in CSV and JSON; no part of GD Studio
searches message prose for them.
"""

from __future__ import annotations

from enum import StrEnum

__all__ = ["Status", "StopReason", "STOPPED"]


class Status(StrEnum):
    """Where a run (or the set of runs) stands.

    READY: at step 0, nothing applied yet. RUNNING: updates applied, not stopped
    (a paused run is RUNNING in the core: pausing is the player's state, not the
    trainer's). FINISHED: a step or epoch limit ended it. CONVERGED: a tolerance
    (‖∇L‖ or |ΔL|) ended it. DIVERGED: the loss or gradient stopped being finite or
    exceeded the divergence threshold.
    """

    READY = "ready"
    RUNNING = "running"
    FINISHED = "finished"
    CONVERGED = "converged"
    DIVERGED = "diverged"


class StopReason(StrEnum):
    """Why a run stopped (NONE while it has not)."""

    NONE = ""
    MAX_STEPS = "max_steps"
    MAX_EPOCHS = "max_epochs"
    LOSS_TOL = "loss_tol"
    GRAD_TOL = "grad_tol"
    DIVERGED = "diverged"
    ALL_STOPPED = "all runs stopped"


#: The statuses of a run that will take no further step.
STOPPED = frozenset({Status.FINISHED, Status.CONVERGED, Status.DIVERGED})
