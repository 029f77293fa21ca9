"""Test configuration: Qt runs offscreen, and no test may leave a numpy warning."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--run-fuzz-long", action="store_true", default=False,
                     help="also run the long GUI fuzzing test (fuzz_long, ≥ 20,000 actions)")


def pytest_collection_modifyitems(config: pytest.Config, items: list) -> None:
    if config.getoption("--run-fuzz-long") or os.environ.get("GDSTUDIO_FUZZ_LONG"):
        return
    skip = pytest.mark.skip(reason="long GUI fuzzing: pass --run-fuzz-long or set "
                            "GDSTUDIO_FUZZ_LONG=1")
    for item in items:
        if "fuzz_long" in item.keywords:
            item.add_marker(skip)
