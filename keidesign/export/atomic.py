"""Writing files so that a reader never sees half of one.

Every writer writes to a temporary file next to its target and the file is moved into place
with :func:`os.replace` (atomic on one file system) only once the writer has succeeded and left
a non-empty file. On any failure the temporary file is removed and an existing file at the
target is left as it was.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from collections.abc import Iterator
from pathlib import Path

from keidesign.errors import ExportError

__all__ = ["atomic_write", "write_bytes_atomic"]


@contextlib.contextmanager
def atomic_write(path: str | os.PathLike[str]) -> Iterator[Path]:
    """Give a temporary path to write ``path`` through.

    The temporary file is created (empty) in the target's folder, named
    ``.<name>.<random>.tmp<suffix>`` so it keeps the target's suffix for writers that look at
    it. When the block ends without an exception and the file is not empty, it replaces
    ``path``; otherwise it is removed.

    Example::

        with atomic_write(out / "car.step") as tmp:
            if not exportAssembly(assembly, str(tmp)):
                raise ExportError("the STEP writer failed")

    Args:
        path: the file to write; its folder must exist.

    Yields:
        The temporary path to hand to the writer.

    Raises:
        ExportError: the temporary file could not be created, the writer left it empty, or it
            could not be moved into place. Exceptions raised in the block propagate unchanged.
    """
    target = Path(path)
    tmp = target.with_name(f".{target.name}.{secrets.token_hex(4)}.tmp{target.suffix}")
    try:
        # "x": never clobber; the mode follows the umask like any other new file.
        with open(tmp, "xb"):
            pass
    except OSError as err:
        raise ExportError(f"cannot create a temporary file next to {target}: {err}") from err
    try:
        yield tmp
        try:
            size = tmp.stat().st_size
        except OSError:
            size = 0
        if size == 0:
            raise ExportError(f"the writer left {target.name} empty or removed it")
        try:
            os.replace(tmp, target)
        except OSError as err:
            raise ExportError(f"cannot move the new {target.name} into place: {err}") from err
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()


def write_bytes_atomic(path: str | os.PathLike[str], data: bytes) -> Path:
    """Write ``data`` to ``path`` atomically (see :func:`atomic_write`).

    Returns:
        ``path`` as a :class:`~pathlib.Path`.

    Raises:
        ExportError: ``data`` is empty or the file could not be written.
    """
    target = Path(path)
    with atomic_write(target) as tmp:
        try:
            tmp.write_bytes(data)
        except OSError as err:
            raise ExportError(f"cannot write {target}: {err}") from err
    return target
