"""Immutable on-disk snapshots of an :class:`~.index.Index`, shared by every process that maps them.

A snapshot is one directory ``<root>/v<version>-<stamp>/`` holding

* ``a0000.npy`` ... -- every numpy array of the index (the vector matrix, the BM25 postings of each
  field): loaded with ``mmap_mode="r"``, so the pages are the operating system's page cache and are
  shared by all web workers of a machine (resident once, not once per worker);
* ``g0000.usearch`` -- the approximate nearest-neighbour graph of a big catalogue (:mod:`.ann`),
  *viewed* (memory-mapped read-only) by usearch, so it is shared the same way;
* ``index.pkl`` -- the rest of the index (items, vocabulary, analyser state) and the caller's payload,
  with the arrays replaced by references to the ``.npy`` files;
* ``manifest.json`` -- format, version, sizes, written last.

The directory is written under a temporary name and renamed into place (a rename is atomic), then
``<root>/CURRENT`` is replaced (``os.replace``) by a file naming it. Readers never see a half-written
snapshot; a reader that still maps an older snapshot keeps working after it is pruned (unlinked files
stay mapped). Only the newest ``keep`` snapshots are kept.

The pickle is read only from the directory this process's own worker wrote (``SAMSKAP_INDEX_DIR``); it
is not a format for files of unknown origin.
"""

from __future__ import annotations

import json
import os
import pickle
import shutil
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from .ann import Ann

FORMAT = 1
CURRENT = "CURRENT"
MANIFEST = "manifest.json"
PICKLE = "index.pkl"
#: arrays smaller than this stay in the pickle
MIN_ARRAY_BYTES = 4096


@dataclass
class Loaded:
    """A mapped snapshot: its directory, manifest and the pickled payload (with mmap'd arrays)."""

    path: Path
    manifest: dict[str, Any]
    payload: Any


class _Writer(pickle.Pickler):
    def __init__(self, file: Any, directory: Path):
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self.directory = directory
        self.arrays: list[tuple[str, int]] = []
        self.graphs: list[tuple[str, int]] = []
        self._seen: dict[int, str] = {}

    def persistent_id(self, obj: Any) -> Any:
        if isinstance(obj, Ann):
            gname = f"g{len(self.graphs):04d}.usearch"
            obj.save(self.directory / gname)
            size = (self.directory / gname).stat().st_size
            self.graphs.append((gname, size))
            return ("usearch", gname, obj.rows, obj.sample.tolist(), obj.changed)
        if isinstance(obj, np.ndarray) and obj.dtype != object and obj.nbytes >= MIN_ARRAY_BYTES:
            name = self._seen.get(id(obj))
            if name is None:
                name = f"a{len(self.arrays):04d}.npy"
                np.save(self.directory / name, np.ascontiguousarray(obj), allow_pickle=False)
                self.arrays.append((name, int(obj.nbytes)))
                self._seen[id(obj)] = name
            return name
        return None


class _Reader(pickle.Unpickler):
    def __init__(self, file: Any, directory: Path):
        super().__init__(file)
        self.directory = directory

    def persistent_load(self, pid: Any) -> Any:
        if isinstance(pid, tuple) and len(pid) in (4, 5) and pid[0] == "usearch":
            _kind, gname, rows, sample = pid[:4]
            changed = int(pid[4]) if len(pid) == 5 else 0  # (snapshots written before carried-over graphs: 4)
            if "/" in str(gname) or not str(gname).endswith(".usearch"):
                raise pickle.UnpicklingError(f"bad graph reference {gname!r}")
            return Ann.view(self.directory / str(gname), int(rows), np.asarray(sample, dtype=np.int64), changed)
        name = str(pid)
        if "/" in name or not name.endswith(".npy"):
            raise pickle.UnpicklingError(f"bad array reference {name!r}")
        # A plain ndarray over the read-only mapping (its ``base`` is the memmap, which keeps the file mapped):
        # indexing an ``np.memmap`` runs Python code of the subclass on every access (2 µs; the gate's token
        # lookups make hundreds of thousands per second), an ndarray's is C.
        return np.asarray(np.load(self.directory / name, mmap_mode="r", allow_pickle=False))


