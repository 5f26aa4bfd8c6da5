"""Web load benchmark: gunicorn (sync workers) on SQLite and PostgreSQL with the demo data, measured with wrk.

Usage::

    .venv/bin/python bench/web_load.py [--code DIR] [--dbs sqlite,postgres] [--workers 2,4]
        [--connections 10,50] [--duration 8] [--only NAMES] [--writes-per-second N] [--json OUT.json]

For each database a fresh database is made in a temporary directory (``samskap migrate`` and
``samskap load_demo``; PostgreSQL is a throwaway loopback server started with initdb/pg_ctl the way
``scripts/test.sh`` does), the brokering index is built once, and gunicorn serves the code in ``--code``
(default: this checkout; point it at an export of another commit to compare) with production settings
(``SAMSKAP_DEBUG=0``, no TLS redirect, the search rate limit lifted). Every endpoint is warmed up, then
``wrk --latency`` runs for ``--duration`` seconds per endpoint and connection count. The health endpoint is
the baseline in the same run. Prints a Markdown table (req/s, p50/p95/p99, non-2xx count) per configuration.

Needs ``wrk`` (Debian package ``wrk``) and, for PostgreSQL, Debian's ``postgresql`` package.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Finds the objects the URLs need (a published need with suggestions, a municipality) and builds the
# brokering index. Prints JSON.
SETUP = r"""
import json
import django
django.setup()
from samskap.needs.models import Need
from samskap.directory.models import Municipality
need = Need.objects.exclude(status="draft").order_by("pk").first()
mun = Municipality.objects.filter(needs__isnull=False).order_by("code").first() or Municipality.objects.first()
from samskap.matching import services
services.search("eldreomsorg")  # builds the index once, before the workers start
from django.urls import reverse
print(json.dumps({"need": need.pk, "municipality": mun.code, "logout": reverse("logout")}))
"""

# A signed-in session of a demo user, made by the code that will serve it: the backend path it records must
# be one that code's settings list, or Django treats the session as signed out (the test client's
# force_login picks it the same way). Prints the session key.
SESSION = r"""
import django
django.setup()
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model, load_backend
from django.contrib.sessions.backends.db import SessionStore
user = get_user_model().objects.filter(is_superuser=False, is_staff=False).order_by("pk").first()
s = SessionStore()
s[SESSION_KEY] = str(user.pk)
s[BACKEND_SESSION_KEY] = next(p for p in settings.AUTHENTICATION_BACKENDS if hasattr(load_backend(p), "get_user"))
s[HASH_SESSION_KEY] = user.get_session_auth_hash()
s.create()
print(s.session_key)
"""


def endpoints(ids: dict) -> list[tuple[str, str, dict[str, str]]]:
    need, mun = ids["need"], ids["municipality"]
    return [
        ("health (baseline)", "/helse/", {}),
        ("front page", "/", {}),
        ("front page, signed in", "/", {"Cookie": f"sessionid={ids['session']}"}),
        ("needs list", "/behov/", {}),
        ("needs list, signed in", "/behov/", {"Cookie": f"sessionid={ids['session']}"}),
        ("need detail", f"/behov/{need}/", {}),
        ("municipality list", "/kommuner/", {}),
        ("municipality list, signed in", "/kommuner/", {"Cookie": f"sessionid={ids['session']}"}),
        ("municipality page", f"/kommuner/{mun}/", {}),
        ("GET /api/v1/needs", "/api/v1/needs", {}),
        ("search page ?q=", "/megling/?q=eldreomsorg+og+velferdsteknologi", {}),
        ("suggestion panel", f"/megling/behov/{need}/forslag/", {"HX-Request": "true"}),
        # The rows above repeat one URL, so a page cache answers nearly all of them. These do not:
        # 48 different filter/page URLs in turn, and a search whose text is new on every request
        # ({n} is a random number wrk puts in each request), which no cache can answer.
        ("needs list, 48 URLs in turn", "/behov/", {}),
        ("needs list, never cached", "/behov/?besok={n}", {}),
        ("search page, new text each time", "/megling/?q=eldreomsorg+og+velferdsteknologi+{n}", {}),
    ]


NEEDS_VARIANTS = [f"/behov/?{q}" for q in (
    [f"page={p}" for p in (1, 2)]
    + [f"sector={s}" for s in ("health", "education", "technical", "culture", "admin", "social")]
    + [f"q={w}" for w in ("helse", "skole", "vann", "klima", "eldre", "barn", "digital", "rekruttering",
                          "velferdsteknologi", "samarbeid", "innovasjon", "bolig", "ungdom", "demens",
                          "beredskap", "energi", "transport", "kultur", "frivillighet", "folkehelse",
                          "integrering", "landbruk", "reiseliv", "arealplan", "kompetanse", "avfall",
                          "psykisk", "rus", "barnehage", "tannhelse", "sykehjem", "hjemmetjeneste",
                          "personvern", "saksbehandling", "kunstig", "data", "smitte", "flom", "skred",
                          "vei")])][:48]


def request_script(name: str, path: str) -> str:
    """wrk Lua for the rows that vary their URL (see endpoints()); empty for a fixed URL."""
    if name.startswith("needs list, 48"):
        paths = ", ".join(f'"{v}"' for v in NEEDS_VARIANTS)
        return (f"local paths = {{{paths}}}\nlocal i = 0\n"
                "request = function()\n  i = i + 1\n  return wrk.format(nil, paths[(i % #paths) + 1])\nend\n")
    if "{n}" in path:
        before, after = path.split("{n}", 1)
        return ("math.randomseed(os.time() + tonumber(tostring({}):match('0x(%x+)') or '0', 16))\n"
                "request = function()\n"
                f"  return wrk.format(nil, \"{before}\" .. math.random(1, 2000000000) .. \"{after}\")\nend\n")
    return ""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def base_env(code: Path, var_dir: Path, database_url: str | None) -> dict[str, str]:
    env = dict(os.environ)
    env.update({
        "PYTHONPATH": str(code), "DJANGO_SETTINGS_MODULE": "samskap.settings", "SAMSKAP_VAR_DIR": str(var_dir),
        "SAMSKAP_DEBUG": "0", "SAMSKAP_SECURE": "0", "SAMSKAP_SECRET_KEY": "bench-" + "x" * 50,
        "SAMSKAP_ALLOWED_HOSTS": "127.0.0.1,localhost", "SAMSKAP_RATELIMIT_SEARCH": "100000000/60",
        "SAMSKAP_RATELIMIT_SIMILAR": "100000000/60", "SAMSKAP_LOG_LEVEL": "WARNING",
        "SAMSKAP_EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "SAMSKAP_STATIC_ROOT": str(var_dir / "static"),
    })
    env.pop("DATABASE_URL", None)
    if database_url:
        env["DATABASE_URL"] = database_url
        env["SAMSKAP_CONN_MAX_AGE"] = "60"
    return env


class Postgres:
    """A throwaway PostgreSQL on loopback, as scripts/test.sh starts it."""

    def __init__(self) -> None:
        bins = sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=lambda p: [int(x) for x in
                                                                                 re.findall(r"\d+", str(p))])
        if not bins:
            raise SystemExit("PostgreSQL is not installed (apt-get install postgresql)")
        self.bin = bins[-1]
        self.dir = Path(tempfile.mkdtemp(prefix="samskap-bench-pg."))
        self.port = free_port()
        self.runas = ["runuser", "-u", "postgres", "--"] if os.getuid() == 0 else []
        if os.getuid() == 0:
            shutil.chown(self.dir, "postgres")

    def __enter__(self) -> str:
        run = lambda *a: subprocess.run([*self.runas, *a], check=True, stdout=subprocess.DEVNULL)  # noqa: E731
        run(str(self.bin / "initdb"), "-D", f"{self.dir}/data", "-A", "trust", "-U", "postgres", "-E", "UTF8",
            "--locale=C.UTF-8")
        run(str(self.bin / "pg_ctl"), "-D", f"{self.dir}/data", "-l", f"{self.dir}/log", "-w", "-o",
            f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.dir} -c fsync=off -c full_page_writes=off",
            "start")
        run(str(self.bin / "createdb"), "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "samskap")
        return f"postgres://postgres@127.0.0.1:{self.port}/samskap"

    def __exit__(self, *exc: object) -> None:
        subprocess.run([*self.runas, str(self.bin / "pg_ctl"), "-D", f"{self.dir}/data", "-m", "fast", "stop"],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        shutil.rmtree(self.dir, ignore_errors=True)


def prepare(env: dict[str, str]) -> dict:
    py = sys.executable
    subprocess.run([py, "-m", "samskap", "migrate", "--noinput", "-v0"], env=env, cwd=env["PYTHONPATH"], check=True)
    subprocess.run([py, "-m", "samskap", "collectstatic", "--noinput", "-v0"], env=env, cwd=env["PYTHONPATH"], check=True)
    subprocess.run([py, "-m", "samskap", "load_demo"], env=env, cwd=env["PYTHONPATH"], check=True, stdout=subprocess.DEVNULL)
    out = subprocess.run([py, "-c", SETUP], env=env, cwd=env["PYTHONPATH"], check=True, capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def make_session(env: dict[str, str]) -> str:
    out = subprocess.run([sys.executable, "-c", SESSION], env=env, cwd=env["PYTHONPATH"], check=True,
                         capture_output=True, text=True).stdout
    return out.strip().splitlines()[-1]


def wait_up(port: int, proc: subprocess.Popen) -> None:
    for _ in range(600):
        if proc.poll() is not None:
            raise SystemExit("gunicorn exited")
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/helse/", timeout=2).read()
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("gunicorn did not start")


def warm(port: int, path: str, headers: dict[str, str], workers: int) -> int:
    status = 0
    for _ in range(workers * 3):
        req = urllib.request.Request(f"http://127.0.0.1:{port}{path}", headers=headers)
        try:
            with urllib.request.urlopen(req, timeout=120) as resp:
                resp.read()
                status = resp.status
        except urllib.error.HTTPError as exc:
            status = exc.code
    return status


def check_signed_in(port: int, path: str, headers: dict[str, str], logout: str) -> None:
    """A "signed in" endpoint must really be served to a signed-in person: its page has the logout form."""
    req = urllib.request.Request(f"http://127.0.0.1:{port}{path}", headers=headers)
    with urllib.request.urlopen(req, timeout=120) as resp:
        body = resp.read().decode("utf-8", "replace")
    if f'action="{logout}"' not in body:
        raise SystemExit(f"{path} with the benchmark's session is not a signed-in page (no logout form)")


def wrk_p(port: int, path: str, headers: dict[str, str], connections: int, duration: int,
          requests: str = "") -> dict:
    """One wrk run with a Lua done() hook that prints req/s and the 50/95/99th percentiles (microseconds);
    ``requests`` is Lua that makes each request's URL (``request_script``)."""
    script = Path(tempfile.gettempdir()) / f"samskap_wrk_pct_{os.getpid()}.lua"
    script.write_text(
        requests + "done = function(summary, latency, requests)\n"
        "  io.write(string.format('PCT %d %d %d %d %d %d\\n', latency:percentile(50), latency:percentile(95),\n"
        "    latency:percentile(99), summary.requests, summary.duration, summary.errors.status))\nend\n")
    cmd = ["wrk", "-t", "2", "-c", str(connections), "-d", f"{duration}s", "--timeout", "30s", "--latency",
           "-s", str(script)]
    for name, value in headers.items():
        cmd += ["-H", f"{name}: {value}"]
    url_path = path.replace("{n}", "1")
    out = subprocess.run([*cmd, f"http://127.0.0.1:{port}{url_path}"], capture_output=True, text=True,
                         check=True).stdout
    m = re.search(r"PCT (\d+) (\d+) (\d+) (\d+) (\d+) (\d+)", out)
    errors = re.search(r"Socket errors:(.*)", out)
    if not m:
        return {"rps": 0.0, "p50": None, "p95": None, "p99": None, "non2xx": 0, "errors": out[-200:]}
    p50, p95_, p99, n, dur_us, status_err = (int(x) for x in m.groups())
    return {"rps": n / (dur_us / 1e6), "p50": p50 / 1000, "p95": p95_ / 1000, "p99": p99 / 1000,
            "non2xx": status_err, "errors": errors.group(1).strip() if errors else ""}


