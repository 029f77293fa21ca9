"""The BLAS thread policy set by ``gdstudio.app.main`` (window and runner alike)."""

import os
import subprocess
import sys

import pytest

from gdstudio.blas import ENV_VAR, blas_threads, configure_blas

PROBE = """
import sys
from gdstudio.app import main
try:
    status = main(sys.argv[1:])
except SystemExit as exc:
    status = exc.code
import numpy
from gdstudio.blas import blas_threads
print(status, blas_threads())
"""


def probe(*args, env=None):
    environ = {k: v for k, v in os.environ.items() if k != ENV_VAR}
    environ.pop("OPENBLAS_NUM_THREADS", None)
    environ.pop("OMP_NUM_THREADS", None)
    environ.update(env or {})
    out = subprocess.run([sys.executable, "-c", PROBE, *args], env=environ,
                         capture_output=True, text=True, timeout=120)
    return out


@pytest.mark.parametrize("args", [["--version"], ["run", "--help"]])
def test_main_sets_one_blas_thread_for_window_and_runner(args):
    out = probe(*args)
    status, threads = out.stdout.strip().splitlines()[-1].split(" ", 1)
    assert status == "0"
    assert threads != "[]" and set(eval(threads)) == {1}


def test_environment_variable_overrides_the_policy():
    out = probe("--version", env={ENV_VAR: "2"})
    assert set(eval(out.stdout.strip().splitlines()[-1].split(" ", 1)[1])) == {2}
    bad = probe("--version", env={ENV_VAR: "many"})
    assert bad.stdout.strip().splitlines()[-1].startswith("2 ")  # exit status 2
    assert ENV_VAR in bad.stderr


def test_configure_blas_after_numpy_import_limits_loaded_libraries():
    import numpy  # noqa: F401

    assert configure_blas(1) == 1
    assert set(blas_threads()) == {1}
    with pytest.raises(ValueError):
        configure_blas(0)
