"""Tests for gdstudio.core.datasets: generators, bundled data, CSV import, split, scaling."""

from __future__ import annotations

import csv
import dataclasses
from pathlib import Path

import numpy as np
import pytest

from gdstudio.core import datasets as ds
from gdstudio.core.datasets import (
    BUNDLED_DATASETS,
    SYNTHETIC_DATASETS,
    Dataset,
    DatasetError,
    Standardizer,
    bundled_columns,
    load_bundled,
    load_csv,
    load_dataset,
    make_dataset,
    read_csv_columns,
    train_test_split,
)
from gdstudio.paths import get_resource_path

CLASSIFIERS = ("blobs", "circles", "moons", "xor", "spiral")
REGRESSORS = ("linear", "linear_outliers", "sine")


def write(tmp_path: Path, text: str, name: str = "data.csv", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


# ------------------------------------------------------------------------ Dataset


def test_dataset_properties_and_coercion():
    d = Dataset("t", [[1, 2], [3, 4], [5, 7]], [0, 1, 1], ["a", "b"], "c", "classification")
    assert d.n_samples == 3 and d.n_features == 2
    assert d.X.dtype == np.float64 and d.y.dtype == np.float64
    assert d.feature_names == ("a", "b")
    assert "n_samples=3" in repr(d)


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"X": np.zeros(3)}, "shape"),
        ({"y": np.zeros(2)}, "shape"),
        ({"feature_names": ("a", "b")}, "feature names"),
        ({"task": "ranking"}, "task"),
        ({"y": np.array([0.0, 2.0, 1.0])}, "0 or 1"),
        ({"X": np.array([[1.0], [np.inf], [2.0]])}, "finite"),
        ({"class_names": ("a", "b", "c")}, "2 classes"),
    ],
)
def test_dataset_validates(kwargs, match):
    base = dict(
        name="t",
        X=np.array([[1.0], [2.0], [3.0]]),
        y=np.array([0.0, 1.0, 1.0]),
        feature_names=("a",),
        target_name="c",
        task="classification",
    )
    base.update(kwargs)
    with pytest.raises(ValueError, match=match):
        Dataset(**base)


def test_regression_dataset_rejects_class_names():
    with pytest.raises(ValueError, match="class_names"):
        Dataset("t", [[1.0], [2.0]], [1.0, 2.0], ("a",), "b", "regression", class_names=("p", "q"))


# ------------------------------------------------------------------- generators


def test_synthetic_names_are_the_documented_ones():
    """The README's list of synthetic sets is the registry's, and each name loads."""
    import re
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text("utf-8")
    sentence = " ".join(readme.split("Synthetic:", 1)[1].split(".", 1)[0].split())
    assert tuple(re.findall(r"`([a-z_]+)`", sentence)) == SYNTHETIC_DATASETS
    for name in SYNTHETIC_DATASETS:
        assert load_dataset(name, n_samples=10).n_samples == 10


@pytest.mark.parametrize("name", SYNTHETIC_DATASETS)
def test_generator_is_reproducible_and_seeded(name):
    a = make_dataset(name, n_samples=50, noise=0.2, seed=7)
    b = make_dataset(name, n_samples=50, noise=0.2, seed=7)
    c = make_dataset(name, n_samples=50, noise=0.2, seed=8)
    np.testing.assert_array_equal(a.X, b.X)
    np.testing.assert_array_equal(a.y, b.y)
    assert not np.array_equal(a.X, c.X)
    assert a.name == name and a.description and "seed=7" in a.source


@pytest.mark.parametrize("name", REGRESSORS)
@pytest.mark.parametrize("n", [2, 3, 101])
def test_regression_generators_shapes(name, n):
    d = make_dataset(name, n_samples=n)
    assert d.task == "regression"
    assert d.X.shape == (n, 1) and d.y.shape == (n,)
    assert d.feature_names == ("x",) and d.target_name == "y" and d.class_names == ()
    assert np.isfinite(d.X).all() and np.isfinite(d.y).all()


@pytest.mark.parametrize("name", CLASSIFIERS)
@pytest.mark.parametrize("n", [2, 3, 100, 101])
def test_classification_generators_shapes_and_binary_balanced_targets(name, n):
    d = make_dataset(name, n_samples=n, noise=0.3, seed=1)
    assert d.task == "classification"
    assert d.X.shape == (n, 2) and d.y.shape == (n,)
    assert set(np.unique(d.y)) == {0.0, 1.0}
    assert int(d.y.sum()) == n // 2
    assert d.feature_names == ("x1", "x2") and len(d.class_names) == 2


