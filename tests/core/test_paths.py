"""The one function that finds resources: source checkout, installed wheel, PyInstaller."""

import sys

from gdstudio.paths import get_resource_path


def test_source_checkout_finds_the_bundled_files():
    assert get_resource_path("datasets", "penguins.csv").is_file()
    assert get_resource_path("lessons", "rosenbrock_race.toml").is_file()


def test_frozen_bundle_uses_meipass(monkeypatch, tmp_path):
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    expected = tmp_path / "resources" / "datasets" / "iris.csv"
    assert get_resource_path("datasets", "iris.csv") == expected


def test_installed_wheel_uses_the_package(monkeypatch, tmp_path):
    import importlib.resources

    import gdstudio.paths as paths

    fake_module = tmp_path / "site-packages" / "gdstudio" / "paths.py"
    fake_module.parent.mkdir(parents=True)
    monkeypatch.setattr(paths, "__file__", str(fake_module))  # no resources/ beside it
    package = importlib.resources.files("gdstudio.resources")
    assert str(get_resource_path()) == str(package)
    assert get_resource_path("datasets", "penguins.csv").is_file()
