"""The names the window shows from the core, in the window's language.

The core speaks English only: loss, optimizer, surface and dataset titles, and the
registry keys of models, schedules, activations and synthetic datasets. Every such
name is listed here once with ``QT_TRANSLATE_NOOP("Names", …)`` (so ``lupdate`` puts it
in the catalogue) and shown through :func:`display_name`, which translates it *when it
is drawn* (the language changes live). Texts the core composes from names ("Adam,
η = 0.1") are composed here again from translated parts (:func:`run_name`,
:func:`problem_title`). ``tests/gui/test_i18n_controls.py`` checks that every name of
every core registry is listed, so a new core name cannot silently stay English.
"""

from __future__ import annotations

from gdstudio.core.losses import get_loss
from gdstudio.core.optimizers import make_optimizer
from gdstudio.core.scenario import Scenario
from gdstudio.core.session import describe_run
from gdstudio.gui.i18n import QT_TRANSLATE_NOOP, translate

__all__ = ["display_name", "CORE_TITLES", "MODEL_TITLES", "SCHEDULE_TITLES",
           "ACTIVATION_TITLES", "SYNTHETIC_TITLES", "BUNDLED_TITLES", "TASK_TITLES",
           "STATUS_TITLES", "RUN_SCHEDULE_WORDS", "status_title", "dataset_title",
           "model_title", "schedule_title", "activation_title", "optimizer_title",
           "loss_title", "run_name", "problem_title", "RUN_NAME_WORDS"]

#: Titles the core gives its objects (``.title`` of losses, optimizers and surfaces), in
#: English; shown with :func:`display_name`.
CORE_TITLES: tuple[str, ...] = (
    # losses
    QT_TRANSLATE_NOOP("Names", "Mean squared error (MSE)"),
    QT_TRANSLATE_NOOP("Names", "Mean absolute error (MAE)"),
    QT_TRANSLATE_NOOP("Names", "Huber"),
    QT_TRANSLATE_NOOP("Names", "Log-loss (binary cross-entropy)"),
    QT_TRANSLATE_NOOP("Names", "Hinge"),
    # optimizers
    QT_TRANSLATE_NOOP("Names", "Gradient descent"),
    QT_TRANSLATE_NOOP("Names", "Momentum"),
    QT_TRANSLATE_NOOP("Names", "Nesterov"),
    QT_TRANSLATE_NOOP("Names", "AdaGrad"),
    QT_TRANSLATE_NOOP("Names", "RMSProp"),
    QT_TRANSLATE_NOOP("Names", "Adam"),
    QT_TRANSLATE_NOOP("Names", "AdamW"),
    QT_TRANSLATE_NOOP("Names", "Newton's method"),
    QT_TRANSLATE_NOOP("Names", "SGD"),
    # surfaces
    QT_TRANSLATE_NOOP("Names", "Quadratic bowl"),
    QT_TRANSLATE_NOOP("Names", "Rosenbrock"),
    QT_TRANSLATE_NOOP("Names", "Beale"),
    QT_TRANSLATE_NOOP("Names", "Booth"),
    QT_TRANSLATE_NOOP("Names", "Himmelblau"),
    QT_TRANSLATE_NOOP("Names", "Rastrigin"),
    QT_TRANSLATE_NOOP("Names", "Saddle"),
    QT_TRANSLATE_NOOP("Names", "Six-hump camel"),
    QT_TRANSLATE_NOOP("Names", "Styblinski–Tang"),
    QT_TRANSLATE_NOOP("Names", "Parabola"),
    QT_TRANSLATE_NOOP("Names", "Double well"),
    QT_TRANSLATE_NOOP("Names", "Typed function"),
)

