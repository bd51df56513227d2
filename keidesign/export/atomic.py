"""Writing files so that a reader never sees half of one, and sweeping up after writers that died.

Every writer writes to a temporary file next to its target and the file is moved into place
with :func:`os.replace` (atomic on one file system) only once the writer has succeeded and left
a non-empty file. On any failure the temporary file is removed and an existing file at the
target is left as it was.

A writer killed outright (``kill -9``, the machine's out-of-memory killer) cannot remove its
temporary file. While it writes, a writer holds an exclusive :func:`fcntl.flock` on its
temporary file; the operating system drops that lock when the process dies, however it dies.
:func:`remove_stale_temps` removes the temporary files in a folder whose lock it can take at
once, so a temporary file of a writer still at work (in another build, another process or
another thread) is never touched, and a reused process id cannot make a dead writer's file look
alive. Where ``flock`` is not available (Windows) or the file system refuses it, a temporary
file counts as stale only once it is older than :data:`STALE_AFTER_S`.
"""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import re
import secrets
import time
from collections.abc import Iterator
from pathlib import Path

from keidesign.errors import ExportError

try:
    import fcntl as _fcntl
except ImportError:  # not POSIX: stale temporary files are told by their age
    _fcntl = None  # type: ignore[assignment]

__all__ = ["STALE_AFTER_S", "atomic_write", "remove_stale_temps", "write_bytes_atomic"]

#: Age in seconds after which a temporary file whose writer cannot be asked (no ``flock``, or a
#: name from before writers locked their files) counts as left behind: one day.
STALE_AFTER_S: float = 24 * 3600.0

logger = logging.getLogger("keidesign")

# ``.<name>.<pid>-<8 hex>.tmp<suffix>``, and ``.<name>.<8 hex>.tmp<suffix>`` as written before
# writers locked their temporary files (told only by their age: such a writer cannot be asked).
_TEMP = re.compile(r"\.(?P<name>.+)\.(?P<pid>\d+)-[0-9a-f]{8}\.tmp(?P<suffix>.*)", re.DOTALL)
_LEGACY_TEMP = re.compile(r"\.(?P<name>.+)\.[0-9a-f]{8}\.tmp(?P<suffix>.*)", re.DOTALL)
# flock failing with these means "this file system cannot lock", not "someone holds the lock".
_NO_LOCKING = {errno.ENOLCK, errno.EOPNOTSUPP, errno.ENOSYS, errno.EINVAL}
_CREATE_ATTEMPTS = 5


