"""``gdstudio``: opens the GUI, or runs headless with ``gdstudio run ...``.

Usage::

    gdstudio [SCENARIO.toml]                          open the main window
    gdstudio --screenshot OUT.png [--steps N] [SCENARIO.toml]
                                                      save a PNG of the real window after N steps
    gdstudio run [SCENARIO.toml] --steps N [...]      headless run (see ``gdstudio run --help``)
    gdstudio --version
"""

from __future__ import annotations

import argparse
import sys

from gdstudio import __version__


def _gui_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="gdstudio",
        description="GD Studio: an interactive desktop application that teaches gradient "
        "descent. Use 'gdstudio run --help' for the headless runner.",
    )
    parser.add_argument("scenario", nargs="?", help="a scenario TOML file to open")
    parser.add_argument("--screenshot", metavar="OUT.png",
                        help="open the window offscreen-capable, run --steps steps, save a PNG "
                        "of the whole window and exit")
    parser.add_argument("--steps", type=int, default=300,
                        help="steps to run before the screenshot (default 300)")
    parser.add_argument("--version", action="version", version=f"GD Studio {__version__}")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``gdstudio`` command and ``python -m gdstudio``.

    Returns the process exit status.
    """
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] == "run":
        from gdstudio.cli import run_main

        return run_main(argv[1:])
    args = _gui_parser().parse_args(argv)
    if args.steps < 0:
        print("gdstudio: --steps must be ≥ 0", file=sys.stderr)
        return 2
    from gdstudio.gui.main_window import run_gui, take_screenshot

    if args.screenshot:
        return take_screenshot(args.screenshot, steps=args.steps, scenario_path=args.scenario)
    return run_gui(args.scenario)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
