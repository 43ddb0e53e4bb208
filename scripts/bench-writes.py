#!/usr/bin/env python3
"""Kuzu's side of the single-node CREATE comparison (docs/performance.md, "Writes").

Loads a graph made by the peer harness's gen.py (data/S/csv) into an in-memory Kuzu
database the way the harness does, then runs N single-node CREATE statements through
Kuzu's Python API, one `conn.execute` each, and prints the median, p90, p99 and the
total, in the same form as `cargo run --release --example write_timing`.

    BENCH_DIR/.venv/bin/python scripts/bench-writes.py BENCH_DIR/data/1000000 [N]
"""
import os
import sys
import time

import kuzu

LABELS = ["Model", "Plant", "Partner", "Platform", "Region", "Technology"]


def main():
    data = sys.argv[1]
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 10000
    sys.path.insert(0, os.path.join(data, "..", ".."))
    from gen import REL_TYPES

    db = kuzu.Database(":memory:")
    conn = kuzu.Connection(db)
    t = time.perf_counter()
    for label in LABELS:
        conn.execute("CREATE NODE TABLE %s(id STRING, name STRING, year INT64, "
                     "PRIMARY KEY(id))" % label)
    for rel, (src, dst) in REL_TYPES.items():
        conn.execute("CREATE REL TABLE %s(FROM %s TO %s, since INT64)" % (rel, src, dst))
    for table in LABELS + list(REL_TYPES):
        conn.execute("COPY %s FROM '%s' (HEADER=true)"
                     % (table, os.path.join(data, "csv", table + ".csv")))
    print("kuzu %s loaded in %.2f s" % (kuzu.__version__, time.perf_counter() - t),
          file=sys.stderr)
    times = []
    script = time.perf_counter()
    for i in range(n):
        q = "CREATE (:Model {id: 'new-%d', name: 'New model %d', year: 2030})" % (i, i)
        t = time.perf_counter()
        conn.execute(q)
        times.append((time.perf_counter() - t) * 1e3)
    total = time.perf_counter() - script
    times.sort()
    pct = lambda p: times[int((len(times) - 1) * p)]
    print("%d single-node CREATE statements (kuzu): median %.4f ms, p90 %.4f ms, "
          "p99 %.4f ms, max %.4f ms; all %.3f s"
          % (n, pct(0.5), pct(0.9), pct(0.99), times[-1], total))


if __name__ == "__main__":
    main()
