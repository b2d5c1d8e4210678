"""How many worker processes a build uses (BUILD_WORKERS), and running
many small tasks in forked processes.

`run(count, task, workers)` calls task(0) … task(count - 1) in the calling
process and `workers - 1` forked children. The children are forked after
everything the tasks need is in memory, so each one inherits it by
copy-on-write: nothing is pickled on the way in, and only a failure (or a
log record) comes back. Work is shared out in ranges of indices read from
one pipe, large ranges first and small ones last (guided scheduling), so a
process that drew expensive tasks takes fewer of them.

What the calling process sees is what it would see if it ran the tasks
itself, one by one:

* the failure of the lowest index that failed, as the same exception (its
  type, arguments and attributes), the child's traceback as its __cause__;
* the log records the tasks emitted, in index order, once every process has
  finished (records of indices after the failing one are dropped);
* no process left behind: a child exits with os._exit (no atexit handlers,
  such as staging.py's cleanup, and no second flush of stdio buffers), is
  killed by the kernel when the parent dies (PR_SET_PDEATHSIG), and is killed
  by the parent when the parent is interrupted (Ctrl+C).
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import logging
import os
import pickle
import signal
import struct
import sys
import traceback
from collections.abc import Callable

# Above this, workers mostly wait on each other and the disk.
MAX_AUTO_WORKERS = 8

_RANGE = struct.Struct("=II")  # [start, stop) of indices, one pipe read each
_PR_SET_PDEATHSIG = 1
_STOP_SIGNALS = {signal.SIGINT, signal.SIGTERM}


def worker_count(settings: dict) -> int:
    """BUILD_WORKERS, or with 0 (the default) one per CPU this process may
    use, at most MAX_AUTO_WORKERS. 1 builds in the one process."""
    configured = settings.get("BUILD_WORKERS") or 0
    if configured:
        return int(configured)
    try:
        cpus = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # not Linux
        cpus = os.cpu_count() or 1
    return max(1, min(cpus, MAX_AUTO_WORKERS))


class WorkerTraceback(Exception):  # noqa: N818 (not a failure: one's traceback)
    """The traceback of a failure in a worker process (set as __cause__ of
    the exception raised in the parent, as concurrent.futures does)."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.text = text

    def __str__(self) -> str:
        return f'\n"""\n{self.text}"""'


class WorkerError(Exception):
    """A failure in a worker that could not be sent back as itself."""


def ranges(count: int, workers: int) -> list[tuple[int, int]]:
    """[start, stop) ranges covering range(count): each an eighth (for two
    workers) of what is left, so the last ones are single tasks and no
    process is left with a long tail while the others wait."""
    found = []
    start = 0
    while start < count:
        size = max(1, (count - start) // (workers * 4))
        found.append((start, min(count, start + size)))
        start += size
    return found


def run(count: int, task: Callable[[int], None], workers: int) -> None:
    """task(i) for every i in range(count), in `workers` processes (this
    one included); raises what the lowest failing index raised."""
    if workers <= 1 or count <= 1 or not hasattr(os, "fork"):
        for index in range(count):
            task(index)
        return
    queue_read, queue_write = os.pipe()
    try:
        # A few hundred bytes at most: the pipe holds them all before any
        # reader exists.
        os.write(queue_write, b"".join(_RANGE.pack(*r) for r in ranges(count, workers)))
    finally:
        os.close(queue_write)
    children: dict[int, int] = {}  # pid -> read end of its result pipe
    parent = os.getpid()
    try:
        _flush_stdio()
        # Objects made so far are never collected in a child: its collector
        # does not write to (and so copy) every page of the parent's heap.
        gc.freeze()
        # A child starts with every page the parent holds, freed or not:
        # what malloc keeps of freed memory (the content read, the cache
        # entries' bytes) goes back first.
        _trim_heap()
        # Ctrl+C or a SIGTERM waits until every child is known (and killed
        # with the parent): one that lands inside os.fork is lost otherwise.
        mask = signal.pthread_sigmask(signal.SIG_BLOCK, _STOP_SIGNALS)
        try:
            for _ in range(min(workers, count) - 1):
                result_read, result_write = os.pipe()
                try:
                    pid = os.fork()
                except OSError:  # no room for another process: go on with fewer
                    os.close(result_read)
                    os.close(result_write)
                    break
                if pid == 0:
                    os.close(result_read)
                    _child(parent, queue_read, result_write, task, mask)  # never returns
                os.close(result_write)
                children[pid] = result_read
        finally:
            gc.unfreeze()
            signal.pthread_sigmask(signal.SIG_SETMASK, mask)
        outcomes = [_work(queue_read, task)]
        for pid, result_read in list(children.items()):
            outcomes.append(_collect(pid, result_read))
            del children[pid]
    except BaseException:
        _kill(children)
        raise
    finally:
        os.close(queue_read)
    _finish(outcomes)


def _flush_stdio() -> None:
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):
            stream.flush()


def _work(queue_read: int, task: Callable[[int], None]) -> dict:
    """Take ranges until none are left; on a failure, empty the queue so
    that the other processes stop after the range they are on."""
    capture = _Capture()
    root = logging.getLogger()
    # The records go to the parent's handlers once, in index order.
    handlers, root.handlers = root.handlers, [capture]
    try:
        while True:
            data = os.read(queue_read, _RANGE.size)
            if not data:
                return {"records": capture.records, "error": None}
            start, stop = _RANGE.unpack(data)
            for index in range(start, stop):
                capture.index = index
                try:
                    task(index)
                except (Exception, SystemExit) as err:
                    while os.read(queue_read, 4096):
                        pass
                    return {"records": capture.records, "error": (index, err)}
    finally:
        root.handlers = handlers


