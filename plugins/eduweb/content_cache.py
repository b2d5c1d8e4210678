"""The per-file work of the validation pass: in worker processes, and cached.

Reading one content file (YAML, the contract's model, the body's own
checks) and rendering its body to HTML is a pure function of:

- the file's bytes, its kind and its path (the address comes from the name;
  `rel_path` is in every message);
- the code: every `.py` file of this plugin, and the versions of Python,
  pydantic, PyYAML, Markdown and Pillow;
- the settings the file context holds (`FILE_CONTEXT`): the content folder,
  STATIC_PATHS, the time zone (TIMEZONE: dates are read in it), the
  language of the messages (MESSAGES_LANGUAGE), and whether the bodies are
  rendered (the build: yes; a bare validation, scan(settings): no);
- a few facts about other files, recorded while the file is read (`Facts`):
  whether a linked file exists (`{static}`, `{filename}`), whether a picture
  is among the static files, and what the check of a picture it shows said.

Those in the first three groups make the key of a file's entry (`key`);
the facts are stored with it and checked again before it is used, so adding
a picture or an article does not throw away the entries of every other file.
Nothing else reaches the per-file step: it is given only the context keys
above (a new check that reads another setting fails loudly until it is
added here). PUBLIC_URL, NEWS_PER_PAGE and the build moment (`now`) are only
used by the checks across files, which run in every build.

Only files without problems are cached: a problem's text may depend on the
whole site (a "did you mean" among all pictures), and a build with problems
stops anyway, so the next build reads such a file again.

Two layers: one in memory (a long-running process, the preview, reads only
the files that changed) and one on disk under `.cache/content/` beside the
content folder (CONTENT_CACHE moves it; CI keeps it between runs). A disk
entry is written atomically, is ignored when it cannot be read (a truncated
or foreign file is rebuilt, never a traceback), and entries this build did
not use are removed, so the folder holds one build's worth.

Files not found in either layer are read in worker processes (BUILD_WORKERS,
parallel.py), forked so that they share the already loaded code and the
build's context. Results come back in the order of the files.
"""

from __future__ import annotations

import contextlib
import copy
import hashlib
import multiprocessing
import os
import pickle
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from multiprocessing import get_context
from pathlib import Path

from . import messages, parallel
from .errors import ContentError, ContentValidationError
from .files import write_whole

FORMAT = 1  # of an entry; raise it when what is stored changes shape
CACHE_FOLDER = os.path.join(".cache", "content")
ENTRY_SUFFIX = ".pickle"
# Below this many files to read, starting worker processes costs more than
# they save (about 4 ms a file on one core, some 30 ms to start a pool).
MIN_PARALLEL_FILES = 50
# Chunks per worker: enough to even out slow files, few enough that each
# round trip carries many results.
CHUNKS_PER_WORKER = 4
# The keys of the validation context the per-file step may read.
FILE_CONTEXT = ("tz", "content_path", "static_paths", "static_files", "picture_checks", "render")
PLUGIN_DIR = Path(__file__).resolve().parent
_LIBRARIES = ("pydantic", "pydantic_core", "yaml", "markdown", "PIL")


@dataclass
class Facts:
    """What reading one file learned about other files; the result holds
    while these are the same. `complete` is False when the file looked at
    something not recorded (the whole list of static files, for a hint)."""

    pictures: dict[str, str | None] = field(default_factory=dict)  # path -> check's message
    files: dict[str, bool] = field(default_factory=dict)  # absolute path -> is a file
    static: dict[str, bool] = field(default_factory=dict)  # content path -> is static
    complete: bool = True

    def hold(self, context: dict) -> bool:
        from .pictures import checked  # pictures imports content-level modules

        static = context["static_files"]
        return (
            self.complete
            and all(os.path.isfile(path) == found for path, found in self.files.items())
            and all((rel in static) == found for rel, found in self.static.items())
            and all(checked(path, context) == said for path, said in self.pictures.items())
        )


