"""GD Studio: an interactive desktop application that teaches gradient descent."""

__version__ = "0.1.0"  # the one place the version is written (pyproject reads it)

__all__ = ["__version__"]
