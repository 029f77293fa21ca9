"""Files written whole or not at all: a temporary file beside the target, renamed onto it.

Every file GD Studio writes (scenarios, lessons, sessions, CSV, PNG, SVG and GIF
exports) goes through here, so a full disk, a crash or a cancelled export never leaves
a half-written file, and an existing file is replaced only by a complete one.

The temporary file is created with the permissions a plain ``open(path, "w")`` would
give: 0o666 less the process's umask for a new file (usually 0644, readable by the
class it is shared with), the existing file's mode when one is replaced.
(``tempfile.mkstemp`` would make it 0600, private to its owner.)

Example::

    >>> with atomic_output("run.csv") as tmp:   # doctest: +SKIP
    ...     write_the_csv(tmp)                   # run.csv appears only if this succeeds
"""

from __future__ import annotations

import contextlib
import os
import secrets
from collections.abc import Iterator
from pathlib import Path

__all__ = ["temporary_beside", "replace_onto", "discard", "atomic_output", "write_text"]


def temporary_beside(path: str | Path) -> tuple[int, str]:
    """Create a new, empty temporary file in ``path``'s folder.

    Its name is ``.<name>.<random>.<suffix of path>`` (hidden, and with the target's
    extension, which exporters that choose a format by extension need).

    Returns:
        ``(fd, temporary path)``: a descriptor open for writing, and the file's path.

    Raises:
        OSError: the folder does not exist or is not writable.
    """
    target = Path(path).absolute()
    for _ in range(100):
        tmp = target.with_name(f".{target.name}.{secrets.token_hex(4)}{target.suffix}")
        try:  # the mode is filtered by the umask, as open() does
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0),
                         0o666)
        except FileExistsError:  # pragma: no cover - 32 random bits taken already
            continue
        return fd, str(tmp)
    raise FileExistsError(f"no free temporary name beside {target}")  # pragma: no cover


def replace_onto(tmp: str, path: str | Path) -> None:
    """Rename the finished temporary file ``tmp`` onto ``path`` (atomic on one file
    system), keeping the mode of a file it replaces. ``tmp`` is removed if this fails.

    Raises:
        OSError: the rename failed (``path`` is left as it was).
    """
    try:
        with contextlib.suppress(OSError):
            mode = os.stat(path).st_mode
            if not os.path.isdir(path):
                os.chmod(tmp, mode & 0o7777)
        os.replace(tmp, path)
    except BaseException:
        discard(tmp)
        raise


def discard(tmp: str) -> None:
    """Remove a temporary file (nothing if it is gone already)."""
    with contextlib.suppress(OSError):
        os.unlink(tmp)


@contextlib.contextmanager
def atomic_output(path: str | Path) -> Iterator[str]:
    """A temporary file beside ``path`` to write in the ``with`` block (by name);
    renamed onto ``path`` when the block ends, removed if the block raises (``path`` is
    then untouched).

    Raises:
        OSError: the folder does not exist or is not writable, or the rename fails.
    """
    fd, tmp = temporary_beside(path)
    os.close(fd)
    try:
        yield tmp
    except BaseException:
        discard(tmp)
        raise
    replace_onto(tmp, path)


def write_text(path: str | Path, text: str, *, newline: str | None = "\n") -> None:
    """Write ``text`` as UTF-8 to ``path`` atomically, flushed to the disk before the
    rename.

    Raises:
        OSError: the file cannot be written (``path`` is left as it was).
    """
    with atomic_output(path) as tmp, open(tmp, "w", encoding="utf-8", newline=newline) as f:
        f.write(text)
        f.flush()
        os.fsync(f.fileno())
