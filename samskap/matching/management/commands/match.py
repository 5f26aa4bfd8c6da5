import json
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from samskap.core import safefiles
from samskap.matching import services
from samskap.matching.engine import MAX_QUERY_CHARS
from samskap.matching.sources import kinds


class Command(BaseCommand):
    help = 'Match a text against the catalogue: match "text" [--kind K] [--top N], or --queries FILE.jsonl --json'

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("text", nargs="?")
        parser.add_argument("--kind", action="append", help=f"Only this kind ({', '.join(kinds())}); repeatable.")
        parser.add_argument("--top", type=int, default=10)
        parser.add_argument("--queries", type=Path, help='JSONL lines of {"id": str, "text": str}.')
        parser.add_argument("--json", action="store_true", help="Write JSON lines.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["top"] < 1:
            raise CommandError("--top must be at least 1.")
        if bool(options["text"]) == bool(options["queries"]):
            raise CommandError('Give either a text or --queries FILE.jsonl.')
        try:
            services.check_kinds(options["kind"])
        except services.QueryError as exc:
            raise CommandError(str(exc)) from exc
        services.ensure_current()
        if options["queries"]:
            self._batch(options)
        else:
            self._single(options)

    def _search(self, text: str, options: dict[str, Any]) -> services.Results:
        try:
            return services.search(text, kinds=options["kind"], top=options["top"])
        except services.QueryError as exc:
            raise CommandError(str(exc)) from exc

    def _batch(self, options: dict[str, Any]) -> None:
        path: Path = options["queries"]
        try:
            lines = path.read_text(encoding="utf-8-sig").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            raise CommandError(f"Cannot read {path}: {exc}") from exc
        queries = []
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                obj = safefiles.loads_json(line)
            except safefiles.FileProblem as exc:
                raise CommandError(f"Line {number}: {exc}.") from exc
            if not isinstance(obj, dict) or not isinstance(obj.get("id"), str) or not isinstance(obj.get("text"), str):
                raise CommandError(f'Line {number}: expected {{"id": str, "text": str}}.')
            queries.append(obj)
        for query in queries:
            try:
                results = services.search(query["text"], kinds=options["kind"], top=options["top"])
            except services.QueryError as exc:
                raise CommandError(f"Query {query['id']}: {exc}") from exc
            if results.truncated:
                sys.stderr.write(f"Query {query['id']}: cut to {MAX_QUERY_CHARS} characters.\n")
            sys.stdout.write(json.dumps({"query_id": query["id"], "results": [
                {"id": r.id, "kind": r.kind, "score": round(r.score, 6), "why": r.why} for r in results]},
                ensure_ascii=False) + "\n")
        sys.stdout.flush()

    def _single(self, options: dict[str, Any]) -> None:
        results = self._search(options["text"], options)
        if results.truncated:
            self.stderr.write(f"The query was cut to {MAX_QUERY_CHARS} characters.")
        if options["json"]:
            self.stdout.write(json.dumps([{"id": r.id, "kind": r.kind, "score": round(r.score, 6), "why": r.why}
                                          for r in results], ensure_ascii=False))
            return
        if not results:
            self.stdout.write("No matches.")
            return
        width = max(len(r.title[:50]) for r in results)
        self.stdout.write(f"{'#':>2}  {'score':>6}  {'kind':10}  {'title':{width}}  why")
        for n, r in enumerate(results, start=1):
            self.stdout.write(f"{n:>2}  {r.score:6.3f}  {r.kind:10}  {r.title[:50]:{width}}  {r.why[:160]}")
