"""Uploaded registration files kept between the import preview and its confirmation.

The file is written to a private folder under a random token (``secrets.token_urlsafe``); the session of the
coordinator who uploaded it holds the token with the event, the user, the file name and the file's SHA-256.
A file is only given back to the same session and user, for the same event, unchanged and within
``MAX_AGE``; older files are removed at the next upload. Nothing here touches the database.
"""

from __future__ import annotations

import hashlib
import re
import secrets
import tempfile
import time
from pathlib import Path
from typing import Any

from django.conf import settings

SESSION_KEY = "workshops.import_uploads"
MAX_AGE = 60 * 60  # seconds
MAX_FILES_PER_SESSION = 5
_TOKEN_RE = re.compile(r"^[A-Za-z0-9_-]{32,64}$")


def folder() -> Path:
    path = Path(getattr(settings, "WORKSHOP_IMPORT_DIR", "") or Path(tempfile.gettempdir()) / "samskap-imports")
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    return path


def _path(token: str) -> Path:
    return folder() / f"{token}.upload"


def _clean_old() -> None:
    cutoff = time.time() - MAX_AGE
    for old in folder().glob("*.upload"):
        try:
            if old.stat().st_mtime < cutoff:
                old.unlink()
        except OSError:
            pass


def store(request: Any, event: Any, data: bytes, filename: str) -> str:
    """Keep ``data`` for the preview; returns the token for the preview's address."""
    _clean_old()
    token = secrets.token_urlsafe(32)
    _path(token).write_bytes(data)
    uploads = dict(request.session.get(SESSION_KEY, {}))
    excess = len(uploads) - (MAX_FILES_PER_SESSION - 1)
    for old in sorted(uploads, key=lambda t: uploads[t]["at"])[:max(0, excess)]:
        discard(request, old, _uploads=uploads)
    uploads[token] = {"event": event.pk, "user": request.user.pk, "name": Path(filename).name[:200],
                      "sha256": hashlib.sha256(data).hexdigest(), "at": time.time()}
    request.session[SESSION_KEY] = uploads
    return token


def load(request: Any, event: Any, token: str) -> tuple[bytes, str] | None:
    """The kept file and its name, or None when the token is not this session's, for another event or user,
    expired, or the file is gone or changed."""
    if not _TOKEN_RE.match(token or ""):
        return None
    entry = request.session.get(SESSION_KEY, {}).get(token)
    if not entry or entry["event"] != event.pk or entry["user"] != request.user.pk:
        return None
    if time.time() - entry["at"] > MAX_AGE:
        return None
    try:
        data = _path(token).read_bytes()
    except OSError:
        return None
    if hashlib.sha256(data).hexdigest() != entry["sha256"]:
        return None
    return data, entry["name"]


def discard(request: Any, token: str, *, _uploads: dict | None = None) -> None:
    """Forget the kept file (after the import, or when the coordinator cancels)."""
    if not _TOKEN_RE.match(token or ""):
        return
    uploads = _uploads if _uploads is not None else dict(request.session.get(SESSION_KEY, {}))
    uploads.pop(token, None)
    if _uploads is None:
        request.session[SESSION_KEY] = uploads
    try:
        _path(token).unlink()
    except OSError:
        pass