WRITER = r"""
import sys, time
import django
django.setup()
from samskap.directory.models import Municipality
pause = 1.0 / float(sys.argv[1])
code = Municipality.objects.order_by("code").values_list("code", flat=True).last()
n = 0
while True:  # a municipality's profile text: shown on pages, not part of the brokering catalogue
    n += 1
    Municipality.objects.filter(code=code).update(profile=f"Profiltekst {n}")
    time.sleep(pause)
"""


def writer(env: dict[str, str], per_second: float) -> subprocess.Popen | None:
    if per_second <= 0:
        return None
    return subprocess.Popen([sys.executable, "-c", WRITER, str(per_second)], env=env, cwd=env["PYTHONPATH"])


def serve(env: dict[str, str], workers: int) -> tuple[subprocess.Popen, int]:
    port = free_port()
    # gunicorn puts its working directory first on sys.path (and python -m the current one): run both in
    # the code's own directory, or every --code would serve this checkout.
    code = env["PYTHONPATH"]
    served = subprocess.run([sys.executable, "-c", "import samskap; print(samskap.__file__)"], env=env, cwd=code,
                            capture_output=True, text=True, check=True).stdout.strip()
    if not Path(served).resolve().is_relative_to(Path(code).resolve()):
        raise SystemExit(f"gunicorn would serve {served}, not the code in {code}")
    proc = subprocess.Popen([sys.executable, "-m", "gunicorn", "samskap.wsgi:application", "--workers",
                             str(workers), "--worker-class", "sync", "--bind", f"127.0.0.1:{port}",
                             "--chdir", code, "--timeout", "120", "--log-level", "warning"], env=env, cwd=code)
    wait_up(port, proc)
    return proc, port