@contextlib.contextmanager
def atomic_write(path: str | os.PathLike[str]) -> Iterator[Path]:
    """Give a temporary path to write ``path`` through.

    The temporary file is created (empty) in the target's folder, named
    ``.<name>.<pid>-<random>.tmp<suffix>`` (hidden, and keeping the target's suffix for writers
    that look at it), and locked with :func:`fcntl.flock` until the block ends, which tells
    :func:`remove_stale_temps` that its writer is alive. When the block ends without an
    exception and the file is not empty, it replaces ``path``; otherwise it is removed.

    The writer must write through the path it is given (open it, truncate it); a writer that
    replaced the temporary file by another one would leave it unlocked.

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
    tmp, lock_fd = _create_locked_temp(target)
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
        # Only now, with the temporary name gone, may a sweep take the lock.
        if lock_fd is not None:
            os.close(lock_fd)


def _create_locked_temp(target: Path) -> tuple[Path, int | None]:
    """Create and lock a new temporary file for ``target``: its path and the descriptor holding
    the lock (``None`` where files cannot be locked; then the file is closed again, since an
    open file cannot be replaced on Windows)."""
    for _ in range(_CREATE_ATTEMPTS):
        tmp = target.with_name(
            f".{target.name}.{os.getpid()}-{secrets.token_hex(4)}.tmp{target.suffix}")
        try:
            # O_EXCL: never clobber; the mode follows the umask like any other new file.
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        except OSError as err:
            raise ExportError(f"cannot create a temporary file next to {target}: {err}") from err
        if _fcntl is None:
            os.close(fd)
            return tmp, None
        try:
            # Blocking: a sweep that took the lock in the instant between the creation and
            # here holds it only until it has removed the file (noticed just below).
            _fcntl.flock(fd, _fcntl.LOCK_EX)
        except OSError as err:
            if err.errno not in _NO_LOCKING:
                os.close(fd)
                with contextlib.suppress(OSError):
                    tmp.unlink()
                raise ExportError(f"cannot lock the temporary file {tmp}: {err}") from err
            logger.debug("%s: the file system cannot lock %s (%s); a sweep tells it by its "
                         "age", target.name, tmp.name, err)
            os.close(fd)
            return tmp, None
        if _names_file(tmp, fd):
            return tmp, fd
        # A sweep removed it before the lock was ours: try a new name.
        os.close(fd)
    raise ExportError(f"cannot keep a temporary file next to {target}: removed "
                      f"{_CREATE_ATTEMPTS} times as it was created")


def _names_file(path: Path, fd: int) -> bool:
    """Whether ``path`` is still the file open as ``fd``."""
    try:
        by_name = os.stat(path, follow_symlinks=False)
    except OSError:
        return False
    by_fd = os.fstat(fd)
    return (by_name.st_dev, by_name.st_ino) == (by_fd.st_dev, by_fd.st_ino)


def remove_stale_temps(folder: str | os.PathLike[str]) -> list[Path]:
    """Remove the temporary files that killed writers left in ``folder``.

    A file counts as one of :func:`atomic_write`'s temporary files by its name,
    ``.<name>.<pid>-<8 hex digits>.tmp<suffix>`` with ``<suffix>`` the suffix of ``<name>``;
    it is stale when its writer no longer holds its lock (the writer died: the operating system
    released the lock). Files of writers at work, in this or another process, are left alone,
    whatever the process ids. Where locks are not available, and for names without a process id
    (written by keidesign before writers locked their files), a file is stale once it is older
    than :data:`STALE_AFTER_S`. Only ``folder`` itself is looked at, not its subfolders (each
    export cleans its own folder); one :func:`os.scandir`, and one open per temporary file.

    A file that cannot be removed (permissions) is logged and skipped.

    Args:
        folder: the folder to clean; a missing folder has nothing to remove.

    Returns:
        The files removed, sorted.

    Raises:
        ExportError: ``folder`` exists but cannot be listed.
    """
    folder = Path(folder)
    removed: list[Path] = []
    try:
        with os.scandir(folder) as entries:
            for entry in entries:
                name = entry.name
                if not (name.startswith(".") and ".tmp" in name):
                    continue  # cheap first test: almost every file of a folder stops here
                if _is_candidate(entry):
                    path = folder / name
                    if _remove(path, entry):
                        removed.append(path)
    except FileNotFoundError:
        return []
    except OSError as err:
        raise ExportError(f"cannot look for stale temporary files in {folder}: {err}") from err
    return sorted(removed)


def _is_candidate(entry: os.DirEntry[str]) -> bool:
    """Whether ``entry`` is one of :func:`atomic_write`'s temporary files that may be stale:
    by its name, and by its age where its writer cannot be asked (its lock is tested by
    :func:`_remove`)."""
    match = _TEMP.fullmatch(entry.name)
    legacy = match is None
    if legacy:
        match = _LEGACY_TEMP.fullmatch(entry.name)
    if match is None or Path(match["name"]).suffix != match["suffix"]:
        return False
    try:
        if not entry.is_file(follow_symlinks=False):
            return False
        if legacy or _fcntl is None:
            return _older_than_stale(entry)
    except OSError:
        return False
    return True


def _older_than_stale(entry: os.DirEntry[str]) -> bool:
    return time.time() - entry.stat(follow_symlinks=False).st_mtime > STALE_AFTER_S


def _remove(path: Path, entry: os.DirEntry[str]) -> bool:
    """Remove the temporary file ``path`` if its writer holds no lock on it; whether it was
    removed. Failures are logged, not raised: one unremovable file must not stop a build."""
    fd = None
    try:
        if _fcntl is not None:
            fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
            try:
                _fcntl.flock(fd, _fcntl.LOCK_EX | _fcntl.LOCK_NB)
            except OSError as err:
                if err.errno not in _NO_LOCKING:
                    return False  # EWOULDBLOCK: its writer is at work
                if not _older_than_stale(entry):
                    return False
            if not _names_file(path, fd):
                return False  # moved into place, or removed, while we looked
        os.unlink(path)
    except FileNotFoundError:
        return False  # its writer finished, or another sweep was first
    except OSError as err:
        logger.warning("cannot remove the stale temporary file %s: %s", path, err)
        return False
    finally:
        if fd is not None:
            os.close(fd)
    match = _TEMP.fullmatch(path.name)
    logger.info("removed %s, left by a writer that died%s", path,
                f" (process {match['pid']})" if match else "")
    return True


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