class _RecordedChecks:
    """context["picture_checks"] for one file: the shared memo of picture
    checks (pictures.checked), noting each answer the file was given."""

    def __init__(self, shared: dict, facts: Facts):
        self.shared, self.facts = shared, facts

    def __contains__(self, path: str) -> bool:
        return path in self.shared

    def __getitem__(self, path: str):
        said = self.shared[path]
        self.facts.pictures[path] = said
        return said

    def __setitem__(self, path: str, said) -> None:
        self.shared[path] = said


class _RecordedFiles:
    """context["static_files"] for one file: membership is noted; a look at
    the whole set (a "did you mean" hint) makes the result uncacheable."""

    def __init__(self, files: frozenset[str], facts: Facts):
        self.files, self.facts = files, facts

    def __contains__(self, rel: object) -> bool:
        found = rel in self.files
        self.facts.static[rel] = found
        return found

    def __iter__(self) -> Iterator[str]:
        self.facts.complete = False
        return iter(self.files)

    def __len__(self) -> int:
        self.facts.complete = False
        return len(self.files)


def file_context(context: dict) -> tuple[dict, Facts]:
    """The context one file is read with, and the Facts it will record."""
    facts = Facts()
    own = {name: context[name] for name in FILE_CONTEXT if name in context}
    own["picture_checks"] = _RecordedChecks(context.setdefault("picture_checks", {}), facts)
    own["static_files"] = _RecordedFiles(context.get("static_files", frozenset()), facts)
    own["facts"] = facts
    return own, facts


def isfile(context: dict, path: str) -> bool:
    """os.path.isfile, noted among the reading file's facts."""
    found = os.path.isfile(path)
    facts = context.get("facts")
    if facts is not None:
        facts.files[path] = found
    return found


# ------------------------------------------------------------------ keys


def build_key(context: dict) -> bytes:
    """What every entry of this build depends on besides its file (above)."""
    digest = hashlib.sha256(f"eduweb content cache {FORMAT}\0{sys.version}\0".encode())
    for name in _LIBRARIES:
        module = sys.modules.get(name) or __import__(name)
        version = getattr(module, "__version__", None) or getattr(module, "VERSION", "")
        digest.update(f"{name}={version}\0".encode())
    for path in sorted(PLUGIN_DIR.rglob("*.py")):
        digest.update(str(path.relative_to(PLUGIN_DIR)).encode() + b"\0")
        digest.update(path.read_bytes())
    settings = (
        context["content_path"],
        repr(list(context["static_paths"])),
        str(context["tz"]),
        messages.language(),
        str(bool(context.get("render"))),  # whether entries hold the HTML
    )
    digest.update("\0".join(settings).encode())
    return digest.digest()


def entry_key(build: bytes, kind: str, source_path: str, rel_path: str, raw: bytes) -> str:
    digest = hashlib.sha256(build)
    digest.update(f"\0{kind}\0{source_path}\0{rel_path}\0".encode())
    digest.update(raw)
    return digest.hexdigest()


def cache_dir(settings: dict) -> str:
    """CONTENT_CACHE, or .cache/content/ beside the content folder."""
    configured = settings.get("CONTENT_CACHE")
    if configured:
        return os.path.abspath(configured)
    return os.path.join(os.path.dirname(os.path.abspath(settings["PATH"])), CACHE_FOLDER)


# ---------------------------------------------------------------- storage

# key -> (Document, References, Facts) of the files the last build used.
_MEMORY: dict[str, tuple] = {}


def _load(folder: str, key: str):
    """A disk entry's (Document, References, Facts), or None when there is
    none or it cannot be used: whatever is wrong with a cache file (cut
    short by a full disk, written by another version, not ours) means only
    that the file is read again."""
    try:
        with open(os.path.join(folder, key + ENTRY_SUFFIX), "rb") as handle:
            stored = pickle.load(handle)
    except Exception:  # any unreadable entry is a miss
        return None
    if not (isinstance(stored, tuple) and len(stored) == 5 and stored[:2] == (FORMAT, key)):
        return None
    return stored[2:]


