"""Starting background work after a write: the one way every action does it.

    from samskap.core.tasks import enqueue_on_commit
    enqueue_on_commit(tasks.plan_workshop, plan.pk)

The task is enqueued when the action's transaction commits, so the worker never sees a row that is not
yet (or never) committed; a rolled-back action enqueues nothing. Outside a transaction it is enqueued at
once. In tests (ImmediateBackend) the task runs at the commit: wrap the call in
`django_capture_on_commit_callbacks(execute=True)` to run it inside a test's transaction.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction


def enqueue_on_commit(task: Any, *args: Any, **kwargs: Any) -> None:
    """Enqueue `task(*args, **kwargs)` (a `django_tasks` task) once the current transaction commits."""
    transaction.on_commit(lambda: task.enqueue(*args, **kwargs))