#: Registry keys the core has no title for → their English display title.
MODEL_TITLES: dict[str, str] = {
    "linear": QT_TRANSLATE_NOOP("Names", "Linear regression"),
    "polynomial": QT_TRANSLATE_NOOP("Names", "Polynomial regression"),
    "logistic": QT_TRANSLATE_NOOP("Names", "Logistic regression"),
    "mlp": QT_TRANSLATE_NOOP("Names", "Neural network (MLP)"),
}
SCHEDULE_TITLES: dict[str, str] = {
    "constant": QT_TRANSLATE_NOOP("Names", "Constant"),
    "step": QT_TRANSLATE_NOOP("Names", "Step decay"),
    "exponential": QT_TRANSLATE_NOOP("Names", "Exponential"),
    "inverse_time": QT_TRANSLATE_NOOP("Names", "Inverse time"),
    "cosine": QT_TRANSLATE_NOOP("Names", "Cosine annealing"),
    "warmup": QT_TRANSLATE_NOOP("Names", "Linear warm-up"),
}
#: Activation functions keep their mathematical names (tanh, ReLU, sigmoid = σ).
ACTIVATION_TITLES: dict[str, str] = {
    "tanh": QT_TRANSLATE_NOOP("Names", "tanh"),
    "relu": QT_TRANSLATE_NOOP("Names", "relu"),
    "sigmoid": QT_TRANSLATE_NOOP("Names", "sigmoid"),
}
#: Synthetic datasets: the key stays the identifier; this is what it draws.
SYNTHETIC_TITLES: dict[str, str] = {
    "linear": QT_TRANSLATE_NOOP("Names", "a noisy straight line"),
    "linear_outliers": QT_TRANSLATE_NOOP("Names", "a noisy line with outliers"),
    "sine": QT_TRANSLATE_NOOP("Names", "a noisy sine wave"),
    "blobs": QT_TRANSLATE_NOOP("Names", "two Gaussian blobs"),
    "circles": QT_TRANSLATE_NOOP("Names", "two circles, one inside the other"),
    "moons": QT_TRANSLATE_NOOP("Names", "two interleaving half moons"),
    "xor": QT_TRANSLATE_NOOP("Names", "exclusive or (XOR)"),
    "spiral": QT_TRANSLATE_NOOP("Names", "two interleaved spirals"),
}
#: Bundled datasets: registry key → the core's title of it.
BUNDLED_TITLES: dict[str, str] = {
    "penguins": QT_TRANSLATE_NOOP("Names", "Palmer penguins"),
    "penguins_species": QT_TRANSLATE_NOOP("Names", "Palmer penguins, Adelie vs Chinstrap"),
    "iris": QT_TRANSLATE_NOOP("Names", "Fisher's iris, versicolor vs virginica"),
    "anscombe1": QT_TRANSLATE_NOOP("Names", "Anscombe's quartet, data set I"),
    "anscombe2": QT_TRANSLATE_NOOP("Names", "Anscombe's quartet, data set II"),
    "anscombe3": QT_TRANSLATE_NOOP("Names", "Anscombe's quartet, data set III"),
    "anscombe4": QT_TRANSLATE_NOOP("Names", "Anscombe's quartet, data set IV"),
    "diabetes": QT_TRANSLATE_NOOP("Names", "Diabetes progression"),
    "cars": QT_TRANSLATE_NOOP("Names", "Cars (Auto MPG)"),
}
#: Schedules as run names say them ("Adam, η = 0.1, cosine schedule").
RUN_SCHEDULE_WORDS: dict[str, str] = {
    "constant": QT_TRANSLATE_NOOP("Names", "constant"),
    "step": QT_TRANSLATE_NOOP("Names", "step"),
    "exponential": QT_TRANSLATE_NOOP("Names", "exponential"),
    "inverse_time": QT_TRANSLATE_NOOP("Names", "inverse time"),
    "cosine": QT_TRANSLATE_NOOP("Names", "cosine"),
    "warmup": QT_TRANSLATE_NOOP("Names", "warmup"),
}
#: Dataset tasks (``Dataset.task``).
TASK_TITLES: dict[str, str] = {
    "regression": QT_TRANSLATE_NOOP("Names", "regression"),
    "classification": QT_TRANSLATE_NOOP("Names", "classification"),
}
#: Run statuses (:class:`gdstudio.core.status.Status`, and the player's "paused").
STATUS_TITLES: dict[str, str] = {
    "ready": QT_TRANSLATE_NOOP("Names", "ready"),
    "running": QT_TRANSLATE_NOOP("Names", "running"),
    "paused": QT_TRANSLATE_NOOP("Names", "paused"),
    "finished": QT_TRANSLATE_NOOP("Names", "finished"),
    "converged": QT_TRANSLATE_NOOP("Names", "converged"),
    "diverged": QT_TRANSLATE_NOOP("Names", "diverged"),
}


def display_name(text: str) -> str:
    """A core name (listed in this module) in the window's language."""
    return translate("Names", text)


def dataset_title(name: str) -> str:
    """What dataset ``name`` is ("Palmer penguins", "two interleaving half moons") in the
    window's language; "" for a CSV file."""
    title = BUNDLED_TITLES.get(name) or SYNTHETIC_TITLES.get(name)
    return display_name(title) if title else ""


def status_title(status: str) -> str:
    """A run status ("diverged") in the window's language."""
    return display_name(STATUS_TITLES.get(str(status), str(status)))


def model_title(name: str) -> str:
    """Model ``name``'s title ("Linear regression") in the window's language."""
    return display_name(MODEL_TITLES.get(name, name))


def schedule_title(name: str) -> str:
    """Schedule ``name``'s title ("Cosine annealing") in the window's language."""
    return display_name(SCHEDULE_TITLES.get(name, name))


def activation_title(name: str) -> str:
    """Activation ``name`` as the window shows it."""
    return display_name(ACTIVATION_TITLES.get(name, name))


def optimizer_title(name: str) -> str:
    """Optimizer ``name``'s title ("Adam", "Newton's method") in the window's language."""
    return display_name(make_optimizer(name).title)


def loss_title(name: str) -> str:
    """Loss ``name``'s title ("Mean squared error (MSE)") in the window's language."""
    return display_name(get_loss(name).title)


#: The words of a run's name (:func:`gdstudio.core.session.describe_run`), for lupdate.
RUN_NAME_WORDS: tuple[str, ...] = (
    QT_TRANSLATE_NOOP("Names", "η = {eta}"), QT_TRANSLATE_NOOP("Names", "β = {beta}"),
    QT_TRANSLATE_NOOP("Names", "batch {size}"),
    QT_TRANSLATE_NOOP("Names", "{schedule} schedule"), QT_TRANSLATE_NOOP("Names", ", "),
)


def run_name(sc: Scenario) -> str:
    """Legend name of a run in the window's language: the core's
    :func:`~gdstudio.core.session.describe_run` with this catalogue's words ("Adam, η =
    0.01"; "動量，η = 0.001，β = 0.9")."""
    return describe_run(sc, display_name)


def problem_title(sc: Scenario, surface_title: str | None = None,
                  dataset: str | None = None) -> str:
    """A title made from the problem, as :attr:`Session.display_title` makes it in
    English: the surface's title, or "model, loss, dataset"."""
    if surface_title is not None:
        return display_name(surface_title)
    model = {"mlp": translate("Names", "Neural network")}.get(sc.model) or model_title(sc.model)
    return translate("Names", "{model}, {loss}, {dataset}").format(
        model=model, loss=loss_title(sc.loss), dataset=dataset or sc.dataset)