def _store(folder: str, key: str, blob: bytes) -> None:
    """Write an entry under a temporary name, then rename it: a reader sees
    the whole entry or none. A cache that cannot be written is no error."""
    path = os.path.join(folder, key + ENTRY_SUFFIX)
    try:
        # The folder is made only when it is missing: a build stores
        # thousands of entries, and each makedirs is a system call.
        try:
            write_whole(path, blob, suffix=ENTRY_SUFFIX)
        except FileNotFoundError:
            os.makedirs(folder, exist_ok=True)
            write_whole(path, blob, suffix=ENTRY_SUFFIX)
    except OSError:
        pass


def _entry_blob(key: str, doc, refs, facts: Facts) -> bytes:
    return pickle.dumps((FORMAT, key, doc, refs, facts), protocol=pickle.HIGHEST_PROTOCOL)


def _prune(folder: str, used: set[str]) -> None:
    """Remove the entries this build did not use, and leftovers of writes
    that were cut short, so the folder does not grow with every edit."""
    try:
        names = os.listdir(folder)
    except OSError:
        return
    for name in names:
        stale = name.startswith(".tmp-") or (
            name.endswith(ENTRY_SUFFIX) and name[: -len(ENTRY_SUFFIX)] not in used
        )
        if stale:
            with contextlib.suppress(OSError):
                os.unlink(os.path.join(folder, name))


# ------------------------------------------------------------ the reading


@dataclass
class Job:
    kind: str
    source_path: str
    rel_path: str
    raw: bytes | None = None  # None: not readable here; the reader reports why
    key: str | None = None


Parse = Callable[[Job, dict], tuple]  # (job, file context) -> (doc, errors, refs)

# Set by read_all before worker processes fork: they inherit it (the jobs'
# bytes and the context are not sent to them).
_WORK: dict = {}


def read_all(jobs: list[Job], context: dict, settings: dict, parse: Parse) -> list[tuple]:
    """(Document or None, errors, References or None) for every job, in order."""
    build = build_key(context)
    folder = cache_dir(settings)
    results: list[tuple | None] = [None] * len(jobs)
    used: dict[str, tuple] = {}
    missing: list[int] = []
    for number, job in enumerate(jobs):
        if job.raw is not None:
            job.key = entry_key(build, job.kind, job.source_path, job.rel_path, job.raw)
            found = _MEMORY.get(job.key) or _load(folder, job.key)
            if found is not None and found[2].hold(context):
                doc, refs, facts = found
                used[job.key] = found
                job.raw = None  # its key is all it was read for
                # A copy: the build sets fields of its documents (doc.html).
                results[number] = (copy.copy(doc), [], refs)
                continue
        missing.append(number)
    workers = parallel.worker_count(settings) if _can_fork() else 1
    if workers > 1 and len(missing) >= MIN_PARALLEL_FILES:
        outcomes = _in_workers(jobs, missing, context, parse, folder, workers)
    else:
        outcomes = (_read_one(jobs[n], context, parse, folder)[0] for n in missing)
    for number, (doc, errors, refs, facts) in zip(missing, outcomes, strict=True):
        results[number] = (doc, errors, refs)
        key = jobs[number].key
        if key and _cacheable(doc, errors, facts):
            used[key] = (copy.copy(doc), refs, facts)
    _MEMORY.clear()
    _MEMORY.update(used)
    _prune(folder, set(used))
    return results


def _can_fork() -> bool:
    """Workers are forked: not on Windows, and not from a daemonic
    multiprocessing process, which may not have children."""
    return "fork" in multiprocessing.get_all_start_methods() and not (
        multiprocessing.current_process().daemon
    )


def _cacheable(doc, errors: list[ContentError], facts: Facts) -> bool:
    return doc is not None and not errors and facts.complete


def _read_one(job: Job, context: dict, parse: Parse, folder: str) -> tuple[tuple, bytes | None]:
    """Read one file: (Document, errors, References, Facts), and its disk
    entry as written, when it is cacheable."""
    own, facts = file_context(context)
    doc, errors, refs = parse(job, own)
    blob = None
    if job.key and _cacheable(doc, errors, facts):
        blob = _entry_blob(job.key, doc, refs, facts)
        _store(folder, job.key, blob)
    return (doc, errors, refs, facts), blob


