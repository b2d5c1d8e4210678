"""How many worker processes a build uses (BUILD_WORKERS)."""

from __future__ import annotations

import os

# Above this, workers mostly wait on each other and the disk.
MAX_AUTO_WORKERS = 8


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
