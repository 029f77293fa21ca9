"""Real datasets shipped under ``resources/datasets/`` (nothing is downloaded)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from gdstudio.core.datasets.base import CLASSIFICATION, Dataset
from gdstudio.core.datasets.csv_import import _as_names, _build, _parse, read_csv_columns
from gdstudio.core.registry import lookup
from gdstudio.paths import get_resource_path

__all__ = ["BUNDLED_DATASETS", "bundled_columns", "load_bundled"]

@dataclass(frozen=True)
class _Bundled:
    file: str
    x: tuple[str, ...]
    y: str
    title: str
    description: str
    source: str
    licence: str
    row_filter: tuple[str, tuple[str, ...]] | None = None
    class_order: tuple[str, ...] | None = None


_PENGUINS_SOURCE = (
    "Gorman KB, Williams TD, Fraser WR (2014). Ecological sexual dimorphism and "
    "environmental variability within a community of Antarctic penguins (genus "
    "Pygoscelis). PLoS ONE 9(3): e90081. Palmer Station LTER; via the palmerpenguins "
    "package (Horst, Hill & Gorman)."
)
_PENGUINS_LICENCE = "CC0 1.0 (public domain dedication)"
_IRIS_SOURCE = (
    "Fisher RA (1936). The use of multiple measurements in taxonomic problems. Annals "
    "of Eugenics 7(2): 179-188 (measurements by E. Anderson); copy from scikit-learn's "
    "sklearn/datasets/data/iris.csv (UCI Machine Learning Repository, Iris)."
)
_IRIS_LICENCE = "CC BY 4.0 (UCI Machine Learning Repository); see iris.LICENSE.txt"
_ANSCOMBE_SOURCE = (
    "Anscombe FJ (1973). Graphs in statistical analysis. The American Statistician "
    "27(1): 17-21, Table 1."
)
_ANSCOMBE_LICENCE = "public domain (published facts: 44 numbers)"


def _anscombe(roman: str, shape: str) -> _Bundled:
    return _Bundled(
        file="anscombe.csv",
        x=("x",),
        y="y",
        title=f"Anscombe's quartet, data set {roman}",
        description=(
            f"Anscombe's quartet, data set {roman} (11 points): {shape} All four sets have "
            "the same means, variances, correlation and least-squares line y = 3 + 0.5x."
        ),
        source=_ANSCOMBE_SOURCE,
        licence=_ANSCOMBE_LICENCE,
        row_filter=("dataset", (roman,)),
    )


_BUNDLED: dict[str, _Bundled] = {
    "penguins": _Bundled(
        file="penguins.csv",
        x=("flipper_length_mm",),
        y="body_mass_g",
        title="Palmer penguins",
        description=(
            "Body mass (g) of 342 penguins from the Palmer Archipelago, Antarctica, "
            "against flipper length (mm): a clean, nearly linear regression."
        ),
        source=_PENGUINS_SOURCE,
        licence=_PENGUINS_LICENCE,
    ),
    "penguins_species": _Bundled(
        file="penguins.csv",
        x=("bill_length_mm", "bill_depth_mm"),
        y="species",
        title="Palmer penguins, Adelie vs Chinstrap",
        description=(
            "Is a penguin an Adelie (class 0) or a Chinstrap (class 1)? Bill length and "
            "depth (mm) of 219 birds; the two species overlap a little, so no line "
            "separates them perfectly."
        ),
        source=_PENGUINS_SOURCE,
        licence=_PENGUINS_LICENCE,
        row_filter=("species", ("Adelie", "Chinstrap")),
        class_order=("Adelie", "Chinstrap"),
    ),
    "iris": _Bundled(
        file="iris.csv",
        x=("petal_length_cm", "petal_width_cm"),
        y="species",
        title="Fisher's iris, versicolor vs virginica",
        description=(
            "Is an iris flower a versicolor (class 0) or a virginica (class 1)? Petal "
            "length and width (cm) of 100 flowers; the classes overlap slightly, a good "
            "case for logistic regression."
        ),
        source=_IRIS_SOURCE,
        licence=_IRIS_LICENCE,
        row_filter=("species", ("versicolor", "virginica")),
        class_order=("versicolor", "virginica"),
    ),
    "anscombe1": _anscombe("I", "a noisy straight line."),
    "anscombe2": _anscombe("II", "a smooth curve, not a line."),
    "anscombe3": _anscombe("III", "a perfect line with one outlier."),
    "anscombe4": _anscombe("IV", "x = 8 everywhere but one point, which decides the fit."),
    "diabetes": _Bundled(
        file="diabetes.csv",
        x=("bmi",),
        y="progression",
        title="Diabetes progression",
        description=(
            "Disease progression one year after baseline (a score) of 442 diabetes "
            "patients against body-mass index (kg/m^2); nine more baseline measurements "
            "can be added as features."
        ),
        source=(
            "Efron B, Hastie T, Johnstone I, Tibshirani R (2004). Least angle regression. "
            "Annals of Statistics 32(2): 407-499; raw (unscaled) data as shipped with "
            "scikit-learn (sklearn/datasets/data/diabetes_*.csv.gz)."
        ),
        licence="BSD-3-Clause (as distributed with scikit-learn); see diabetes.LICENSE.txt",
    ),
    "cars": _Bundled(
        file="cars.csv",
        x=("horsepower",),
        y="mpg",
        title="Cars (Auto MPG)",
        description=(
            "Fuel economy (miles per US gallon) of 392 car models from 1970-1982 against "
            "engine horsepower: a curved relation, good for polynomial features."
        ),
        source=(
            "Donoho D, Ramos E (1982). PRIMDATA: data sets for use with PRIM-H; StatLib, "
            "Carnegie Mellon University (the 'Auto MPG' data); via the vega_datasets "
            "package (cars.json)."
        ),
        licence="CC BY 4.0 (UCI Machine Learning Repository, Auto MPG); see cars.LICENSE.txt",
    ),
}

BUNDLED_DATASETS: tuple[str, ...] = tuple(_BUNDLED)


def _bundled_spec(name: str) -> _Bundled:
    return lookup("bundled dataset", _BUNDLED, name)


def bundled_columns(name: str) -> list[str]:
    """All column names of a bundled dataset's CSV file (for choosing ``x``/``y``).

    Raises:
        ValueError: unknown name (the message lists the valid ones).
        DatasetError: the bundled file is missing or damaged (a broken installation).
    """
    return read_csv_columns(get_resource_path("datasets", _bundled_spec(name).file))


def load_bundled(name: str, x: str | Sequence[str] | None = None, y: str | None = None,
                 task: str | None = None) -> Dataset:
    """Load a real dataset shipped with GD Studio (see :data:`BUNDLED_DATASETS`).

    Defaults (units in the column names; sources and licences in ``source``/``licence``
    and ``resources/datasets/README.md``):

    ==================  ====================================  ============  ==============  =====
    name                features x                            target y      task            n
    ==================  ====================================  ============  ==============  =====
    penguins            flipper_length_mm                     body_mass_g   regression      342
    penguins_species    bill_length_mm, bill_depth_mm         species       Adelie(0) vs    219
                                                                            Chinstrap(1)
    iris                petal_length_cm, petal_width_cm       species       versicolor(0)   100
                                                                            vs virginica(1)
    anscombe1..4        x                                     y             regression      11
    diabetes            bmi                                   progression   regression      442
    cars                horsepower                            mpg           regression      392
    ==================  ====================================  ============  ==============  =====

    Rows missing a value in a chosen column are dropped (``dropped_rows``). The two
    species tasks keep only rows of their two species; the Anscombe sets keep only
    their own 11 rows.

    Args:
        name: one of :data:`BUNDLED_DATASETS`.
        x: feature column names to use instead of the defaults (see
            :func:`bundled_columns`).
        y: target column to use instead of the default. Choosing a different target
            detects the task as :func:`load_csv` does (two distinct values ->
            classification), e.g. ``load_bundled("penguins", y="sex")``.
        task: None (detect) or "regression"/"classification" for an overridden target.

    Returns:
        Dataset with ``X: (n, len(x))`` and ``y: (n,)``.

    Raises:
        ValueError: unknown name (the message lists the valid ones).
        DatasetError: an override names a column that does not exist or does not suit
            (non-numeric feature, unsuitable target), or the bundled file is missing or
            damaged (a broken installation).
    """
    spec = _bundled_spec(name)
    x_names = _as_names(x)
    features = tuple(x_names) if x_names is not None else spec.x
    target = spec.y if y is None else str(y)
    default_target = target.lower() == spec.y.lower()
    overridden = features != spec.x or not default_target
    table = _parse(get_resource_path("datasets", spec.file))
    dataset = _build(
        table,
        features,
        target,
        CLASSIFICATION if (default_target and spec.class_order) else task,
        name=name,
        description=None if overridden else spec.description,
        source=spec.source,
        licence=spec.licence,
        row_filter=spec.row_filter,
        class_order=spec.class_order if default_target else None,
    )
    if overridden:
        dataset = replace(
            dataset,
            description=(
                f"{spec.title}: {', '.join(dataset.feature_names)} -> {dataset.target_name} "
                f"({dataset.task}, {dataset.n_samples} rows)."
            ),
        )
    return dataset
