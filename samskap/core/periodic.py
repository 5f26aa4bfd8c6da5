"""Periodic jobs: reminders, digests and retries that apps register with ``registry.add_periodic_job``.

``samskap periodic`` (run every few minutes by one systemd timer or cron line, see README) starts each job
whose interval has passed since it was last started. Starting is claimed in the database first, so two
timers on two machines never start the same run twice; the jobs themselves are idempotent as well.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone

from samskap.core.models import PeriodicRun
from samskap.core.registry import PeriodicJob, PeriodicStart, registry

#: a job started up to this much early still counts as due (a 5-minute timer should not drift a daily job)
SLACK = dt.timedelta(minutes=5)


@dataclass(frozen=True)
class JobState:
    job: PeriodicJob
    last_started_at: dt.datetime | None
    last_result: str
    due: bool


def states(now: dt.datetime | None = None) -> list[JobState]:
    now = now or timezone.now()
    runs = {r.name: r for r in PeriodicRun.objects.all()}
    out = []
    for job in registry.periodic_jobs():
        run = runs.get(job.name)
        last = run.last_started_at if run else None
        out.append(JobState(job, last, run.last_result if run else "",
                            last is None or now - last >= job.every - SLACK))
    return out


def _claim(job: PeriodicJob, now: dt.datetime, force: bool) -> bool:
    """Record that ``job`` starts now, if it is due (or ``force``); False when another process has just
    started it."""
    with transaction.atomic():
        updated = PeriodicRun.objects.filter(name=job.name)
        if not force:
            updated = updated.filter(last_started_at__lte=now - job.every + SLACK)
        if updated.update(last_started_at=now, last_result=""):
            return True
        if PeriodicRun.objects.filter(name=job.name).exists():
            return False
    try:
        with transaction.atomic():
            PeriodicRun.objects.create(name=job.name, last_started_at=now)
    except IntegrityError:
        return False
    return True


def run_due(now: dt.datetime | None = None, *, only: str = "", force: bool = False) -> list[tuple[str, str]]:
    """Start every due job (or only the job named ``only``; ``force`` starts it even when not due).
    Returns (name, result) for each job started. A job whose start fails is recorded with the error and
    tried again on the next run."""
    now = now or timezone.now()
    started = []
    for job in registry.periodic_jobs():
        if only and job.name != only:
            continue
        if not _claim(job, now, force):
            continue
        try:
            result = job.start()
        except Exception as exc:  # noqa: BLE001 - one job's failure must not stop the others
            PeriodicRun.objects.filter(name=job.name).update(
                last_started_at=now - job.every, last_result=f"failed: {exc}"[:300])
            started.append((job.name, f"failed: {exc}"))
            continue
        PeriodicRun.objects.filter(name=job.name).update(last_result=str(result)[:300])
        started.append((job.name, str(result)))
    return started


def enqueues(task: object, **kwargs: object) -> PeriodicStart:
    """A ``start`` for ``registry.add_periodic_job`` that enqueues a django-tasks task."""

    def start() -> str:
        result = task.enqueue(**kwargs)  # type: ignore[attr-defined]
        return f"enqueued {task.name} as {result.id}"  # type: ignore[attr-defined]

    return start
