"""One number format for people: plain, or mantissa·10ⁿ."""

from __future__ import annotations

import math

import pytest

from gdstudio.core.formatting import format_number


@pytest.mark.parametrize("value, text", [
    (0.1234, "0.1234"), (1.5e7, "1.5·10⁷"), (-2.5e-5, "−2.5·10⁻⁵"), (0, "0"),
    (None, "—"), (math.nan, "—"), (math.inf, "∞"), (-math.inf, "−∞"), (4201.75, "4202"),
    (1e-7, "10⁻⁷"), (1.6e15, "1.6·10¹⁵"), (99999.7, "100000"),
    (0.001, "0.001"), (12345.6, "12346")])
def test_format_number(value, text):
    assert format_number(value) == text


def test_digits():
    assert format_number(3.14159265, 6) == "3.14159"
    assert format_number(2.0e7, 6) == "2·10⁷"
