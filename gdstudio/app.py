"""``gdstudio``: opens the GUI, or runs headless with ``gdstudio run ...``.

Usage::

    gdstudio [--lang en|zh_TW] [--projector] [SCENARIO.toml | SESSION.gdsession]
                                                      open the main window (English or 繁體中文;
                                                      projector mode: large text, thick lines)
    gdstudio --screenshot OUT.png [--steps N] [--size WxH] [--projector] [--lang L] [SCENARIO]
                                                      save a PNG of the real window after N steps
    gdstudio run [SCENARIO.toml] --steps N [...]      headless run (see ``gdstudio run --help``)
    gdstudio sweep [SCENARIO.toml] --lr-min A --lr-max B --num N --steps S [...]
                                                      loss after S steps against η
    gdstudio --list-lessons [--lang zh_TW]            the bundled lessons, one a line
    gdstudio --version
"""

from __future__ import annotations

import argparse
import os
import sys

from gdstudio import __version__
from gdstudio.blas import configure_blas


def _gui_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="gdstudio",
        description="GD Studio: an interactive desktop application that teaches gradient "
        "descent. Use 'gdstudio run --help' for the headless runner.",
    )
    parser.add_argument("scenario", nargs="?",
                        help="a scenario or lesson TOML file, or a session file (.gdsession), "
                        "to open")
    parser.add_argument("--screenshot", metavar="OUT.png",
                        help="open the window offscreen-capable, run --steps steps, save a PNG "
                        "of the whole window and exit")
    parser.add_argument("--steps", type=int, default=300,
                        help="steps to run before the screenshot (default 300)")
    parser.add_argument("--size", metavar="WxH", default="1400x900",
                        help="window size of --screenshot in pixels (default 1400x900)")
    parser.add_argument("--projector", action="store_true",
                        help="projector mode: larger text, thicker lines and stronger contrast "
                        "(View → Projector mode), for the window and --screenshot")
    parser.add_argument("--startup-probe", action="store_true",
                        help="open the window, print 'shown' once it is on screen and exit "
                        "(used by the start-up benchmark)")
    parser.add_argument("--list-lessons", action="store_true",
                        help="list the bundled lessons (name, title and a one-line summary) "
                        "and exit")
    parser.add_argument("--lang", default=None, choices=("en", "zh_TW"),
                        help="language of the window, its --screenshot and --list-lessons: "
                        "en (English) or zh_TW (繁體中文); default: the one chosen last in "
                        "View → Language, else the system's")
    parser.add_argument("--version", action="version", version=f"GD Studio {__version__}")
    return parser


def _list_lessons(lang: str) -> int:
    """Print the bundled lessons: name, title, and the summary indented below."""
    from gdstudio.core.lessons import list_lessons

    try:
        for info in list_lessons():
            print(f"{info.name}  {info.title_for(lang)}")
            print(f"    {info.summary_for(lang)}")
        sys.stdout.flush()
    except BrokenPipeError:  # piped into head: the rest is not wanted
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    return 0


def _display_available() -> bool:
    """False on a Linux/BSD machine with no X11 or Wayland display (where Qt would abort)
    unless QT_QPA_PLATFORM names a platform (offscreen, vnc, …) explicitly."""
    if os.environ.get("QT_QPA_PLATFORM") or not sys.platform.startswith(("linux", "freebsd")):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``gdstudio`` command and ``python -m gdstudio``.

    Returns the process exit status.
    """
    try:
        configure_blas()  # one BLAS thread for the window and the runner: gdstudio/blas.py
    except ValueError as exc:
        print(f"gdstudio: {exc}", file=sys.stderr)
        return 2
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] == "run":
        from gdstudio.cli import run_main

        return run_main(argv[1:])
    if argv and argv[0] == "sweep":
        from gdstudio.cli_sweep import sweep_main

        return sweep_main(argv[1:])
    args = _gui_parser().parse_args(argv)
    if args.list_lessons:
        return _list_lessons(args.lang or "en")
    if args.steps < 0:
        print("gdstudio: --steps must be ≥ 0", file=sys.stderr)
        return 2
    from gdstudio.gui.launch import run_gui, take_screenshot

    if args.screenshot:
        size = _parse_size(args.size)
        if size is None:
            print(f"gdstudio: --size must be WIDTHxHEIGHT in pixels, e.g. 1024x768 (got "
                  f"{args.size!r})", file=sys.stderr)
            return 2
        return take_screenshot(args.screenshot, steps=args.steps, scenario_path=args.scenario,
                               size=size, projector=args.projector,
                               lang=args.lang or "en")
    if not _display_available():
        print("gdstudio: no display found (DISPLAY / WAYLAND_DISPLAY are not set), so the "
              "window cannot open. On a desktop, run gdstudio there; on a server use "
              "'xvfb-run gdstudio', 'gdstudio --screenshot out.png' (renders offscreen) or "
              "the headless runner 'gdstudio run --help'.", file=sys.stderr)
        return 2
    return run_gui(args.scenario, startup_probe=args.startup_probe, projector=args.projector,
                   lang=args.lang)


def _parse_size(text: str) -> tuple[int, int] | None:
    """"1024x768" → (1024, 768); None unless both are whole numbers from 200 to 10000."""
    parts = text.lower().replace("×", "x").split("x")
    if len(parts) != 2 or not all(p.strip().isdigit() for p in parts):
        return None
    w, h = (int(p) for p in parts)
    return (w, h) if 200 <= w <= 10000 and 200 <= h <= 10000 else None


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