def test_linear_is_the_documented_line():
    d = make_dataset("linear", n_samples=500, noise=0.0)
    np.testing.assert_allclose(d.y, 2.0 * d.X[:, 0] + 1.0)
    assert d.X.min() >= -1.0 and d.X.max() <= 1.0
    noisy = make_dataset("linear", n_samples=4000, noise=0.3)
    residual = noisy.y - (2.0 * noisy.X[:, 0] + 1.0)
    assert residual.std() == pytest.approx(0.3, rel=0.05)


def test_linear_outliers_are_few_gross_and_at_large_x():
    d = make_dataset("linear_outliers", n_samples=100, noise=0.0)
    residual = d.y - (2.0 * d.X[:, 0] + 1.0)
    outliers = np.flatnonzero(np.abs(residual) > 1e-9)
    assert len(outliers) == 5
    np.testing.assert_allclose(residual[outliers], -ds.OUTLIER_OFFSET)
    assert (d.X[outliers, 0] >= np.median(d.X[:, 0])).all()
    # The least-squares slope is dragged away from 2; the median-based fit is not.
    slope = np.polyfit(d.X[:, 0], d.y, 1)[0]
    assert slope < 1.5
    assert make_dataset("linear_outliers", n_samples=2).y.shape == (2,)


def test_sine_is_sin_pi_x():
    d = make_dataset("sine", n_samples=200, noise=0.0)
    np.testing.assert_allclose(d.y, np.sin(np.pi * d.X[:, 0]))


def test_circles_radii_and_xor_labels_without_noise():
    c = make_dataset("circles", n_samples=200, noise=0.0)
    radius = np.hypot(c.X[:, 0], c.X[:, 1])
    np.testing.assert_allclose(radius[c.y == 0], 1.0)
    np.testing.assert_allclose(radius[c.y == 1], 0.5)
    x = make_dataset("xor", n_samples=200, noise=0.0)
    different = np.sign(x.X[:, 0]) != np.sign(x.X[:, 1])
    np.testing.assert_array_equal(different, x.y == 1.0)


def test_blobs_centres_and_spread():
    d = make_dataset("blobs", n_samples=4000, noise=0.1, seed=3)
    np.testing.assert_allclose(d.X[d.y == 0].mean(axis=0), [-1, -1], atol=0.05)
    np.testing.assert_allclose(d.X[d.y == 1].mean(axis=0), [1, 1], atol=0.05)
    assert d.X[d.y == 0].std(axis=0) == pytest.approx([0.6, 0.6], rel=0.06)


def test_noise_changes_spread():
    quiet = make_dataset("moons", n_samples=300, noise=0.0, seed=2)
    loud = make_dataset("moons", n_samples=300, noise=0.5, seed=2)
    assert loud.X.std() > quiet.X.std()


@pytest.mark.parametrize(
    ("args", "match"),
    [
        (("nope",), "linear, linear_outliers, sine"),
        (("linear", 1), "n_samples"),
        (("linear", 2.5), "n_samples"),
        (("linear", True), "n_samples"),
        (("linear", 10, -0.1), "noise"),
        (("linear", 10, float("nan")), "noise"),
    ],
)
def test_make_dataset_rejects_bad_arguments(args, match):
    with pytest.raises(ValueError, match=match):
        make_dataset(*args)


# -------------------------------------------------------------- bundled datasets

EXPECTED_BUNDLED = {
    # name: (features, target, task, n, dropped, class_names)
    "penguins": (("flipper_length_mm",), "body_mass_g", "regression", 342, 2, ()),
    "penguins_species": (
        ("bill_length_mm", "bill_depth_mm"),
        "species",
        "classification",
        219,
        1,
        ("Adelie", "Chinstrap"),
    ),
    "iris": (
        ("petal_length_cm", "petal_width_cm"),
        "species",
        "classification",
        100,
        0,
        ("versicolor", "virginica"),
    ),
    "anscombe1": (("x",), "y", "regression", 11, 0, ()),
    "anscombe2": (("x",), "y", "regression", 11, 0, ()),
    "anscombe3": (("x",), "y", "regression", 11, 0, ()),
    "anscombe4": (("x",), "y", "regression", 11, 0, ()),
    "diabetes": (("bmi",), "progression", "regression", 442, 0, ()),
    "cars": (("horsepower",), "mpg", "regression", 392, 14, ()),
}


