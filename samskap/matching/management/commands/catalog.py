import json
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from samskap.core.actors import SYSTEM
from samskap.matching import actions, catalog_file, services


class Command(BaseCommand):
    help = "Brokering catalogue: import FILE.jsonl | export [--output FILE] | reindex | snapshot"

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        imp = sub.add_parser("import", help="Upsert items from a JSONL file by their external id.")
        imp.add_argument("file", type=Path)
        imp.add_argument("--no-embed", action="store_true", help="Leave vectors to the background worker.")
        exp = sub.add_parser("export", help="Write the catalogue as JSONL.")
        exp.add_argument("--output", "-o", type=Path)
        sub.add_parser("reindex", help="Mirror all domain objects and compute missing vectors.")
        sub.add_parser("snapshot", help="Store the shared challenges and write a new index snapshot.")

    def _embed(self) -> None:
        pending = services.pending_vectors().count()
        if not pending:
            return
        with tqdm(total=pending, desc="Indexing", unit="item", file=sys.stderr,
                  disable=not sys.stderr.isatty()) as bar:
            services.embed_pending(progress=lambda done, total: bar.update(done - bar.n))
        self.stdout.write(f"Indexed {pending} item(s).")

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
        elif action == "snapshot":
            services.compute_challenges()
            built = services.build_snapshot(force=True)
            self.stdout.write(f"Snapshot: {built.name if built else 'another process is building one'}")
        else:
            counts = services.sync_all()
            for kind, (created, updated, deleted) in counts.items():
                self.stdout.write(f"{kind}: {created} new, {updated} updated, {deleted} removed")
            self._embed()
