#!/usr/bin/env python3
"""Read throughput of `evroad serve` with 1 and with C concurrent clients (docs/performance.md).

Starts the release binary on a loopback port with the given graph, then for each client
count runs a fixed number of POST /api/query requests per client (each client on its own
keep-alive connection, queries taken in turn from a list of ordinary reads), and prints
requests per second. Bounded: a fixed request count, 30 s socket timeouts, and the server is
stopped at the end. Every answer must be status 200.

    python3 scripts/serve-throughput.py GRAPH [CLIENTS] [REQUESTS_PER_CLIENT]
"""
import http.client
import json
import os
import socket
import subprocess
import sys
import threading
import time

QUERIES = [
    "MATCH (m:Model)-[:BUILT_AT]->(p:Plant)-[:LOCATED_IN]->(r:Region) WHERE r.id = 'region-3' RETURN m.name ORDER BY m.name",
    "MATCH (m:Model {id: 'model-42'})-[r]->(x) RETURN type(r), x.name",
    "MATCH (a {id: 'model-7'})-[*1..2]-(b) RETURN count(DISTINCT b)",
    "MATCH (p:Plant)<-[:BUILT_AT]-(m:Model) WHERE m.year >= 2015 RETURN p.name, count(*) AS c ORDER BY c DESC, p.name LIMIT 5",
]


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def client(port, n, offset, errors):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    for i in range(n):
        body = json.dumps({"query": QUERIES[(i + offset) % len(QUERIES)]})
        conn.request("POST", "/api/query", body, {"Content-Type": "application/json"})
        r = conn.getresponse()
        r.read()
        if r.status != 200:
            errors.append(r.status)
    conn.close()


def run(port, clients, per_client):
    errors = []
    threads = [threading.Thread(target=client, args=(port, per_client, k, errors))
               for k in range(clients)]
    t = time.perf_counter()
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    elapsed = time.perf_counter() - t
    if errors:
        raise SystemExit("errors: %s" % errors[:5])
    return clients * per_client / elapsed


def main():
    graph = sys.argv[1]
    clients = int(sys.argv[2]) if len(sys.argv) > 2 else 8
    per_client = int(sys.argv[3]) if len(sys.argv) > 3 else 200
    root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
    binary = os.path.join(root, "target", "release", "evroad")
    port = free_port()
    server = subprocess.Popen([binary, "--graph", graph, "serve", "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.time() + 120
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if time.time() > deadline or server.poll() is not None:
                    raise SystemExit("server did not start")
                time.sleep(0.2)
        run(port, 1, 20)  # warm the typed adjacency
        one = run(port, 1, per_client * 2)
        many = run(port, clients, per_client)
        print("1 client: %.1f req/s; %d clients: %.1f req/s; ratio %.2fx"
              % (one, clients, many, many / one))
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
