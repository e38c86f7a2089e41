#!/usr/bin/env bash
# bench/run.sh: `make bench`.  Each case measures jcs against a baseline run
# in the same script, so the ratio means something on whatever machine runs it:
#
#   home          the signed-in home page against nginx serving the same bytes
#   selfanalysis  (bench/selfanalysis.sh) 150 partnerships x 3 rounds x 40
#                 respondents x 13 standards imported through the CLI against
#                 the sqlite3 shell importing the same cells as plain rows;
#                 then the results and benchmark pages against nginx
#
#   bench/run.sh [SECONDS]      (default 10 s per wrk run; env BENCH_SECONDS,
#                               BENCH_ROUNDS alternating rounds, default 2;
#                               BENCH_CASES="home selfanalysis")
#
# Prints each case's figures and appends them to BENCHMARKS.md.
set -euo pipefail
cd "$(dirname "$0")/.."
export secs=${1:-${BENCH_SECONDS:-10}}
export conns=64 threads=2 rounds=${BENCH_ROUNDS:-2}
export jcs=build/jcs
[ -x "$jcs" ] || { echo "bench: build/jcs missing: run make build" >&2; exit 1; }
export nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)
cases=${BENCH_CASES:-home selfanalysis}

for c in $cases; do
  case "$c" in
    home) bench/home.sh ;;
    selfanalysis) bench/selfanalysis.sh ;;
    *) echo "bench: unknown case $c" >&2; exit 2 ;;
  esac
done