def test_bundled_names():
    assert set(BUNDLED_DATASETS) == set(EXPECTED_BUNDLED)


@pytest.mark.parametrize("name", sorted(EXPECTED_BUNDLED))
def test_bundled_dataset_loads_with_documented_shape(name):
    features, target, task, n, dropped, class_names = EXPECTED_BUNDLED[name]
    d = load_bundled(name)
    assert d.name == name
    assert d.feature_names == features and d.target_name == target and d.task == task
    assert d.X.shape == (n, len(features)) and d.y.shape == (n,)
    assert d.dropped_rows == dropped
    assert d.class_names == class_names
    assert not np.isnan(d.X).any() and not np.isnan(d.y).any()
    if task == "classification":
        assert set(np.unique(d.y)) == {0.0, 1.0}
    assert d.description and d.source and d.licence
    # load_dataset dispatches to the same thing
    np.testing.assert_array_equal(load_dataset(name).X, d.X)


@pytest.mark.parametrize(
    "file", ["penguins.csv", "iris.csv", "anscombe.csv", "diabetes.csv", "cars.csv"]
)
def test_bundled_files_are_small_and_have_a_licence_note(file):
    path = get_resource_path("datasets", file)
    assert path.is_file() and path.stat().st_size < 200_000
    note = get_resource_path("datasets", file.replace(".csv", ".LICENSE.txt"))
    assert "Licence" in note.read_text(encoding="utf-8")
    assert file in get_resource_path("datasets", "README.md").read_text(encoding="utf-8")


