"""Samskap: needs, brokering, workshops and follow-up for municipal research and innovation (FoUI)."""

import os

# OpenBLAS worker threads keep spinning for a while after each matrix product. On a machine with few
# cores that steals the CPU from the query embedder's OpenMP threads: embedding a query right after
# a product over 100,000 vectors took 37 ms instead of 22 ms (docs/benchmarks.md). A short spin
# keeps the product as fast (2 threads) and leaves the embedder alone. OpenBLAS reads this when
# numpy is first imported, so it is set here, before anything imports numpy.
os.environ.setdefault("OPENBLAS_THREAD_TIMEOUT", "4")