def _child(
    parent: int, queue_read: int, result_write: int, task: Callable[[int], None], mask: set
) -> None:
    """A worker: do its share, send back the outcome, and leave at once."""
    code = 1
    try:
        _die_with_parent()
        if os.getppid() != parent:  # the parent died before the line above
            os._exit(1)
        # Ctrl+C reaches the whole process group: a worker just ends.
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        signal.pthread_sigmask(signal.SIG_SETMASK, mask)
        outcome = _work(queue_read, task)
        if outcome["error"]:
            index, err = outcome["error"]
            outcome["error"] = (index, _describe(err))
        data = pickle.dumps(outcome)
        with open(result_write, "wb", closefd=False) as out:
            out.write(data)
        code = 0
    except BaseException:
        with contextlib.suppress(BaseException):
            traceback.print_exc()
            sys.stderr.flush()
    finally:
        os._exit(code)


def _trim_heap() -> None:
    """Give the C heap's free pages back to the system (glibc's
    malloc_trim; nothing elsewhere). Some milliseconds; at 5,000 articles
    it lowered the build's peak by about 13 MB (issue 12)."""
    with contextlib.suppress(Exception):
        ctypes.CDLL(None).malloc_trim(0)


def _die_with_parent() -> None:
    """Ask the kernel to kill this process when its parent dies (Linux)."""
    with contextlib.suppress(Exception):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)


def _collect(pid: int, result_read: int) -> dict:
    """A child's outcome, once it has exited. The pipe is closed last: if
    this is interrupted, _kill closes it."""
    chunks = []
    while chunk := os.read(result_read, 1 << 16):
        chunks.append(chunk)
    data = b"".join(chunks)
    _, status = os.waitpid(pid, 0)
    os.close(result_read)
    if data:
        with contextlib.suppress(Exception):
            return pickle.loads(data)
    code = os.waitstatus_to_exitcode(status)
    how = f"was killed by signal {-code}" if code < 0 else f"exited with status {code}"
    error = WorkerError(f"a build worker process {how}")
    return {"records": [], "error": (sys.maxsize, error)}


def _kill(children: dict[int, int]) -> None:
    for pid, result_read in children.items():
        with contextlib.suppress(OSError):
            os.kill(pid, signal.SIGKILL)
        with contextlib.suppress(OSError):
            os.close(result_read)
    for pid in children:
        with contextlib.suppress(OSError):
            os.waitpid(pid, 0)
    children.clear()


def _finish(outcomes: list[dict]) -> None:
    """Log what the tasks logged and raise what the first failure raised.
    `outcomes` are the parent's first, then the children's."""
    errors = [outcome["error"] for outcome in outcomes if outcome["error"]]
    first = min(errors, key=lambda error: error[0]) if errors else None
    last = first[0] if first else sys.maxsize
    records = sorted(
        (
            (index, worker, fields)
            for worker, outcome in enumerate(outcomes)
            for index, fields in outcome["records"]
            if index <= last
        ),
        key=lambda entry: entry[0],
    )
    for _, worker, fields in records:
        record = logging.makeLogRecord(fields)
        logger = logging.getLogger(record.name)
        # The emitting process has applied the logger's level and filters; a
        # worker's records pass the parent's filters too (Pelican's drop
        # messages already logged, and raise FilteredMessage to say so).
        if worker:
            try:
                if not logger.filter(record):
                    continue
            except Exception:
                continue
        logger.callHandlers(record)
    if first:
        failure = first[1]
        # The parent's own failure is raised as it is, with its traceback.
        raise failure if isinstance(failure, BaseException) else _rebuild(failure)


class _Capture(logging.Handler):
    """Keeps the records a task emits, with its index, ready to pickle."""

    def __init__(self) -> None:
        super().__init__()
        self.index = 0
        self.records: list[tuple[int, dict]] = []

    def emit(self, record: logging.LogRecord) -> None:
        fields = dict(record.__dict__)
        fields["msg"] = record.getMessage()
        fields["args"] = None
        if record.exc_info:
            fields["exc_text"] = logging.Formatter().formatException(record.exc_info)
        fields["exc_info"] = None
        fields = {key: value for key, value in fields.items() if _picklable(value)}
        self.records.append((self.index, fields))


def _picklable(value: object) -> bool:
    try:
        pickle.dumps(value)
    except Exception:
        return False
    return True


def _describe(err: BaseException) -> tuple:
    """What the parent needs to raise `err` again: the exception pickled if
    it comes back whole, else its class, arguments and attributes (an
    exception whose __init__ takes other arguments than it keeps in args,
    such as Jinja's TemplateSyntaxError, cannot be unpickled), else its text."""
    text = "".join(traceback.format_exception(err))
    with contextlib.suppress(Exception):
        data = pickle.dumps(err)
        pickle.loads(data)
        return ("pickled", data, text)
    with contextlib.suppress(Exception):
        state = {k: v for k, v in vars(err).items() if _picklable(v)}
        state.pop("__traceback__", None)
        data = pickle.dumps((type(err), err.args, state))
        return ("parts", data, text)
    return ("text", f"{type(err).__name__}: {err}", text)


def _rebuild(description: tuple) -> BaseException:
    kind, data, text = description
    err: BaseException
    if kind == "pickled":
        err = pickle.loads(data)
    elif kind == "parts":
        cls, args, state = pickle.loads(data)
        err = cls.__new__(cls, *args)
        err.args = args
        err.__dict__.update(state)
    else:
        err = WorkerError(data)
    err.__cause__ = WorkerTraceback(text)
    return err
