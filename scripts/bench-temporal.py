#!/usr/bin/env python3
"""A date-column scan beside the same scan over an integer column (docs/performance.md, "Temporal scans").

Writes a graph file of N Model nodes (default 1,000,000), each with `launched`, a date
(`{"$date": "..."}`), and `year`, an integer, then times, with `evroad bench` in one process,
pairs of queries that differ only in the column they filter, and prints the medians.

    cargo build --release && python3 scripts/bench-temporal.py [N] [RUNS]
"""
import datetime
import json
import os
import subprocess
import sys
import tempfile

QUERIES = [
    ("date >=", "MATCH (m:Model) WHERE m.launched >= date('2020-01-01') RETURN count(*)"),
    ("int >=", "MATCH (m:Model) WHERE m.year >= 2020 RETURN count(*)"),
    ("date range", "MATCH (m:Model) WHERE m.launched >= date('2010-01-01') "
                   "AND m.launched < date('2015-01-01') RETURN count(*)"),
    ("int range", "MATCH (m:Model) WHERE m.year >= 2010 AND m.year < 2015 RETURN count(*)"),
    ("date =", "MATCH (m:Model) WHERE m.launched = date('2012-02-29') RETURN count(*)"),
    ("int =", "MATCH (m:Model) WHERE m.year = 2012 RETURN count(*)"),
]


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    runs = sys.argv[2] if len(sys.argv) > 2 else "9"
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    exe = os.path.join(root, "target", "release", "evroad")
    base = datetime.date(2000, 1, 1)
    with tempfile.TemporaryDirectory() as tmp:
        graph = os.path.join(tmp, "dates.json")
        with open(graph, "w") as f:
            f.write('{"nodes": [\n')
            for i in range(n):
                day = base + datetime.timedelta(days=(i * 7919) % 9000)
                node = {"id": "m%d" % i, "labels": ["Model"],
                        "properties": {"name": "M%d" % i, "launched": {"$date": day.isoformat()},
                                       "year": day.year}}
                f.write(("," if i else "") + json.dumps(node) + "\n")
            f.write('], "relationships": []}\n')
        workload = os.path.join(tmp, "w.json")
        with open(workload, "w") as f:
            json.dump({"queries": [{"id": k, "cypher": q} for k, q in QUERIES]}, f)
        results = {}
        for mode, extra in (("passes on", []), ("count-pushdown off", ["--disable-pass", "count-pushdown"])):
            out = os.path.join(tmp, "out.json")
            subprocess.run([exe, "--graph", graph] + extra + ["bench", "--workload", workload,
                            "--runs", runs, "--out", out], check=True,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            with open(out) as f:
                results[mode] = json.load(f)
    print("%d nodes, %s runs each (evroad bench, one process per mode)" % (n, runs))
    for mode, res in results.items():
        print("\n%s" % mode)
        print("%-12s %12s %10s %10s" % ("query", "rows", "median ms", "min ms"))
        for key, _ in QUERIES:
            q = res["queries"][key]
            times = sorted(q["times_ms"])
            mid = len(times) // 2
            median = times[mid] if len(times) % 2 else (times[mid - 1] + times[mid]) / 2
            print("%-12s %12s %10.3f %10.3f" % (key, q["rows"], median, times[0]))


if __name__ == "__main__":
    main()
