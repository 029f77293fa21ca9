import math

import numpy as np
import pytest

from gdstudio.core.schedules import SCHEDULE_NAMES, make_schedule


def test_constant():
    s = make_schedule("constant", 0.1)
    assert s(0) == 0.1 and s(1000) == 0.1 and s.is_constant
    np.testing.assert_array_equal(s(np.arange(3)), [0.1, 0.1, 0.1])


def test_step_decay():
    s = make_schedule("step", 1.0, step_size=10, gamma=0.5)
    assert [s(0), s(9), s(10), s(25)] == [1.0, 1.0, 0.5, 0.25]


def test_exponential():
    s = make_schedule("exponential", 2.0, gamma=0.9)
    assert s(3) == pytest.approx(2.0 * 0.9**3, rel=1e-15)


def test_inverse_time():
    s = make_schedule("inverse_time", 1.0, decay_rate=0.5, decay_steps=10)
    assert s(20) == pytest.approx(1.0 / (1 + 0.5 * 2), rel=1e-15)


def test_cosine_annealing():
    s = make_schedule("cosine", 1.0, t_max=100, eta_min=0.1)
    assert s(0) == pytest.approx(1.0)
    assert s(50) == pytest.approx(0.1 + 0.9 * 0.5)
    assert s(100) == pytest.approx(0.1) and s(500) == pytest.approx(0.1)
    np.testing.assert_allclose(s(np.array([0, 50, 100])), [1.0, 0.55, 0.1])
    assert s(25) == pytest.approx(0.1 + 0.9 * (1 + math.cos(math.pi / 4)) / 2)


def test_linear_warmup():
    s = make_schedule("warmup", 0.3, warmup_steps=10, start_factor=0.1)
    assert s(0) == pytest.approx(0.03)
    assert s(5) == pytest.approx(0.3 * (0.1 + 0.9 * 0.5))
    assert s(10) == pytest.approx(0.3) and s(99) == pytest.approx(0.3)


@pytest.mark.parametrize("name", SCHEDULE_NAMES)
def test_vectorised_equals_scalar(name):
    s = make_schedule(name, 0.5)
    t = np.arange(0, 300, 7)
    np.testing.assert_allclose(s(t), [s(int(k)) for k in t], rtol=1e-15)


def test_errors_name_the_problem():
    with pytest.raises(ValueError, match="choose one of"):
        make_schedule("linear", 0.1)
    with pytest.raises(ValueError, match="has no parameter 'gamma'"):
        make_schedule("cosine", 0.1, gamma=0.5)
    with pytest.raises(ValueError, match="step_size must be a whole number"):
        make_schedule("step", 0.1, step_size=0)
    with pytest.raises(ValueError, match="learning_rate"):
        make_schedule("constant", -1.0)