def test_penguins_file_keeps_all_columns():
    assert bundled_columns("penguins") == [
        "species",
        "island",
        "bill_length_mm",
        "bill_depth_mm",
        "flipper_length_mm",
        "body_mass_g",
        "sex",
        "year",
    ]
    with open(get_resource_path("datasets", "penguins.csv"), encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == 344
    assert {r["species"] for r in rows} == {"Adelie", "Chinstrap", "Gentoo"}


def test_penguins_values_are_plausible():
    d = load_bundled("penguins")
    assert 170 <= d.X.min() and d.X.max() <= 235  # flipper length, mm
    assert 2700 <= d.y.min() and d.y.max() <= 6300  # body mass, g
    assert np.corrcoef(d.X[:, 0], d.y)[0, 1] > 0.85


def test_penguins_species_classes_map_to_species():
    d = load_bundled("penguins_species")
    assert int((d.y == 0).sum()) == 151  # Adelie (one has no bill measurements)
    assert int((d.y == 1).sum()) == 68  # Chinstrap
    # Chinstraps have longer bills than Adelies
    assert d.X[d.y == 1, 0].mean() > d.X[d.y == 0, 0].mean() + 5


@pytest.mark.parametrize("name", ["anscombe1", "anscombe2", "anscombe3", "anscombe4"])
def test_anscombe_sets_share_their_summary_statistics(name):
    d = load_bundled(name)
    x, y = d.X[:, 0], d.y
    assert x.mean() == pytest.approx(9.0)
    assert x.var(ddof=1) == pytest.approx(11.0)
    assert y.mean() == pytest.approx(7.50, abs=0.01)
    slope, intercept = np.polyfit(x, y, 1)
    assert slope == pytest.approx(0.500, abs=0.001)
    assert intercept == pytest.approx(3.00, abs=0.01)
    assert np.corrcoef(x, y)[0, 1] == pytest.approx(0.816, abs=0.001)


def test_iris_and_diabetes_and_cars_columns():
    assert bundled_columns("iris") == [
        "sepal_length_cm",
        "sepal_width_cm",
        "petal_length_cm",
        "petal_width_cm",
        "species",
    ]
    assert bundled_columns("diabetes")[-1] == "progression"
    assert len(bundled_columns("diabetes")) == 11
    assert "weight_lbs" in bundled_columns("cars")


def test_bundled_column_overrides():
    d = load_bundled("penguins", x=["bill_length_mm", "bill_depth_mm"], y="flipper_length_mm")
    assert d.feature_names == ("bill_length_mm", "bill_depth_mm")
    assert d.task == "regression" and d.n_samples == 342
    assert "bill_length_mm" in d.description
    single = load_bundled("diabetes", x="bp")
    assert single.feature_names == ("bp",)
    everything = load_bundled("diabetes", x=bundled_columns("diabetes")[:-1])
    assert everything.X.shape == (442, 10)
    # x override keeps the two-class task of penguins_species
    species = load_bundled("penguins_species", x=["flipper_length_mm"])
    assert species.class_names == ("Adelie", "Chinstrap") and species.n_samples == 219


def test_bundled_target_override_detects_classification():
    d = load_bundled("penguins", y="sex")
    assert d.task == "classification"
    assert d.class_names == ("female", "male")
    assert d.n_samples == 333 and d.dropped_rows == 11


def test_bundled_errors():
    with pytest.raises(ValueError, match="penguins, penguins_species"):
        load_bundled("titanic")
    with pytest.raises(ValueError, match="choose one of"):
        bundled_columns("titanic")
    with pytest.raises(DatasetError, match="'beak'.*'bill_length_mm'"):
        load_bundled("penguins", x=["beak"])
    with pytest.raises(DatasetError, match="'island'.*non-numeric value on line"):
        load_bundled("penguins", x=["island"])
    with pytest.raises(DatasetError, match="3 distinct"):
        load_bundled("penguins", y="island")


# ---------------------------------------------------------------- load_dataset


def test_load_dataset_dispatch(tmp_path):
    d = load_dataset("moons", n_samples=30, noise=0.2, seed=4)
    np.testing.assert_array_equal(d.X, make_dataset("moons", 30, 0.2, 4).X)
    path = write(tmp_path, "a,b\n1,2\n2,4\n3,7\n")
    from_path = load_dataset(path, ["a"], "b")
    from_str = load_dataset(str(path), x="a", y="b")
    np.testing.assert_array_equal(from_path.y, [2, 4, 7])
    np.testing.assert_array_equal(from_str.X, [[1], [2], [3]])


def test_load_dataset_errors(tmp_path):
    with pytest.raises(ValueError, match="linear.*penguins.*csv"):
        load_dataset("penguin")
    with pytest.raises(ValueError, match="synthetic"):
        load_dataset("linear", x=["x"])
    path = write(tmp_path, "height,weight\n1,2\n2,3\n")
    with pytest.raises(DatasetError, match="'height', 'weight'"):
        load_dataset(path)
    with pytest.raises(DatasetError, match="no such file"):
        load_dataset(tmp_path / "missing.csv", ["a"], "b")


# -------------------------------------------------------------------- CSV import


def test_load_csv_regression_basic(tmp_path):
    path = write(tmp_path, "x1, x2 ,y\n1,10,0.5\n2,20,1.5\n3,25,2.5\n")
    d = load_csv(path, ["x2", "x1"], "y")
    assert d.name == "data" and d.task == "regression"
    assert d.feature_names == ("x2", "x1")  # header blanks stripped, x order kept
    np.testing.assert_array_equal(d.X, [[10, 1], [20, 2], [25, 3]])
    np.testing.assert_array_equal(d.y, [0.5, 1.5, 2.5])
    assert d.dropped_rows == 0 and d.source == str(path) and d.licence == ""
    assert read_csv_columns(path) == ["x1", "x2", "y"]


def test_column_names_fall_back_to_case_insensitive(tmp_path):
    path = write(tmp_path, "Height,Weight\n1,2\n2,3\n")
    d = load_csv(path, ["height"], "WEIGHT")
    assert d.feature_names == ("Height",) and d.target_name == "Weight"


def test_missing_values_are_dropped_and_counted(tmp_path):
    text = "a,b,y,unused\n1,2,3,x\n,2,3,x\nNA,1,1,x\n2,NaN,1,x\n3,nan,1,x\n4,null,2,x\n"
    text += "5,?,2,x\n6,None,3,x\n7,4,,x\n8,5,n/a,x\n9,6,7,\n10,8,9,NA\n"
    d = load_csv(write(tmp_path, text), ["a", "b"], "y")
    assert d.dropped_rows == 9
    np.testing.assert_array_equal(d.X, [[1, 2], [9, 6], [10, 8]])
    np.testing.assert_array_equal(d.y, [3, 7, 9])


def test_short_rows_and_blank_lines(tmp_path):
    path = write(tmp_path, "a,b,c\n1,2,3\n\n4,5\n6,7,8\n\n")
    d = load_csv(path, ["a"], "b")
    assert d.n_samples == 3 and d.dropped_rows == 0
    d2 = load_csv(path, ["a"], "c")
    assert d2.n_samples == 2 and d2.dropped_rows == 1


def test_trailing_empty_fields_are_ignored_but_extra_values_are_not(tmp_path):
    ok = load_csv(write(tmp_path, "a,b\n1,2,\n2,3,\n"), ["a"], "b")
    assert ok.n_samples == 2
    with pytest.raises(DatasetError, match=r"line 3 has 3 fields.*header has 2.*quote"):
        load_csv(write(tmp_path, "a,b\n1,2\n2,3,4\n", "bad.csv"), ["a"], "b")


def test_quoted_fields(tmp_path):
    path = write(tmp_path, 'name,x,y\n"Smith, J",1,2\n"Doe, A",2,"3"\n"Roe, B",3,"5.5"\n')
    d = load_csv(path, ["x"], "y")
    np.testing.assert_array_equal(d.y, [2, 3, 5.5])


def test_utf8_bom_file(tmp_path):
    path = write(tmp_path, "\ufefftemp,sales\n1,2\n2,4\n", "bom.csv")
    assert read_csv_columns(path) == ["temp", "sales"]
    assert load_csv(path, ["temp"], "sales").n_samples == 2


def test_latin1_file(tmp_path):
    path = write(tmp_path, "température,durée\n1,2\n2,4\n3,5\n", "latin.csv", "latin-1")
    assert read_csv_columns(path) == ["température", "durée"]
    d = load_csv(path, ["température"], "durée")
    np.testing.assert_array_equal(d.y, [2, 4, 5])


def test_utf16_file_from_excel(tmp_path):
    path = write(tmp_path, "\ufeffa\tb\n1\t2\n3\t5\n4\t7\n", "unicode.txt", "utf-16-le")
    d = load_csv(path, ["a"], "b")
    np.testing.assert_array_equal(d.y, [2, 5, 7])


def test_semicolon_file_with_decimal_commas(tmp_path):
    path = write(tmp_path, "x;y;label\n1,5;2;a\n2,5;3,25;b\n4;-1,0;a\n")
    assert read_csv_columns(path) == ["x", "y", "label"]
    d = load_csv(path, ["x"], "y")
    np.testing.assert_array_equal(d.X[:, 0], [1.5, 2.5, 4.0])
    np.testing.assert_array_equal(d.y, [2.0, 3.25, -1.0])


def test_tab_file(tmp_path):
    path = write(tmp_path, "x\ty\tnote\n1\t2\thello, world\n2\t4\tsemi;colon\n", "t.tsv")
    assert read_csv_columns(path) == ["x", "y", "note"]
    assert load_csv(path, ["x"], "y").n_samples == 2


def test_crlf_line_endings(tmp_path):
    d = load_csv(write(tmp_path, "a,b\r\n1,2\r\n2,3\r\n"), ["a"], "b", task="regression")
    np.testing.assert_array_equal(d.y, [2, 3])


def test_comma_file_whose_values_contain_semicolons(tmp_path):
    path = write(tmp_path, 'a,b,c\n1,2,"x;y"\n2,3,"p;q"\n')
    assert read_csv_columns(path) == ["a", "b", "c"]


def test_binary_classification_with_string_labels(tmp_path):
    path = write(tmp_path, "x,animal\n1,dog\n2,cat\n3,dog\n4,NA\n")
    d = load_csv(path, ["x"], "animal")
    assert d.task == "classification"
    assert d.class_names == ("cat", "dog")  # sorted: cat -> 0, dog -> 1
    np.testing.assert_array_equal(d.y, [1, 0, 1])
    assert d.dropped_rows == 1


def test_binary_classification_with_numeric_labels_sorted_numerically(tmp_path):
    path = write(tmp_path, "x,t\n1,10\n2,-1\n3,10.0\n4,-1\n")
    d = load_csv(path, ["x"], "t")
    assert d.class_names == ("-1", "10")
    np.testing.assert_array_equal(d.y, [1, 0, 1, 0])


def test_task_override(tmp_path):
    path = write(tmp_path, "x,t\n1,0\n2,1\n3,1\n")
    assert load_csv(path, ["x"], "t").task == "classification"
    d = load_csv(path, ["x"], "t", task="regression")
    assert d.task == "regression" and d.class_names == ()
    many = write(tmp_path, "x,t\n1,a\n2,b\n3,c\n", "many.csv")
    with pytest.raises(DatasetError, match=r"'t' has 3 distinct value.*exactly 2"):
        load_csv(many, ["x"], "t", task="classification")
    with pytest.raises(ValueError, match="task"):
        load_csv(path, ["x"], "t", task="clustering")


def test_regression_target_must_be_numeric(tmp_path):
    path = write(tmp_path, "x,t\n1,1.5\n2,2.5\n3,high\n")
    with pytest.raises(DatasetError, match=r"column 't'.*non-numeric value on line 4.*numeric"):
        load_csv(path, ["x"], "t")


def test_missing_column_names_it_and_lists_available(tmp_path):
    path = write(tmp_path, "height,weight,age\n1,2,3\n2,3,4\n")
    with pytest.raises(DatasetError, match=r"no column 'size'.*'height', 'weight', 'age'"):
        load_csv(path, ["size"], "weight")
    with pytest.raises(DatasetError, match=r"no column 'mass'.*target.*'height', 'weight'"):
        load_csv(path, ["height"], "mass")


def test_column_selection_errors(tmp_path):
    path = write(tmp_path, "a,b,a\n1,2,3\n2,3,4\n")
    with pytest.raises(DatasetError, match="columns 1 and 3 are both named 'a'"):
        load_csv(path, ["a"], "b")
    path = write(tmp_path, "a,b,c\n1,2,3\n2,3,4\n", "ok.csv")
    with pytest.raises(DatasetError, match="both a feature and the target"):
        load_csv(path, ["b"], "b")
    with pytest.raises(DatasetError, match="at least one feature"):
        load_csv(path, [], "b")
    with pytest.raises(DatasetError, match="listed twice"):
        load_csv(path, ["b", "b"], "a")


def test_non_numeric_feature_names_column_line_and_value(tmp_path):
    path = write(tmp_path, "size,price\n1,2\nNA,3\n3,4\nbig,5\n")
    with pytest.raises(DatasetError) as info:
        load_csv(path, ["size"], "price")
    message = str(info.value)
    assert "'size'" in message and "line 5" in message
    assert "big" not in message  # a cell's content is never quoted
    assert "data.csv" in message and "choose another column" in message


def test_non_finite_and_huge_values_are_dropped_and_counted(tmp_path):
    path = write(tmp_path, "a,b\n1,2\ninf,3\n2,5\n3,7\n")
    d = load_csv(path, ["a"], "b")
    assert d.n_samples == 3 and d.dropped_rows == 1 and d.dropped_nonfinite == 1
    path = write(tmp_path, "a,b\n1,2\n2,-Infinity\n3,4\n4,1e300\n5,6\n", "t.csv")
    d = load_csv(path, ["a"], "b")
    assert d.dropped_nonfinite == 2 and d.y.tolist() == [2.0, 4.0, 6.0]
    path = write(tmp_path, "a,b\n1,2\n1e999,3\n-1e151,4\n1e150,5\n2,4\n", "o.csv")
    d = load_csv(path, ["a"], "b")
    assert d.dropped_nonfinite == 2 and d.X[:, 0].tolist() == [1.0, 1e150, 2.0]
    path = write(tmp_path, "a,b\n1,2\ninf,3\nNA,4\n", "few.csv")
    with pytest.raises(DatasetError, match=r"only 1 usable.*2 dropped.*1 of them for infinite"):
        load_csv(path, ["a"], "b")


def test_too_few_usable_rows(tmp_path):
    path = write(tmp_path, "a,b\n1,2\nNA,3\n4,\n")
    with pytest.raises(DatasetError, match=r"only 1 usable row.*2 dropped.*at least 2"):
        load_csv(path, ["a"], "b")
    header_only = write(tmp_path, "a,b\n", "h.csv")
    assert read_csv_columns(header_only) == ["a", "b"]
    with pytest.raises(DatasetError, match="only 0 usable"):
        load_csv(header_only, ["a"], "b")


def test_constant_feature_is_named(tmp_path):
    path = write(tmp_path, "a,b,y\n1,5,1\n2,5,2\n3,5,4\n")
    with pytest.raises(DatasetError, match=r"'b' is constant.*5"):
        load_csv(path, ["a", "b"], "y")


def test_unreadable_paths(tmp_path, monkeypatch):
    with pytest.raises(DatasetError, match="no such file"):
        load_csv(tmp_path / "nope.csv", ["a"], "b")
    with pytest.raises(DatasetError, match="folder"):
        read_csv_columns(tmp_path)
    path = write(tmp_path, "a,b\n1,2\n2,3\n")

    def denied(self, *args):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "open", denied)
    with pytest.raises(DatasetError, match="permission denied"):
        load_csv(path, ["a"], "b")


