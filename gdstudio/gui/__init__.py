"""GD Studio's Qt user interface (PySide6 + pyqtgraph).

Modules: :mod:`~gdstudio.gui.main_window` (the window and the entry points
``run_gui`` / ``take_screenshot``), :mod:`~gdstudio.gui.controls` (the settings panel),
:mod:`~gdstudio.gui.plots` (live plots), :mod:`~gdstudio.gui.landscape_job` (loss
landscapes computed off the GUI thread) and :mod:`~gdstudio.gui.worker` (the training
thread). Importing this package does not import Qt; the modules do.
"""
