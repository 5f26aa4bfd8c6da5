import argparse
import json
import os
import re
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from samskap.core.actors import SYSTEM
from samskap.matching import actions, catalog_file, services

PROGRESS = re.compile(r"^progress (\d+) (\d+)$")


def _jobs(value: str) -> int:
    if not value.isdigit() or not 1 <= int(value) <= 64:
        raise argparse.ArgumentTypeError(f"{value!r} is not a number of processes from 1 to 64")
    return int(value)


def _part(value: str) -> tuple[int, int]:
    index, _, parts = value.partition("/")
    if not (index.isdigit() and parts.isdigit() and int(index) < int(parts)):
        raise argparse.ArgumentTypeError(f"{value!r} is not I/N with 0 <= I < N")
    return int(index), int(parts)


class Command(BaseCommand):
    help = "Brokering catalogue: import FILE.jsonl | export [--output FILE] | reindex | embed | snapshot"

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        imp = sub.add_parser("import", help="Upsert items from a JSONL file by their external id.")
        imp.add_argument("file", type=Path)
        imp.add_argument("--no-embed", action="store_true", help="Leave vectors to the background worker.")
        exp = sub.add_parser("export", help="Write the catalogue as JSONL.")
        exp.add_argument("--output", "-o", type=Path)
        jobs_help = ("Embedding processes of one thread each (one per core is fastest: two processes embed a third "
                     "faster than one process with two threads, docs/benchmarks.md).")
        rei = sub.add_parser("reindex", help="Mirror all domain objects and compute missing vectors.")
        rei.add_argument("--jobs", type=_jobs, default=1, help=jobs_help)
        emb = sub.add_parser("embed", help="Compute missing or stale vectors only (resumable: each batch commits).")
        emb.add_argument("--jobs", type=_jobs, default=1, help=jobs_help)
        emb.add_argument("--part", type=_part, default=None, metavar="I/N",
                         help="Only the items whose id is I modulo N (what each process of --jobs runs).")
        sub.add_parser("snapshot", help="Store the shared challenges and write a new index snapshot.")

    def _embed(self, jobs: int = 1) -> None:
        pending = services.pending_vectors().count()
        if not pending:
            return
        with tqdm(total=pending, desc="Indexing", unit="item", file=sys.stderr,
                  disable=not sys.stderr.isatty()) as bar:
            if jobs == 1:
                services.embed_pending(progress=lambda done, total: bar.update(done - bar.n))
            else:
                self._embed_parallel(jobs, bar)
        self.stdout.write(f"Indexed {pending} item(s).")

    def _embed_parallel(self, jobs: int, bar: Any) -> None:
        """Run ``catalog embed --part i/jobs`` in ``jobs`` processes of one OpenMP thread each; the bar shows
        their sum. A failed part leaves what it committed; running the command again goes on from there."""
        env = dict(os.environ, OMP_NUM_THREADS="1")
        root = str(Path(settings.BASE_DIR).parent)  # the folder that holds the samskap package
        env["PYTHONPATH"] = os.pathsep.join(p for p in (root, env.get("PYTHONPATH", "")) if p)
        procs = [subprocess.Popen([sys.executable, "-m", "samskap", "catalog", "embed", "--part", f"{i}/{jobs}"],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
                 for i in range(jobs)]
        done = [0] * jobs
        errors = [""] * jobs

        def follow(i: int, proc: subprocess.Popen[str]) -> None:
            assert proc.stdout is not None and proc.stderr is not None
            for line in proc.stdout:
                m = PROGRESS.match(line.strip())
                if m:
                    done[i] = int(m.group(1))
            errors[i] = proc.stderr.read()

        readers = [threading.Thread(target=follow, args=(i, p), daemon=True) for i, p in enumerate(procs)]
        for t in readers:
            t.start()
        try:
            while any(p.poll() is None for p in procs):
                bar.update(sum(done) - bar.n)
                time.sleep(0.5)
        except KeyboardInterrupt:
            for p in procs:
                p.terminate()
            raise
        for t in readers:
            t.join()
        bar.update(sum(done) - bar.n)
        failed = [(i, p.returncode) for i, p in enumerate(procs) if p.returncode]
        if failed:
            detail = "\n".join(f"part {i}/{jobs} exited with {rc}: {errors[i].strip()[-2000:]}" for i, rc in failed)
            raise CommandError(f"Embedding failed; what was done is kept, run the command again to go on.\n{detail}")

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "import":
            path: Path = options["file"]
            try:
                data = path.read_bytes()
            except OSError as exc:
                raise CommandError(f"Cannot read {path}: {exc.strerror}") from exc
            try:
                created, updated = actions.import_catalog(data, actor=SYSTEM)
            except catalog_file.CatalogImportError as exc:
                raise CommandError("Nothing was imported:\n" + "\n".join(exc.errors)) from exc
            self.stdout.write(self.style.SUCCESS(f"Imported: {created} new, {updated} updated."))
            if not options["no_embed"]:
                self._embed()
        elif action == "export":
            out = options["output"].open("w", encoding="utf-8") if options["output"] else self.stdout
            for row in catalog_file.export_catalog():
                out.write(json.dumps(row, ensure_ascii=False) + "\n")
            if options["output"]:
                out.close()
        elif action == "embed":
            if options["part"] is not None:  # one process of --jobs: machine-readable progress on stdout
                def report(done: int, total: int) -> None:
                    self.stdout.write(f"progress {done} {total}")
                    self.stdout.flush()

                services.embed_pending(progress=report, part=options["part"])
            else:
                self._embed(options["jobs"])
        elif action == "snapshot":
            services.compute_challenges()
            built = services.build_snapshot(force=True)
            self.stdout.write(f"Snapshot: {built.name if built else 'another process is building one'}")
        else:
            counts = services.sync_all()
            for kind, (created, updated, deleted) in counts.items():
                self.stdout.write(f"{kind}: {created} new, {updated} updated, {deleted} removed")
            self._embed(options["jobs"])
