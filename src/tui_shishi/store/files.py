"""Output files written whole or not at all (``shishi export -o``, ``shishi screenshot``).

The new content goes to a temporary file beside the target (same directory, so the same file
system), is flushed to disk, then renamed over the target: a full disk or a failure half-way
leaves the old file as it was and no temporary or empty file behind. A target that exists and
is not a regular file (``/dev/null``, a FIFO, a terminal) is written directly: renaming over it
would replace the device, not write to it.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def replacing(path: str | os.PathLike[str]) -> Iterator[Path]:
    """Yield the path to write to; when the block ends without error it becomes ``path``.

    On any error (or Ctrl+C) the temporary file is removed and ``path`` is untouched."""
    target = Path(path)
    if target.is_symlink():
        target = target.resolve()  # replace what the link points to, not the link
    if target.exists() and not target.is_file():
        yield target
        return
    tmp = target.with_name(f".{target.name}.{os.getpid()}.part")
    try:
        yield tmp
        _sync(tmp)
        if target.exists():
            shutil.copymode(target, tmp)  # keep the old file's permissions
        os.replace(tmp, target)
    finally:
        try:
            tmp.unlink()
        except FileNotFoundError:
            pass


def _sync(path: Path) -> None:
    # A full disk may only say so when the data is flushed: before the rename, never after.
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_text(path: str | os.PathLike[str], text: str, encoding: str = "utf-8") -> None:
    """Write ``text`` to ``path`` atomically (see ``replacing``)."""
    with replacing(path) as tmp:
        with open(tmp, "w", encoding=encoding) as out:
            out.write(text)
