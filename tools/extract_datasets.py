"""Re-create the CSV files in ``resources/datasets/`` from the packages that ship them.

This is a one-off developer tool; GD Studio itself never runs it and does not depend on
the packages it reads. Install them somewhere temporary, without their dependencies
(nothing is imported from them, their files are only read), and point ``PYTHONPATH``
there::

    pip install --no-deps --target /tmp/dsx palmerpenguins scikit-learn vega_datasets
    PYTHONPATH=/tmp/dsx python tools/extract_datasets.py

Files written (see ``resources/datasets/README.md`` for sources and licences):

* ``penguins.csv``  -- verbatim copy of ``palmerpenguins/data/penguins.csv`` (CC0)
* ``iris.csv``      -- ``sklearn/datasets/data/iris.csv`` with named columns and species
* ``diabetes.csv``  -- ``sklearn/datasets/data/diabetes_data_raw.csv.gz`` + target
* ``cars.csv``      -- ``vega_datasets/_data/cars.json`` as CSV, missing values as NA
* ``anscombe.csv``  -- the 44 numbers published by Anscombe (1973), typed in here and
  checked against ``vega_datasets/_data/anscombe.json`` when that file is available
"""

from __future__ import annotations

import csv
import gzip
import importlib.util
import io
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from gdstudio.paths import get_resource_path  # noqa: E402

OUT = get_resource_path("datasets")

# Anscombe, F. J. (1973). "Graphs in Statistical Analysis". The American Statistician
# 27 (1): 17-21. Table 1. x is shared by data sets I-III.
ANSCOMBE_X123 = [10, 8, 13, 9, 11, 14, 6, 4, 12, 7, 5]
ANSCOMBE = {
    "I": (ANSCOMBE_X123, [8.04, 6.95, 7.58, 8.81, 8.33, 9.96, 7.24, 4.26, 10.84, 4.82, 5.68]),
    "II": (ANSCOMBE_X123, [9.14, 8.14, 8.74, 8.77, 9.26, 8.10, 6.13, 3.10, 9.13, 7.26, 4.74]),
    "III": (ANSCOMBE_X123, [7.46, 6.77, 12.74, 7.11, 7.81, 8.84, 6.08, 5.39, 8.15, 6.42, 5.73]),
    "IV": (
        [8, 8, 8, 8, 8, 8, 8, 19, 8, 8, 8],
        [6.58, 5.76, 7.71, 8.84, 8.47, 7.04, 5.25, 12.50, 5.56, 7.91, 6.89],
    ),
}

IRIS_COLUMNS = ["sepal_length_cm", "sepal_width_cm", "petal_length_cm", "petal_width_cm"]
DIABETES_COLUMNS = [
    "age", "sex", "bmi", "bp", "s1_tc", "s2_ldl", "s3_hdl", "s4_tch", "s5_ltg", "s6_glu",
]  # fmt: skip
CARS_FIELDS = [
    ("Name", "name"),
    ("Miles_per_Gallon", "mpg"),
    ("Cylinders", "cylinders"),
    ("Displacement", "displacement_cu_in"),
    ("Horsepower", "horsepower"),
    ("Weight_in_lbs", "weight_lbs"),
    ("Acceleration", "acceleration_s"),
    ("Year", "year"),
    ("Origin", "origin"),
]


def package_dir(name: str) -> Path:
    """Folder of an installed package, found without importing it."""
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit(
            f"package {name!r} not found; see this script's docstring for how to install it"
        )
    return Path(next(iter(spec.submodule_search_locations)))


def write_csv(name: str, header: list[str], rows: list[list[object]]) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    path = OUT / name
    path.write_text(buffer.getvalue(), encoding="utf-8", newline="")
    print(f"wrote {path} ({len(rows)} rows, {path.stat().st_size} bytes)")


def number_text(value: float) -> str:
    """Shortest text for a number: 3.0 -> '3', 0.25 -> '0.25'."""
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def extract_penguins() -> None:
    source = package_dir("palmerpenguins") / "data" / "penguins.csv"
    (OUT / "penguins.csv").write_bytes(source.read_bytes())
    print(f"copied {source}")


def extract_iris() -> None:
    source = package_dir("sklearn") / "datasets" / "data" / "iris.csv"
    with source.open(encoding="utf-8", newline="") as f:
        reader = csv.reader(f)
        first = next(reader)  # "150,4,setosa,versicolor,virginica"
        species = first[2:]
        rows = [[*r[:4], species[int(r[4])]] for r in reader if r]
    assert len(rows) == 150, len(rows)
    write_csv("iris.csv", [*IRIS_COLUMNS, "species"], rows)


def extract_diabetes() -> None:
    data_dir = package_dir("sklearn") / "datasets" / "data"
    with gzip.open(data_dir / "diabetes_data_raw.csv.gz", "rt", encoding="utf-8") as f:
        features = [line.split() for line in f if line.strip()]
    with gzip.open(data_dir / "diabetes_target.csv.gz", "rt", encoding="utf-8") as f:
        target = [float(line) for line in f if line.strip()]
    assert len(features) == len(target) == 442
    rows = [[*(number_text(float(v)) for v in r), number_text(t)] for r, t in zip(features, target)]
    write_csv("diabetes.csv", [*DIABETES_COLUMNS, "progression"], rows)


def extract_cars() -> None:
    source = package_dir("vega_datasets") / "_data" / "cars.json"
    records = json.loads(source.read_text(encoding="utf-8"))
    rows = []
    for record in records:
        row: list[object] = []
        for key, _ in CARS_FIELDS:
            value = record[key]
            if value is None:
                row.append("NA")
            elif key == "Year":
                row.append(value[:4])  # "1970-01-01" -> "1970": model year
            elif isinstance(value, float):
                row.append(number_text(value))
            else:
                row.append(value)
        rows.append(row)
    write_csv("cars.csv", [new for _, new in CARS_FIELDS], rows)


def extract_anscombe() -> None:
    rows = [[s, x, f"{y:.2f}"] for s, (xs, ys) in ANSCOMBE.items() for x, y in zip(xs, ys)]
    assert len(rows) == 44
    try:
        vega = package_dir("vega_datasets") / "_data" / "anscombe.json"
        records = json.loads(vega.read_text(encoding="utf-8"))
        published = {(r["Series"], float(r["X"]), float(r["Y"])) for r in records}
        typed = {(s, float(x), float(y)) for s, x, y in rows}
        # vega's copy has one known typo: set I at x = 7 reads 4.81 where Anscombe's
        # table (and R's datasets::anscombe) read 4.82. Every other number must agree.
        assert published ^ typed == {("I", 7.0, 4.81), ("I", 7.0, 4.82)}, published ^ typed
        print("anscombe: typed numbers match vega_datasets/anscombe.json (bar its 4.81 typo)")
    except SystemExit:
        print("anscombe: vega_datasets not installed, numbers not cross-checked")
    write_csv("anscombe.csv", ["dataset", "x", "y"], rows)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    extract_penguins()
    extract_iris()
    extract_diabetes()
    extract_cars()
    extract_anscombe()


if __name__ == "__main__":
    main()