def _unpack(sent: tuple) -> tuple:
    """What a worker sent: a disk entry (a file without problems), else
    (Document, errors, References, Facts)."""
    if len(sent) == 5:
        _format, _key, doc, refs, facts = sent
        return doc, [], refs, facts
    return sent


def _read_chunk(numbers: list[int]) -> list[bytes]:
    """In a worker: read some files; one pickle each, sent back as it is
    (a file's disk entry is that pickle: each result is pickled once)."""
    jobs, context, parse, folder = (_WORK[k] for k in ("jobs", "context", "parse", "folder"))
    out = []
    for number in numbers:
        result, blob = _read_one(jobs[number], context, parse, folder)
        out.append(blob or pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL))
    return out


def _worker_start() -> None:
    # Ctrl-C reaches every process of the terminal: the main one stops the
    # workers, which should not print tracebacks of their own.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _die_with_parent()


def _die_with_parent() -> None:
    """Linux: a worker gets SIGKILL when the build process dies, even by
    SIGKILL, instead of waiting for work forever."""
    if sys.platform != "linux":
        return
    with contextlib.suppress(Exception):
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG


class _Stopped(BaseException):
    """SIGTERM while workers run: raised so that they are stopped too."""


def _in_workers(
    jobs: list[Job], missing: list[int], context: dict, parse: Parse, folder: str, workers: int
) -> list[tuple]:
    """(Document, errors, References, Facts) of each missing file, in order."""
    size = max(1, -(-len(missing) // (workers * CHUNKS_PER_WORKER)))
    chunks = [missing[start : start + size] for start in range(0, len(missing), size)]
    _WORK.update(jobs=jobs, context=context, parse=parse, folder=folder)
    executor = ProcessPoolExecutor(
        max_workers=min(workers, len(chunks)),
        mp_context=get_context("fork"),
        initializer=_worker_start,
    )
    results: list[tuple] = []
    try:
        with _sigterm_raises():
            futures = [executor.submit(_read_chunk, chunk) for chunk in chunks]
            for number, chunk in enumerate(chunks):
                # Each chunk's pickles are read as it comes and let go of
                # (its future too): holding them all until the last came
                # added some 70 MB to the build's peak (issue 12).
                future, futures[number] = futures[number], None
                try:
                    blobs = future.result()
                except BrokenProcessPool:
                    raise ContentValidationError(
                        [_stopped_worker(jobs[chunk[0]], jobs[chunk[-1]])]
                    ) from None
                del future
                results.extend(_unpack(pickle.loads(blob)) for blob in blobs)
                del blobs
        executor.shutdown(wait=True)
    except BaseException:
        _kill(executor)
        raise
    finally:
        _WORK.clear()
    return results


def _stopped_worker(first: Job, last: Job) -> ContentError:
    return ContentError(
        first.rel_path,
        1,
        messages.text("where.file"),
        messages.text("content.worker_stopped", last=last.rel_path),
    )


@contextlib.contextmanager
def _sigterm_raises() -> Iterator[None]:
    """SIGTERM's default ends the process at once, leaving the workers; here
    it unwinds, so that `_stop` ends them first."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stopped(signum, frame):
        raise _Stopped

    previous = signal.signal(signal.SIGTERM, stopped)
    try:
        yield
    except _Stopped:
        signal.signal(signal.SIGTERM, previous)
        raise SystemExit(128 + signal.SIGTERM) from None
    finally:
        signal.signal(signal.SIGTERM, previous)


def _kill(executor: ProcessPoolExecutor) -> None:
    """End the workers at once (an error, Ctrl-C, SIGTERM): none is left
    running, and each is waited for, so none is left a zombie."""
    processes = list((getattr(executor, "_processes", None) or {}).values())
    for process in processes:
        if process.is_alive():
            process.kill()
    # Waiting also covers the workers the executor's own thread was ending
    # when its pool broke (a worker died): they are no longer in _processes
    # above, and that thread joins them.
    executor.shutdown(wait=True, cancel_futures=True)
    for process in processes:
        process.join()
