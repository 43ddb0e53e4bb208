#!/usr/bin/env python3
"""evroad against its peers, as ratios: a markdown table from the peer harness's results.

Reads every results/S.json that `peers.py run` wrote (see scripts/bench-peers.sh) and prints,
for each scale, one row with:

* per query: evroad's median / the best peer median, the best of kuzu and ladybug by default
  (below 1 means evroad is faster; `err` when evroad's query failed, `-` when a side has no
  timing);
* load: evroad's load_s / kuzu's load_s;
* peak RSS: evroad's peak_rss_mb / kuzu's (whole worker processes, as the driver measured them
  with wait4);
* answers: `agree` when the harness found no mismatch involving evroad, else the query ids.

Usage:
    scripts/bench-ratios.py [RESULTS_DIR] [--engine evroad] [--peers kuzu,ladybug] [--base kuzu]

RESULTS_DIR defaults to ../bench-run/results relative to the repository root. Standard
library only.
"""
import argparse
import json
import os
import sys

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_RESULTS = os.path.join(REPO, "..", "bench-run", "results")


def load_summaries(results_dir):
    """The S.json summaries in results_dir, by ascending scale."""
    names = [f for f in os.listdir(results_dir)
             if f.endswith(".json") and f[:-5].isdigit()]
    out = []
    for f in sorted(names, key=lambda f: int(f[:-5])):
        with open(os.path.join(results_dir, f)) as fh:
            out.append(json.load(fh))
    return out


def ratio(a, b):
    """a / b as text, or '-' when either is missing or b is zero."""
    if a is None or not b:
        return "-"
    r = a / b
    return "%.2f" % r if r < 100 else "%.0f" % r


def query_ids(summaries, engine):
    """Query ids in the order the engine's records list them (then any others)."""
    ids = []
    for s in summaries:
        for rec in s.get("engines", {}).values():
            for q in rec.get("queries", {}):
                if q not in ids:
                    ids.append(q)
        own = s.get("engines", {}).get(engine, {}).get("queries", {})
        if own:
            ids = list(own) + [q for q in ids if q not in own]
    return ids


def median(rec, qid):
    """An engine's median ms for a query, or None (no record, or the query failed)."""
    q = (rec or {}).get("queries", {}).get(qid, {})
    return q.get("median_ms")


def mismatched(summary, engine):
    """Ids of queries whose mismatch lines involve the engine."""
    bad = []
    for line in summary.get("agreement", {}).get("mismatches", []):
        qid, rest = line.split(":", 1)
        if (" %s=" % engine) in rest and qid not in bad:
            bad.append(qid)
    return bad


def table(summaries, engine, peers, base):
    ids = query_ids(summaries, engine)
    head = ["scale"] + ["%s" % q for q in ids] + [
        "load vs %s" % base, "peak RSS vs %s" % base, "answers"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for s in summaries:
        engines = s.get("engines", {})
        own = engines.get(engine)
        if own is None:
            continue
        if "queries" not in own:  # the worker failed
            cells = ["failed"] * len(ids) + ["-", "-", "-"]
        else:
            cells = []
            for q in ids:
                if own["queries"].get(q, {}).get("error"):
                    cells.append("err")
                    continue
                peer = [median(engines.get(p), q) for p in peers]
                peer = [m for m in peer if m is not None]
                cells.append(ratio(median(own, q), min(peer) if peer else None))
            b = engines.get(base, {})
            cells.append(ratio(own.get("load_s"), b.get("load_s")))
            cells.append(ratio(own.get("peak_rss_mb"), b.get("peak_rss_mb")))
            bad = mismatched(s, engine)
            cells.append("mismatch " + ", ".join(bad) if bad else "agree")
        lines.append("| " + " | ".join(["{:,}".format(s["scale"])] + cells) + " |")
    return "\n".join(lines)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("results", nargs="?", default=DEFAULT_RESULTS,
                    help="the harness's results folder (default ../bench-run/results)")
    ap.add_argument("--engine", default="evroad", help="the engine to compare")
    ap.add_argument("--peers", default="kuzu,ladybug",
                    help="query medians are compared with the best of these")
    ap.add_argument("--base", default="kuzu", help="load time and peak RSS are compared with this")
    args = ap.parse_args(argv)
    if not os.path.isdir(args.results):
        print("error: no results folder %s" % args.results, file=sys.stderr)
        return 2
    summaries = load_summaries(args.results)
    if not any(args.engine in s.get("engines", {}) for s in summaries):
        print("error: no %s results in %s" % (args.engine, args.results), file=sys.stderr)
        return 1
    peers = [p for p in args.peers.split(",") if p]
    print("%s median / best median of %s per query; load time and peak RSS / %s's "
          "(below 1: %s is faster or smaller)." % (args.engine, ", ".join(peers), args.base,
                                                   args.engine))
    print()
    print(table(summaries, args.engine, peers, args.base))
    return 0


if __name__ == "__main__":
    sys.exit(main())
