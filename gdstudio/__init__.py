"""GD Studio: an interactive desktop application that teaches gradient descent."""

from importlib import metadata as _metadata

try:
    __version__ = _metadata.version("gdstudio")
except _metadata.PackageNotFoundError:  # running from a source checkout
    __version__ = "0.1.0"

__all__ = ["__version__"]
