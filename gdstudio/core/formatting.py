"""One number format for everything a person reads (window, runner summaries, legends).

Numbers read like a textbook: ``0.1234``, ``4202``, ``1.5·10⁷``, ``−2.5·10⁻⁵``; never
``1.5e+07`` beside ``2e7``. Machine-readable outputs (CSV, JSON) keep Python's
round-trip ``repr`` instead.
"""

from __future__ import annotations

import math

__all__ = ["format_number", "superscript"]

_SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def superscript(n: int) -> str:
    """An integer in superscript digits: ``-5`` → ``"⁻⁵"``."""
    return str(int(n)).translate(_SUPERSCRIPT)


def format_number(value: float | None, digits: int = 4) -> str:
    """``value`` with ``digits`` significant digits in plain or ·10ⁿ notation.

    Plain notation for 10⁻³ ≤ |value| < 10⁵, else mantissa·10ⁿ (trailing zeros of the
    mantissa dropped). None and NaN give "—", ±inf "∞"/"−∞". The minus sign is U+2212.

    Examples: 0.1234 → "0.1234", 4201.75 → "4202", 1.5e7 → "1.5·10⁷",
    −2.5e−5 → "−2.5·10⁻⁵", 1e-7 → "10⁻⁷".
    """
    if value is None:
        return "—"
    value = float(value)
    if not math.isfinite(value):
        return "—" if math.isnan(value) else ("∞" if value > 0 else "−∞")
    if value == 0:
        return "0"
    if 1e-3 <= abs(value) < 1e5:
        text = f"{value:.{digits}g}"
        if "e" in text:  # 99999.5 rounds up to 1e+05 at 4 digits: keep it plain
            text = f"{value:.0f}"
    else:
        mantissa, exponent = f"{value:.{max(digits - 1, 0)}e}".split("e")
        mantissa = mantissa.rstrip("0").rstrip(".") if "." in mantissa else mantissa
        power = "10" + superscript(int(exponent))
        if mantissa in ("1", "-1"):
            text = ("-" if mantissa == "-1" else "") + power
        else:
            text = f"{mantissa}·{power}"
    return text.replace("-", "−")