def write(root: Path, payload: Any, *, version: int, info: dict[str, Any] | None = None, keep: int = 2) -> Path:
    """Write ``payload`` (an Index, or a dict holding one) as a new snapshot under ``root``; return its path."""
    root.mkdir(parents=True, exist_ok=True)
    name = f"v{version:012d}-{time.strftime('%Y%m%d%H%M%S')}-{uuid.uuid4().hex[:8]}"
    tmp = root / f".tmp-{name}"
    tmp.mkdir()
    try:
        with open(tmp / PICKLE, "wb") as f:
            writer = _Writer(f, tmp)
            writer.dump(payload)
            f.flush()
            os.fsync(f.fileno())
        manifest = {"format": FORMAT, "version": version, "name": name, "created": time.time(),
                    "arrays": dict(writer.arrays), "graphs": dict(writer.graphs), "pickle_bytes": (tmp / PICKLE).stat().st_size,
                    **(info or {})}
        manifest["bytes"] = manifest["pickle_bytes"] + sum(size for _n, size in writer.arrays + writer.graphs)
        (tmp / MANIFEST).write_text(json.dumps(manifest, indent=1))
        final = root / name
        os.rename(tmp, final)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    pointer = root / f".{CURRENT}-{uuid.uuid4().hex[:8]}"
    pointer.write_text(name)
    os.replace(pointer, root / CURRENT)
    prune(root, keep=keep)
    return final


def snapshots(root: Path) -> list[Path]:
    """Complete snapshots under ``root``, oldest written first. By the time written, not by the version in
    the name: after a database restore the catalogue's version can go back, and the snapshot of the
    restored catalogue is then the newest although its version is lower."""
    if not root.is_dir():
        return []
    found = []
    for p in root.iterdir():
        if p.name.startswith("v") and (p / MANIFEST).is_file():
            try:
                found.append(((p / MANIFEST).stat().st_mtime, p.name, p))
            except OSError:
                continue
    return [p for _t, _n, p in sorted(found)]


def prune(root: Path, *, keep: int = 2) -> None:
    """Delete all but the newest ``keep`` snapshots, never the one ``CURRENT`` names (and temporary
    directories older than a day)."""
    try:
        current_name = (root / CURRENT).read_text().strip()
    except OSError:
        current_name = ""
    for old in snapshots(root)[:-keep] if keep > 0 else []:
        if old.name != current_name:
            shutil.rmtree(old, ignore_errors=True)
    for tmp in root.glob(".tmp-*"):
        try:
            if time.time() - tmp.stat().st_mtime > 86400:
                shutil.rmtree(tmp, ignore_errors=True)
        except OSError:
            pass


def current(root: Path) -> Path | None:
    """The snapshot ``CURRENT`` names (or the newest complete one), or None."""
    try:
        name = (root / CURRENT).read_text().strip()
    except OSError:
        name = ""
    if name and "/" not in name and (root / name / MANIFEST).is_file():
        return root / name
    found = snapshots(root)
    return found[-1] if found else None


def stamp(root: Path) -> float:
    """A cheap change marker: the modification time of ``CURRENT`` (0.0 when there is none)."""
    try:
        return (root / CURRENT).stat().st_mtime
    except OSError:
        return 0.0


def load(path: Path) -> Loaded:
    """Map a snapshot read-only."""
    manifest = json.loads((path / MANIFEST).read_text())
    if manifest.get("format") != FORMAT:
        raise ValueError(f"snapshot format {manifest.get('format')!r} is not {FORMAT}")
    with open(path / PICKLE, "rb") as f:
        payload = _Reader(f, path).load()
    return Loaded(path=path, manifest=manifest, payload=payload)
