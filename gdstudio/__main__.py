"""``python -m gdstudio``: the same as the ``gdstudio`` command."""

import sys

from gdstudio.app import main

sys.exit(main())