def test_os_error_while_reading(tmp_path, monkeypatch):
    path = write(tmp_path, "a,b\n1,2\n2,3\n")

    def broken(self, *args):
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(Path, "open", broken)
    with pytest.raises(DatasetError, match="cannot read.*Input/output error"):
        read_csv_columns(path)


def test_too_large_file(tmp_path, monkeypatch):
    monkeypatch.setattr(ds.csv_import, "MAX_CSV_BYTES", 10)
    with pytest.raises(DatasetError, match="at most"):
        load_csv(write(tmp_path, "a,b\n1,2\n2,3\n"), ["a"], "b")


def test_binary_files_are_refused(tmp_path):
    png = tmp_path / "picture.csv"
    png.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    with pytest.raises(DatasetError, match="binary file.*not a text CSV"):
        load_csv(png, ["a"], "b")
    xlsx = tmp_path / "book.xlsx"
    xlsx.write_bytes(b"PK\x03\x04\x14\x00\x06\x00" + b"\x00" * 30)
    with pytest.raises(DatasetError, match="spreadsheet.*CSV"):
        read_csv_columns(xlsx)
    controls = tmp_path / "controls.csv"
    controls.write_bytes(bytes(range(1, 32)) * 20)
    with pytest.raises(DatasetError, match="binary"):
        read_csv_columns(controls)


