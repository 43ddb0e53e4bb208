#!/bin/sh
# Runs one fuzz target: fuzz/run.sh parse|query|load|undo|bolt|kernels|columnar|grouping|joins|temporal [SECONDS] [extra libFuzzer flags...]
# Stable toolchain + RUSTC_BOOTSTRAP=1 (cargo-fuzz needs -Z flags); one job, lowest priority.
# New corpus entries go to fuzz/corpus/TARGET (ignored), seeds are read from fuzz/seeds/.
# Crashes land in fuzz/artifacts/TARGET/; libFuzzer's log is fuzz/fuzz-0.log.
set -eu
cd "$(dirname "$0")"
target=${1:?usage: fuzz/run.sh parse|query|load|undo|bolt|kernels|columnar|grouping|joins|temporal [SECONDS]}
seconds=${2:-600}
[ $# -ge 2 ] && shift 2 || shift $#
case $target in
parse | query) seeds=seeds/cypher dict=cypher.dict ;;
kernels) seeds=seeds/kernels dict=cypher.dict ;;
columnar) seeds=seeds/columnar dict=cypher.dict ;;
grouping) seeds=seeds/grouping dict=cypher.dict ;;
joins) seeds=seeds/joins dict=cypher.dict ;;
load) seeds=seeds/graph dict=json.dict ;;
undo) seeds=seeds/undo dict=undo.dict ;;
bolt) seeds=seeds/bolt dict=bolt.dict ;;
temporal) seeds=seeds/temporal dict=temporal.dict ;;
*) echo "unknown target $target" >&2 && exit 2 ;;
esac
mkdir -p "corpus/$target"
RUSTC_BOOTSTRAP=1 exec nice -n 19 cargo fuzz run "$target" "corpus/$target" "$seeds" -- \
    -dict="$dict" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
    -jobs=1 -workers=1 -print_final_stats=1 "$@"
