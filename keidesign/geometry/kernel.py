"""Settings of the CAD kernel (OCCT) itself."""

from __future__ import annotations

__all__ = ["limit_kernel_threads"]


def limit_kernel_threads(threads: int) -> None:
    """Cap OCCT's shared thread pool at ``threads`` threads.

    Worker processes of a CAD sweep use this: the workers are the parallelism, and OCCT's
    parallel booleans would otherwise make N workers compete for the same cores.

    Raises:
        ParameterError: ``threads`` is not a positive whole number.
    """
    from keidesign.errors import ParameterError

    if isinstance(threads, bool) or not isinstance(threads, int) or threads < 1:
        raise ParameterError(f"'threads' must be a whole number ≥ 1 (got {threads!r})",
                             name="threads", value=threads)
    from OCP.OSD import OSD_ThreadPool

    OSD_ThreadPool.DefaultPool_s().Init(threads)
