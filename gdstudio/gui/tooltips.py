"""The one-sentence help of every control (tooltips), in the field's terms.

The table holds the English source texts (``QT_TRANSLATE_NOOP``: listed in the
catalogue, not translated at import); :func:`tooltip` gives one in the window's
language, when it is shown (the language changes live).
"""

from __future__ import annotations

from gdstudio.gui.i18n import QT_TRANSLATE_NOOP, translate

__all__ = ["TOOLTIPS", "tooltip"]

TOOLTIPS: dict[str, str] = {
    "kind": QT_TRANSLATE_NOOP(
        "Tooltips", "Minimise an analytic two-parameter surface, or fit a model to a dataset "
        "by minimising its loss."),
    "surface": QT_TRANSLATE_NOOP(
        "Tooltips", "The test function f(x, y) whose minimum gradient descent looks for."),
    "condition": QT_TRANSLATE_NOOP(
        "Tooltips", "Condition number κ of the quadratic bowl: the ratio of its steepest to "
        "its flattest curvature (κ = 1 is a round bowl, large κ a narrow ravine)."),
    "dataset": QT_TRANSLATE_NOOP(
        "Tooltips", "The data the model is fitted to: synthetic sets, real bundled sets, or "
        "your own CSV file."),
    "columns": QT_TRANSLATE_NOOP(
        "Tooltips", "Choose which columns are the features x and which is the target y."),
    "n_samples": QT_TRANSLATE_NOOP(
        "Tooltips", "How many points the synthetic dataset generator draws."),
    "noise": QT_TRANSLATE_NOOP(
        "Tooltips", "How much random noise the synthetic dataset generator adds."),
    "test_fraction": QT_TRANSLATE_NOOP(
        "Tooltips", "Share of the data held out as a test set; its loss is drawn thin and "
        "dotted, so you can see over-fitting."),
    "standardize": QT_TRANSLATE_NOOP(
        "Tooltips", "Rescale each feature to mean 0 and standard deviation 1 before training "
        "(makes the loss landscape rounder and gradient descent faster)."),
    "model": QT_TRANSLATE_NOOP(
        "Tooltips", "The model whose parameters θ are trained: a line, a polynomial, logistic"
        " regression (a classifier) or a small neural network (MLP)."),
    "degree": QT_TRANSLATE_NOOP(
        "Tooltips", "Degree of the polynomial: the model uses x, x², …, xᵈ as features."),
    "hidden": QT_TRANSLATE_NOOP(
        "Tooltips", "Sizes of the MLP's hidden layers, e.g. 16, 16 for two layers of 16 "
        "units."),
    "activation": QT_TRANSLATE_NOOP(
        "Tooltips", "The non-linear function applied after each hidden layer of the MLP."),
    "loss": QT_TRANSLATE_NOOP(
        "Tooltips", "The loss function L measures how wrong the predictions are; training "
        "minimises its mean over the training data."),
    "huber_delta": QT_TRANSLATE_NOOP(
        "Tooltips", "Huber δ: residuals smaller than δ are squared (like MSE), larger ones "
        "count linearly (like MAE), which tames outliers."),
    "optimizer": QT_TRANSLATE_NOOP(
        "Tooltips", "The gradient-descent variant: how each step turns the gradient into an "
        "update of θ."),
    "learning_rate": QT_TRANSLATE_NOOP(
        "Tooltips", "Learning rate η: the step size multiplying the gradient. Too small is "
        "slow, too large oscillates or diverges."),
    "batch": QT_TRANSLATE_NOOP(
        "Tooltips", "How many training examples each gradient is computed on: all of them "
        "(batch GD), one (stochastic GD, SGD) or k (mini-batch GD)."),
    "batch_size": QT_TRANSLATE_NOOP(
        "Tooltips", "Mini-batch size k: the number of examples in each gradient estimate."),
    "epoch": QT_TRANSLATE_NOOP(
        "Tooltips", "An epoch is one pass over the training set; with mini-batches it takes "
        "several steps."),
    "momentum": QT_TRANSLATE_NOOP(
        "Tooltips", "Momentum β: the fraction of the previous velocity kept at each step, so "
        "updates build up speed along consistent directions."),
    "dampening": QT_TRANSLATE_NOOP(
        "Tooltips", "Dampening: scales down the new gradient added to the velocity (torch's "
        "dampening; 0 = none)."),
    "beta1": QT_TRANSLATE_NOOP(
        "Tooltips", "β₁: decay rate of Adam's running average of gradients (the first "
        "moment)."),
    "beta2": QT_TRANSLATE_NOOP(
        "Tooltips", "β₂: decay rate of Adam's running average of squared gradients (the "
        "second moment)."),
    "eps": QT_TRANSLATE_NOOP(
        "Tooltips", "ε: a small number added to the denominator so the division never blows "
        "up."),
    "rho": QT_TRANSLATE_NOOP(
        "Tooltips", "ρ: decay rate of RMSProp's running average of squared gradients."),
    "weight_decay": QT_TRANSLATE_NOOP(
        "Tooltips", "Weight decay λ: shrinks θ towards 0 at every step (L2 regularisation; "
        "AdamW decouples it from the gradient)."),
    "lr_decay": QT_TRANSLATE_NOOP(
        "Tooltips", "AdaGrad's learning-rate decay: η is divided by 1 + (t − 1)·decay."),
    "bias_correction": QT_TRANSLATE_NOOP(
        "Tooltips", "Adam's bias correction divides the running averages by (1 − βᵗ) so the "
        "first steps are not too small."),
    "schedule": QT_TRANSLATE_NOOP(
        "Tooltips", "Learning-rate schedule: how η changes from step to step (constant, step "
        "decay, exponential, cosine, warm-up, …)."),
    "step_size": QT_TRANSLATE_NOOP(
        "Tooltips", "Step decay: η is multiplied by γ every this many steps."),
    "gamma": QT_TRANSLATE_NOOP(
        "Tooltips", "γ: the factor η is multiplied by at each decay."),
    "decay_rate": QT_TRANSLATE_NOOP(
        "Tooltips", "Inverse-time decay rate: η_t = η₀ / (1 + rate · t / decay steps)."),
    "decay_steps": QT_TRANSLATE_NOOP(
        "Tooltips", "Inverse-time decay: the number of steps the decay rate refers to."),
    "t_max": QT_TRANSLATE_NOOP(
        "Tooltips", "Cosine annealing: the number of steps over which η falls to its minimum."),
    "eta_min": QT_TRANSLATE_NOOP(
        "Tooltips", "Cosine annealing: the smallest learning rate η_min."),
    "warmup_steps": QT_TRANSLATE_NOOP(
        "Tooltips", "Warm-up: the number of steps over which η rises to its full value."),
    "start_factor": QT_TRANSLATE_NOOP(
        "Tooltips", "Warm-up: the fraction of η used at the first step."),
    "init_mode": QT_TRANSLATE_NOOP(
        "Tooltips", "The start point θ₀: the problem's default (random for a network, set by "
        "the seed), or values you type — or click on the loss landscape."),
    "init": QT_TRANSLATE_NOOP(
        "Tooltips", "θ₀ as numbers separated by commas, one per parameter (click on the "
        "landscape to set them)."),
    "seed": QT_TRANSLATE_NOOP(
        "Tooltips", "Random seed: the same seed gives the same data, start point and mini-"
        "batch order, so runs are reproducible."),
    "max_steps": QT_TRANSLATE_NOOP(
        "Tooltips", "Stop after this many steps (updates of θ)."),
    "max_epochs": QT_TRANSLATE_NOOP(
        "Tooltips", "Stop after this many passes over the training set."),
    "loss_tol": QT_TRANSLATE_NOOP(
        "Tooltips", "Stop (converged) when the loss changes by less than this in one step."),
    "grad_tol": QT_TRANSLATE_NOOP(
        "Tooltips", "Stop (converged) when the gradient norm ‖∇L‖ falls below this."),
    "speed": QT_TRANSLATE_NOOP(
        "Tooltips", "Training speed in steps per second; far right: as fast as possible."),
    "runs": QT_TRANSLATE_NOOP(
        "Tooltips", "The runs trained side by side on the same problem, in lockstep. The "
        "selected run is the one the optimizer settings edit and the arrows show."),
    "add_run": QT_TRANSLATE_NOOP(
        "Tooltips", "Add a comparison run with a copy of the selected run's optimizer "
        "settings; then change its optimizer or learning rate (up to 8 runs)."),
    "remove_run": QT_TRANSLATE_NOOP(
        "Tooltips", "Remove the selected comparison run."),
    "expression": QT_TRANSLATE_NOOP(
        "Tooltips", "A function of x (and y) to minimise, typed with + − * / ** ( ) and sin, "
        "cos, exp, log, sqrt, abs, tanh …; its exact gradient is shown below."),
    "bias": QT_TRANSLATE_NOOP(
        "Tooltips", "With an intercept the line is ŷ = w·x + b (two parameters); without, ŷ ="
        " w·x through the origin: one parameter, its loss a curve with a slope."),
    "random_start": QT_TRANSLATE_NOOP(
        "Tooltips", "Draw a random start point θ₀ for the selected run (inside the surface's "
        "domain, or the model's own initialisation). The number is the seed: the same number "
        "gives the same start again."),
    "on_change": QT_TRANSLATE_NOOP(
        "Tooltips", "What a change of the selected run's optimizer settings does: start the "
        "run again from θ₀, or go on from where it is now with the new settings."),
}


def tooltip(key: str) -> str:
    """The tooltip of control ``key`` in the window's language."""
    return translate("Tooltips", TOOLTIPS[key])