def fmt(v: float | None) -> str:
    return "–" if v is None else (f"{v:.0f}" if v >= 10 else f"{v:.1f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--code", type=Path, action="append",
                    help="checkout whose samskap/ gunicorn serves (default: this one); give it twice, e.g. an "
                         "export of the old commit and this checkout, to compare both on the same database "
                         "and machine state (the first one prepares the database)")
    ap.add_argument("--dbs", default="sqlite,postgres")
    ap.add_argument("--workers", default="2,4")
    ap.add_argument("--connections", default="10,50")
    ap.add_argument("--duration", type=int, default=8, help="seconds per wrk run")
    ap.add_argument("--only", default="", help="comma-separated substrings of endpoint names to run")
    ap.add_argument("--json", type=Path, help="write the raw figures here")
    ap.add_argument("--writes-per-second", type=float, default=0.0,
                    help="while wrk runs, a separate process commits this many writes a second (a "
                         "municipality's profile, with QuerySet.update), as other people working would: every write "
                         "raises the content version, so the page cache must render again")
    args = ap.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is not installed (apt-get install wrk)")
    codes = [c.resolve() for c in (args.code or [ROOT])]
    results: list[dict] = []
    for db in args.dbs.split(","):
        var_dir = Path(tempfile.mkdtemp(prefix=f"samskap-bench-{db}."))
        pg = Postgres() if db == "postgres" else None
        try:
            url = pg.__enter__() if pg else None
            env = base_env(codes[0], var_dir, url)
            print(f"== {db}: migrate, load_demo, build the index ({codes[0]})", file=sys.stderr, flush=True)
            ids = prepare(env)
            keep = [s.strip() for s in args.only.split(",")] if args.only else []
            sessions = {code: make_session(base_env(code, var_dir, url)) for code in codes}
            for workers in (int(w) for w in args.workers.split(",")):
                for code in codes:
                    eps = endpoints({**ids, "session": sessions[code]})
                    if keep:
                        eps = [e for e in eps if e[0].startswith("health") or any(k in e[0] for k in keep)]
                    proc, port = serve(base_env(code, var_dir, url), workers)
                    writes = writer(base_env(code, var_dir, url), args.writes_per_second)
                    try:
                        for name, path, headers in eps:
                            status = warm(port, path.replace("{n}", "0"), headers, workers)
                            if "signed in" in name:
                                check_signed_in(port, path, headers, ids["logout"])
                            for conns in (int(c) for c in args.connections.split(",")):
                                r = wrk_p(port, path, headers, conns, args.duration, request_script(name, path))
                                r.update(db=db, workers=workers, connections=conns, endpoint=name, path=path,
                                         status=status, code=str(code), writes_per_second=args.writes_per_second)
                                results.append(r)
                                print(f"{code.name} {db} w={workers} c={conns} {name:24s} {r['rps']:8.1f} req/s"
                                      f"  p50 {fmt(r['p50'])}  p95 {fmt(r['p95'])}  p99 {fmt(r['p99'])} ms"
                                      f"  status {status} non2xx {r['non2xx']} {r['errors']}",
                                      file=sys.stderr, flush=True)
                    finally:
                        for p in (proc, writes):
                            if p is not None:
                                p.terminate()
                                p.wait(timeout=30)
        finally:
            if pg:
                pg.__exit__(None, None, None)
            shutil.rmtree(var_dir, ignore_errors=True)
    if args.json:
        args.json.write_text(json.dumps(results, indent=1))
    print("| code | db | workers | endpoint | conns | req/s | p50 ms | p95 ms | p99 ms | non-2xx |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for r in results:
        print(f"| {Path(r['code']).name} | {r['db']} | {r['workers']} | {r['endpoint']} | {r['connections']} | "
              f"{r['rps']:.0f} | "
              f"{fmt(r['p50'])} | {fmt(r['p95'])} | {fmt(r['p99'])} | {r['non2xx']} |")


if __name__ == "__main__":
    main()
