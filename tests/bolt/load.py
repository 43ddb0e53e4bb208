"""Bounded loopback load test: 8 concurrent sessions send a fixed number of read queries
over Bolt (the Neo4j Python driver) and over the HTTP API (one keep-alive connection per
session), and print throughput and p50/p99 latency for each (docs/performance.md).

Usage: python load.py BOLT_URL HTTP_URL [--queries N] [--sessions K]
"""

import argparse
import http.client
import json
import statistics
import threading
import time
import urllib.parse

from neo4j import GraphDatabase

QUERIES = [
    ("MATCH (m:Model {id: $id}) RETURN m.name AS name", {"id": "leaf"}),
    ("MATCH (m:Model)-[:USES_PLATFORM]->(p:Platform) RETURN m.name, p.name ORDER BY m.name", {}),
    ("MATCH (n) RETURN labels(n)[0] AS label, count(*) AS c ORDER BY c DESC", {}),
    ("MATCH (m:Model) WHERE m.launched >= $year RETURN m.name ORDER BY m.name", {"year": 2015}),
]


def run(kind, sessions, total, make_client, send):
    per = total // sessions
    latencies = []
    lock = threading.Lock()
    errors = []

    def worker(k):
        client = make_client()
        mine = []
        try:
            for i in range(per):
                q, p = QUERIES[(i + k) % len(QUERIES)]
                t0 = time.perf_counter()
                send(client, q, p)
                mine.append(time.perf_counter() - t0)
        except Exception as e:  # noqa: BLE001 - reported below
            errors.append(e)
        finally:
            close = getattr(client, "close", None)
            if close:
                close()
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=worker, args=(k,)) for k in range(sessions)]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - t0
    if errors:
        raise errors[0]
    latencies.sort()
    q = statistics.quantiles(latencies, n=100)
    return {
        "api": kind,
        "queries": len(latencies),
        "seconds": round(wall, 3),
        "qps": round(len(latencies) / wall, 1),
        "p50_ms": round(q[49] * 1000, 2),
        "p99_ms": round(q[98] * 1000, 2),
    }


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("bolt")
    ap.add_argument("http")
    ap.add_argument("--queries", type=int, default=4000)
    ap.add_argument("--sessions", type=int, default=8)
    a = ap.parse_args()

    driver = GraphDatabase.driver(a.bolt, auth=("neo4j", "unused"), max_connection_pool_size=a.sessions)

    def bolt_send(session, q, p):
        session.run(q, p).consume()

    host = urllib.parse.urlparse(a.http)

    def http_client():
        return http.client.HTTPConnection(host.hostname, host.port, timeout=30)

    def http_send(conn, q, p):
        conn.request("POST", "/api/query", json.dumps({"query": q, "params": p}),
                     {"Content-Type": "application/json"})
        r = conn.getresponse()
        body = r.read()
        if r.status != 200:
            raise RuntimeError(f"HTTP {r.status}: {body[:200]!r}")

    results = [
        run("bolt", a.sessions, a.queries, driver.session, bolt_send),
        run("http", a.sessions, a.queries, http_client, http_send),
    ]
    driver.close()
    print(f"{'api':<6}{'queries':>9}{'seconds':>9}{'q/s':>9}{'p50 ms':>9}{'p99 ms':>9}")
    for r in results:
        print(f"{r['api']:<6}{r['queries']:>9}{r['seconds']:>9}{r['qps']:>9}{r['p50_ms']:>9}{r['p99_ms']:>9}")
    print(json.dumps(results))


if __name__ == "__main__":
    main()