@pytest.mark.parametrize("content", [b"", b"\xef\xbb\xbf", b"\n\n  \n"])
def test_empty_file(tmp_path, content):
    path = tmp_path / "empty.csv"
    path.write_bytes(content)
    with pytest.raises(DatasetError, match="empty"):
        read_csv_columns(path)
    with pytest.raises(DatasetError, match="empty"):
        load_csv(path, ["a"], "b")


def test_no_header(tmp_path):
    with pytest.raises(DatasetError, match="no header"):
        read_csv_columns(write(tmp_path, ",,\n,,\n"))
    with pytest.raises(DatasetError, match=r"line 1\) holds numbers.*header row"):
        load_csv(write(tmp_path, "1,2\n3,4\n", "n.csv"), ["a"], "b")


def test_dataset_error_is_a_value_error():
    assert issubclass(DatasetError, ValueError)


# ---------------------------------------------------------------- train/test split


def test_train_test_split_sizes_and_partition():
    d = make_dataset("linear", n_samples=10)
    train, test = train_test_split(d, 0.2, seed=3)
    assert (train.n_samples, test.n_samples) == (8, 2)
    together = np.sort(np.concatenate([train.X[:, 0], test.X[:, 0]]))
    np.testing.assert_array_equal(together, np.sort(d.X[:, 0]))
    # rows stay paired
    np.testing.assert_allclose(train.y, 2 * train.X[:, 0] + 1, atol=0.5)
    assert train.feature_names == d.feature_names and test.task == d.task
    train3, test3 = train_test_split(d, 0.25)
    assert (train3.n_samples, test3.n_samples) == (7, 3)  # ceil(2.5) to test


