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
    """Installed from a wheel, no resources/ lies beside the package: the finder must
    answer with the package ``gdstudio.resources`` (a fake one here, elsewhere on disk)."""
    import importlib.resources

    import gdstudio.paths as paths

    site = tmp_path / "site-packages" / "gdstudio"
    (site / "resources" / "lessons").mkdir(parents=True)
    (site / "resources" / "lessons" / "only_in_the_wheel.toml").write_text("", "utf-8")
    monkeypatch.setattr(paths, "__file__", str(site / "paths.py"))  # no resources/ above
    real_files = importlib.resources.files

    def files(package):
        return site / "resources" if package == "gdstudio.resources" else real_files(package)

    monkeypatch.setattr(paths._importlib_resources, "files", files)
    assert get_resource_path() == site / "resources"
    assert get_resource_path("lessons", "only_in_the_wheel.toml").is_file()
    assert not get_resource_path("datasets", "penguins.csv").exists()
