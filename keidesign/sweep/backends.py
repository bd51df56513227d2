"""Where a sweep's tasks run, and what happens when a worker hangs or dies.

- :class:`InlineBackend`: in this process, one task after another (no pickling: the fastest
  for analysis-only sweeps on one core);
- :class:`PoolBackend`: a :class:`pebble.ProcessPool` of spawned worker processes. A task
  that overruns its time-out is stopped by killing its worker process (a stuck OCCT call
  ignores signals and Python exceptions alike) and the pool starts a new worker; a worker
  that dies (a crash in the kernel, ``kill -9``, the out-of-memory killer) fails only the
  task it was running, which the sweep retries (:data:`MAX_ATTEMPTS`). Every CAD sweep runs
  here, so its per-point time-out is real even with one worker;
- :class:`ExecutorBackend`: any :class:`concurrent.futures.Executor` (threads, a Dask
  client's executor). It cannot stop a running task: a point that overruns is recorded as
  timed out when it returns.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
from concurrent.futures import Executor, Future
from typing import Any

from keidesign.errors import KeiDesignError
from keidesign.sweep.evaluate import Task, TaskResult, evaluate_task, init_worker

__all__ = ["InlineBackend", "PoolBackend", "ExecutorBackend", "WorkerError", "TaskKilled",
           "WorkerDied", "MAX_ATTEMPTS", "START_TIMEOUT_S", "machine_cores"]

logger = logging.getLogger("keidesign")

#: How many times a task is run when the worker process running it dies (1 + 2 retries).
MAX_ATTEMPTS = 3
#: How long a new worker process may take to start and import what it needs, s.
START_TIMEOUT_S = 180.0
_GUARD_HINT = ("a script that runs a sweep with workers must start it under "
               "`if __name__ == \"__main__\":` (worker processes are spawned and import it)")


class WorkerError(KeiDesignError, RuntimeError):
    """The sweep's worker processes could not start."""


class TaskKilled(Exception):
    """A task overran its time-out and its worker process was stopped (the pool starts
    another)."""


class WorkerDied(Exception):
    """The worker process running a task died (a crash, ``kill -9``, out of memory)."""


def machine_cores() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


class InlineBackend:
    """Runs each task in this process when it is submitted."""

    slots = 1

    def submit(self, task: Task) -> Future[TaskResult]:
        future: Future[TaskResult] = Future()
        try:
            future.set_result(evaluate_task(task))
        except Exception as err:  # the caller decides: a concept error stops the sweep
            future.set_exception(err)
        return future


class ExecutorBackend:
    """Runs tasks on a caller's executor (not shut down here)."""

    def __init__(self, executor: Executor, slots: int) -> None:
        self.executor = executor
        self.slots = slots

    def submit(self, task: Task) -> Future[TaskResult]:
        return self.executor.submit(evaluate_task, task)


def _ready() -> int:
    return os.getpid()


class PoolBackend:
    """Spawned worker processes that can be killed: a :class:`pebble.ProcessPool`.

    Args:
        workers: processes.
        cad: import the CAD kernel in each worker before its first task.

    Raises:
        WorkerError: the workers did not start within :data:`START_TIMEOUT_S` (typically a
            script without a ``__main__`` guard, or a worker that cannot import keidesign).
    """

    def __init__(self, workers: int, cad: bool) -> None:
        from pebble import ProcessPool

        self.slots = workers
        try:
            self.pool = ProcessPool(max_workers=workers, initializer=init_worker,
                                    initargs=(cad,),
                                    context=multiprocessing.get_context("spawn"))
        except RuntimeError as err:
            raise WorkerError(f"the sweep cannot start worker processes ({err}); "
                              f"{_GUARD_HINT}") from err
        try:
            self.pool.schedule(_ready, timeout=START_TIMEOUT_S).result()
        except BaseException as err:
            self.close(cancel=True)
            if not isinstance(err, Exception):  # Ctrl-C while the workers start
                raise
            raise WorkerError(f"the sweep's worker processes failed to start "
                              f"({type(err).__name__}: {err}); {_GUARD_HINT}") from err

    def submit(self, task: Task) -> Future[TaskResult]:
        """Run ``task`` in a worker; its future raises :class:`TaskKilled` or
        :class:`WorkerDied` when the worker was stopped or died."""
        from pebble import ProcessExpired

        timeout = None if task.timeout_s is None or task.mode == "fast" \
            else task.timeout_s * task.n_points
        running = self.pool.schedule(evaluate_task, args=(task,), timeout=timeout)
        future: Future[TaskResult] = Future()

        def done(f: Future[TaskResult]) -> None:
            if future.cancelled():  # the sweep stopped waiting for it
                return
            try:
                future.set_result(f.result())
            except TimeoutError as err:
                future.set_exception(TaskKilled(f"{err}"))
            except ProcessExpired as err:
                future.set_exception(WorkerDied(f"{err} (exit code {err.exitcode})"))
            except BaseException as err:  # the task's own error (a ConceptError), or a cancel
                future.set_exception(err)

        running.add_done_callback(done)
        future.add_done_callback(lambda f: f.cancelled() and running.cancel())
        return future

    def close(self, cancel: bool = False) -> None:
        """Stop the workers: at once (``cancel``), or once their tasks are done."""
        if cancel:
            self.pool.stop()
        else:
            self.pool.close()
        self.pool.join()


def dask_backend(scheduler: Any) -> tuple[ExecutorBackend, Any]:
    """A backend on a Dask distributed scheduler (an address or a ``distributed.Client``).

    Returns:
        The backend and the client to close afterwards (``None`` if it is the caller's).
    """
    from distributed import Client

    own = not isinstance(scheduler, Client)
    client = Client(scheduler) if own else scheduler
    slots = sum(client.nthreads().values()) or 1
    return ExecutorBackend(client.get_executor(pure=False), slots), client if own else None
