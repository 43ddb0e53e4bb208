#!/usr/bin/env bash
# Peer benchmark: evroad against Kuzu, Ladybug and networkx on the synthetic automotive graph.
#
# What it does, in order:
#   1. copies the peer harness (gen.py, peers.py, workload.json, README.md) from BENCH_SRC to
#      the scratch directory BENCH_DIR, since BENCH_SRC may be read-only; an existing BENCH_DIR
#      (with its venv, data/ and results/) is reused, and only harness files that differ from
#      BENCH_SRC's are replaced;
#   2. creates BENCH_DIR/.venv with the pinned peer engines, unless it exists;
#   3. builds evroad in release mode;
#   4. generates any missing graph and writes evroad's binary snapshot of it (graph.snap);
#   5. runs `peers.py run` with the peers and evroad's `bench` subcommand as extra engines
#      (`evroad` on the snapshot, `evroad-json` on the JSON file, `evroad-plain` on the snapshot
#      with the special-case passes off)
#      (the harness generates any missing data/S/ first, checks that every engine returns the
#      same answers, and writes results/S.json);
#   6. prints `peers.py report` and the ratio table of scripts/bench-ratios.py.
#
# Usage (from anywhere):
#   scripts/bench-peers.sh                              # all four scales, all engines
#   SCALES=1000,10000 scripts/bench-peers.sh            # quick check
#   SCALES=1000000 ENGINES=kuzu,ladybug scripts/bench-peers.sh
#   scripts/bench-peers.sh --runs 10 --warmup 2         # further arguments go to `peers.py run`
#
# Environment (defaults in brackets; relative paths are taken from the repository root):
#   BENCH_SRC  the harness to copy                        [../shared/bench]
#   BENCH_DIR  the scratch directory to run in            [../bench-run]
#   SCALES     comma list of scales (Model nodes)         [1000,10000,100000,1000000]
#   ENGINES    comma list of peer engines                 [kuzu,ladybug,networkx]
#   RESULTS    the harness's results folder, relative to BENCH_DIR or absolute  [results]
#   WORKLOAD   the workload file in BENCH_DIR: the harness's or evroad's general.json  [workload.json]
#   PYTHON     the python that creates the venv           [python3]
#
# Cost: at S=1,000,000 the networkx worker alone takes minutes and about 8 GB of memory;
# leave it out with ENGINES=kuzu,ladybug. The exit status is that of `peers.py run`: 1 when
# an engine failed, a query errored, or any answer differs from the reference engine (the
# first of ENGINES).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"

# An absolute path for $1, taken from the repository root when relative.
from_repo() {
    case "$1" in
        /*) printf '%s\n' "$1" ;;
        *) printf '%s\n' "$repo/$1" ;;
    esac
}

src="$(from_repo "${BENCH_SRC:-../shared/bench}")"
dir="$(from_repo "${BENCH_DIR:-../bench-run}")"
scales="${SCALES:-1000,10000,100000,1000000}"
engines="${ENGINES:-kuzu,ladybug,networkx}"
results="${RESULTS:-results}"
workload="${WORKLOAD:-workload.json}"
python="${PYTHON:-python3}"

# 1. The harness in a writable scratch directory.
harness_files=(gen.py peers.py workload.json README.md)
if [ -d "$src" ]; then
    if [ ! -d "$dir" ]; then
        echo "copying the harness $src -> $dir"
        cp -R "$src" "$dir"
        chmod -R u+w "$dir"
    else
        for f in "${harness_files[@]}"; do
            if [ -f "$src/$f" ] && ! cmp -s "$src/$f" "$dir/$f"; then
                echo "refreshing $dir/$f from $src"
                rm -f "$dir/$f"
                cp "$src/$f" "$dir/$f"
                chmod u+w "$dir/$f"
            fi
        done
    fi
elif [ -f "$dir/peers.py" ]; then
    echo "note: no harness at $src; using the copy in $dir"
else
    echo "error: no peer harness at $src (set BENCH_SRC) and none in $dir (set BENCH_DIR)" >&2
    exit 2
fi

# evroad's own broad workload (bench/general.json) beside the harness's: run it with
# `WORKLOAD=general.json RESULTS=results-general scripts/bench-peers.sh`.
cp "$repo/bench/general.json" "$dir/general.json"

# 2. The venv with the pinned peers.
if [ ! -x "$dir/.venv/bin/python" ]; then
    echo "creating $dir/.venv"
    (cd "$dir" && "$python" -m venv .venv &&
        .venv/bin/pip install kuzu==0.11.3 ladybug==0.22.0 networkx==3.6.1)
fi

# 3. evroad, release build.
(cd "$repo" && cargo build --release)
target="${CARGO_TARGET_DIR:-target}"
bin="$(from_repo "$target")/release/evroad"
if [ ! -x "$bin" ]; then
    echo "error: no binary at $bin after cargo build --release" >&2
    exit 1
fi
bin_quoted="$(printf '%q' "$bin")"

# 4. The graphs, and evroad's binary snapshot of each (`evroad snapshot`, a one-time
#    conversion like the generator's CSV files for Kuzu; not part of the load time).
cd "$dir"
for s in ${scales//,/ }; do
    [ -f "data/$s/graph.json" ] || .venv/bin/python gen.py --scale "$s"
    if [ ! -f "data/$s/graph.snap" ] || [ "data/$s/graph.json" -nt "data/$s/graph.snap" ]; then
        "$bin" --graph "data/$s/graph.json" snapshot -o "data/$s/graph.snap"
    fi
done

# 5. The run. peers.py fills {data} (data/S), {workload}, {runs}, {warmup} and {out}.
#    `evroad` loads the snapshot, `evroad-json` the JSON graph file; both answer the same.
run="bench --workload {workload} --runs {runs} --warmup {warmup} --out {out}"
# `evroad-plain`: the snapshot with the special-case passes off (the counting shortcuts);
# the general passes (index lookup, start order, pushdown, column kernels) stay on.
plain="--disable-pass factorised-count --disable-pass count-pushdown"
status=0
.venv/bin/python peers.py run --scales "$scales" --engines "$engines" --workload "$workload" \
    --results "$results" \
    --extra "evroad=$bin_quoted --graph {data}/graph.snap $run" \
    --extra "evroad-json=$bin_quoted --graph {data}/graph.json $run" \
    --extra "evroad-plain=$bin_quoted --graph {data}/graph.snap $plain $run" "$@" || status=$?

# 6. The tables.
.venv/bin/python peers.py report --results "$results" --workload "$workload"
echo
.venv/bin/python "$here/bench-ratios.py" "$results" || true
echo
.venv/bin/python "$here/bench-ratios.py" "$results" --engine evroad-json || true
exit "$status"