def test_train_test_split_is_seeded():
    d = make_dataset("moons", n_samples=50)
    a = train_test_split(d, 0.3, seed=1)
    b = train_test_split(d, 0.3, seed=1)
    c = train_test_split(d, 0.3, seed=2)
    np.testing.assert_array_equal(a[1].X, b[1].X)
    assert not np.array_equal(a[1].X, c[1].X)


@pytest.mark.parametrize("fraction", [0.0, 1.0, -0.1, 1.5, float("nan"), "half"])
def test_train_test_split_rejects_bad_fraction(fraction):
    with pytest.raises(ValueError, match="test_fraction"):
        train_test_split(make_dataset("linear", 10), fraction)


def test_train_test_split_needs_a_sample_in_each_part():
    two = make_dataset("linear", n_samples=2)
    train, test = train_test_split(two, 0.5)
    assert train.n_samples == test.n_samples == 1
    with pytest.raises(DatasetError, match="training part would be empty"):
        train_test_split(two, 0.9)


# ---------------------------------------------------------------- Standardizer


def test_standardizer_round_trip():
    rng = np.random.default_rng(0)
    X = rng.normal([5.0, -300.0, 0.01], [2.0, 50.0, 0.001], size=(200, 3))
    s = Standardizer.fit(X)
    Z = s.transform(X)
    np.testing.assert_allclose(Z.mean(axis=0), 0.0, atol=1e-12)
    np.testing.assert_allclose(Z.std(axis=0), 1.0)  # population std
    np.testing.assert_allclose(s.scale, X.std(axis=0, ddof=0))
    np.testing.assert_allclose(s.inverse_transform(Z), X)
    np.testing.assert_allclose(s.transform(X[0]), Z[0])  # a single sample (d,)


