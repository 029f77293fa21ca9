"""GD Studio's Qt user interface (PySide6 + pyqtgraph): views of the core's session.

:mod:`~gdstudio.gui.app_window` assembles the window from :mod:`~gdstudio.gui.control_panel`,
:mod:`~gdstudio.gui.landscape_panel` (with :mod:`~gdstudio.gui.landscape_plot` and
:mod:`~gdstudio.gui.landscape_thread`), :mod:`~gdstudio.gui.loss_plot`,
:mod:`~gdstudio.gui.data_plot` and :mod:`~gdstudio.gui.readout`;
:mod:`~gdstudio.gui.training_thread` runs the trainers; :mod:`~gdstudio.gui.launch` holds
the entry points and :mod:`~gdstudio.gui.render` the offscreen PNG of ``gdstudio run``.
Importing this package does not import Qt; the modules do.
"""
