"""Test configuration: Qt runs offscreen, and no test may leave a numpy warning."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