def test_linear_params_to_original_gives_the_same_predictions():
    rng = np.random.default_rng(1)
    X = rng.normal([3.0, -10.0, 100.0], [1.0, 4.0, 30.0], size=(50, 3))
    s = Standardizer.fit(X)
    w, b = rng.normal(size=3), float(rng.normal())
    w_orig, b_orig = s.linear_params_to_original(w, b)
    assert isinstance(b_orig, float) and w_orig.shape == (3,)
    np.testing.assert_allclose(X @ w_orig + b_orig, s.transform(X) @ w + b)
    # several outputs at once
    W, B = rng.normal(size=(3, 2)), rng.normal(size=2)
    W_orig, B_orig = s.linear_params_to_original(W, B)
    np.testing.assert_allclose(X @ W_orig + B_orig, s.transform(X) @ W + B)
    with pytest.raises(ValueError, match="shape"):
        s.linear_params_to_original(np.ones(2), 0.0)


def test_standardizer_recovers_a_least_squares_line_in_original_units():
    d = load_bundled("anscombe1")
    s = Standardizer.fit(d.X)
    Z = np.column_stack([s.transform(d.X), np.ones(d.n_samples)])
    w_b = np.linalg.lstsq(Z, d.y, rcond=None)[0]
    w, b = s.linear_params_to_original(w_b[:1], w_b[1])
    assert w[0] == pytest.approx(0.5, abs=1e-3) and b == pytest.approx(3.0, abs=1e-2)


def test_standardizer_constant_column_is_named():
    X = np.array([[1.0, 2.0], [2.0, 2.0], [3.0, 2.0]])
    with pytest.raises(DatasetError, match="column 1.*constant"):
        Standardizer.fit(X)
    with pytest.raises(DatasetError, match="'weight' is constant"):
        Standardizer.fit(X, feature_names=["height", "weight"])


def test_standardizer_bad_input():
    with pytest.raises(ValueError, match="shape"):
        Standardizer.fit(np.ones(3))
    with pytest.raises(ValueError, match="finite"):
        Standardizer.fit(np.array([[1.0], [np.nan]]))
    s = Standardizer.fit(np.array([[1.0, 2.0], [3.0, 5.0]]))
    with pytest.raises(ValueError, match="shape"):
        s.transform(np.ones((4, 3)))
    with pytest.raises(DatasetError, match="too large"):
        Standardizer.fit(np.array([[1e308], [-1e308]]))


def test_datasets_are_frozen():
    d = make_dataset("linear", 5)
    with pytest.raises(dataclasses.FrozenInstanceError):
        d.name = "other"  # type: ignore[misc]


def test_text_feature_error_lists_the_numeric_columns(tmp_path):
    path = tmp_path / "people.csv"
    path.write_text("name,height,weight\nann,1.6,55\nbob,1.8,80\ncid,1.7,70\n")
    expected = r"'name'.*line 2.*numeric columns: 'height', 'weight'"
    with pytest.raises(DatasetError, match=expected):
        load_csv(path, ["name"], "weight")
