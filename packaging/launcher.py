"""Entry script of the frozen app (PyInstaller): the same as the ``gdstudio`` command."""

import sys

from gdstudio.app import main

if __name__ == "__main__":
    sys.exit(main())
