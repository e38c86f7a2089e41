#!/usr/bin/env bash
# bench/selfanalysis.sh: self-analysis at national scale (called by
# bench/run.sh, which sets secs, conns, threads, rounds, jcs, nginx_bin).
#
# 150 partnerships x 3 rounds x 40 respondents x 13 standards (234,000
# cells), made up deterministically, imported through the CLI one round per
# process (`jcs selfanalysis import`, as a script would), against the
# baseline of the sqlite3 shell importing the same cells as plain rows, one
# process per round file too (no parsing of cells, no validation, no
# audit).  Then every round is shared with the national benchmark and one
# partnership's results page and benchmark page are measured under wrk
# against nginx serving the same bytes.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
P=${BENCH_PARTNERSHIPS:-150}
R=3
N=40
S=13
work=$(mktemp -d /tmp/jcs-bench-sa.XXXXXX)
chmod 755 "$work"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  stop_nginx
  rm -rf "$work"
}
trap cleanup EXIT
command -v sqlite3 >/dev/null || { echo "bench: the sqlite3 shell is missing (apt-get install sqlite3)" >&2; exit 1; }

# The scores: one file per round in the import's format (wide) and the same
# cells as plain rows for the baseline (long).  Whole points 1-5 (csp-2009-13
# has no half points and no "Don't know"), about 1 in 30 left unanswered.
mkdir -p "$work/wide" "$work/long"
awk -v P="$P" -v R="$R" -v N="$N" -v S="$S" -v dir="$work" 'BEGIN {
  x = 12345
  for (p = 1; p <= P; p++) for (r = 1; r <= R; r++) {
    w = sprintf("%s/wide/p%03d-r%d.csv", dir, p, r)
    l = sprintf("%s/long/p%03d-r%d.csv", dir, p, r)
    printf "standard" > w
    for (j = 1; j <= N; j++) printf ",%d", j > w
    printf "\n" > w
    for (s = 1; s <= S; s++) {
      printf "%d", s > w
      for (j = 1; j <= N; j++) {
        x = (x * 1103515245 + 12345) % 2147483648
        v = int(x / 65536) % 60
        cell = v < 2 ? "" : 1 + (v + p + r + s) % 5
        printf ",%s", cell > w
        printf "%d,%d,%d,%d,%s\n", p, r, s, j, cell > l
      }
      printf "\n" > w
    }
    close(w); close(l)
  }
}'
cells=$((P * R * N * S))

now() { date +%s.%N; }
secs_since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.2f", b - a }'; }

# Baseline: the sqlite3 shell.
sqlite3 "$work/base.db" "CREATE TABLE cell (partnership INTEGER, round INTEGER, standard INTEGER, respondent INTEGER, score TEXT)"
t0=$(now)
for f in "$work"/long/*.csv; do
  sqlite3 "$work/base.db" ".import --csv $f cell"
done
base_s=$(secs_since "$t0")
[ "$(sqlite3 "$work/base.db" 'SELECT count(*) FROM cell')" -eq "$cells" ] || { echo "bench: baseline import incomplete" >&2; exit 1; }

# jcs: the partnerships first (not timed), then the imports.
db="$work/jcs.db"
for p in $(seq 1 "$P"); do
  "$jcs" partnership create --db "$db" --slug "$(printf 'p%03d' "$p")" --name "Partnership $p" >/dev/null
done
t0=$(now)
for p in $(seq 1 "$P"); do
  for r in $(seq 1 "$R"); do
    "$jcs" selfanalysis import --db "$db" --partnership "$(printf 'p%03d' "$p")" \
      --framework csp-2009-13 --round "Round $r" --mode interviews \
      "$(printf '%s/wide/p%03d-r%d.csv' "$work" "$p" "$r")" >/dev/null
  done
done
jcs_s=$(secs_since "$t0")
t0=$(now)
for p in $(seq 1 "$P"); do
  for r in $(seq 1 "$R"); do
    "$jcs" selfanalysis share --db "$db" --partnership "$(printf 'p%03d' "$p")" --round "Round $r" >/dev/null
  done
done
share_s=$(secs_since "$t0")
import_ratio=$(ratio "$base_s" "$jcs_s")

# The pages, as an analyst of the first partnership.
jport=$(free_port)
"$jcs" serve --db "$db" --listen "127.0.0.1:$jport" --plain-http >"$work/jcs.out" 2>"$work/jcs.log" &
jpid=$!
pids+=("$jpid")
base="http://127.0.0.1:$jport"
wait_up "$base/healthz"
pw=$("$jcs" user add --db "$db" --partnership p001 --email bench@bench.invalid --name Bench --role analyst |
     sed -n 's/^Password for [^:]*: \(\S*\).*/\1/p')
cookie=$(sign_in "$base" bench@bench.invalid "$pw" "$work/cookies")
round_id=$(sqlite3 "$db" "SELECT r.id FROM sa_round r JOIN partnership p ON p.id = r.partnership_id WHERE p.slug = 'p001' AND r.name = 'Round 3'")

mkdir -p "$work/www/results" "$work/www/benchmark"
curl -fsS -H "$cookie" "$base/selfanalysis/rounds/$round_id/results" -o "$work/www/results/index.html"
curl -fsS -H "$cookie" "$base/selfanalysis/benchmark" -o "$work/www/benchmark/index.html"
grep -q "Round 3" "$work/www/results/index.html" || { echo "bench: the results page did not load" >&2; exit 1; }
chmod -R a+rX "$work/www"
nport=$(start_nginx)

read -r rn_rps rn_p50 rn_p99 rj_rps rj_p50 rj_p99 < <(compare_pages results \
  "$base/selfanalysis/rounds/$round_id/results" "http://127.0.0.1:$nport/results/" "$cookie")
read -r bn_rps bn_p50 bn_p99 bj_rps bj_p50 bj_p99 < <(compare_pages benchmark \
  "$base/selfanalysis/benchmark" "http://127.0.0.1:$nport/benchmark/" "$cookie")
peak_kib=$(awk '/VmHWM/ {print $2}' "/proc/$jpid/status")
rbytes=$(stat -c %s "$work/www/results/index.html")
bbytes=$(stat -c %s "$work/www/benchmark/index.html")
rr=$(ratio "$rj_rps" "$rn_rps")
br=$(ratio "$bj_rps" "$bn_rps")

date=$(date -u +%Y-%m-%dT%H:%MZ)
cpu=$(awk -F: '/model name/ {gsub(/^ +/, "", $2); print $2; exit}' /proc/cpuinfo)
printf '\nself-analysis import of %s cells (%s partnerships x %s rounds x %s respondents x %s standards)\n' "$cells" "$P" "$R" "$N" "$S"
printf '  sqlite3 shell (plain rows): %s s   jcs selfanalysis import: %s s   ratio (baseline time / jcs time): %s\n' "$base_s" "$jcs_s" "$import_ratio"
printf '  sharing every round with the benchmark: %s s\n' "$share_s"
printf '\n%-22s %12s %10s %10s\n' target 'requests/s' 'p50 ms' 'p99 ms'
printf '%-22s %12s %10s %10s\n' "nginx results copy" "$rn_rps" "$rn_p50" "$rn_p99" "jcs results" "$rj_rps" "$rj_p50" "$rj_p99" \
  "nginx benchmark copy" "$bn_rps" "$bn_p50" "$bn_p99" "jcs benchmark" "$bj_rps" "$bj_p50" "$bj_p99"
printf '\nresults page jcs/nginx: %s   benchmark page jcs/nginx: %s   jcs peak memory: %s KiB\n' "$rr" "$br" "$peak_kib"

{
  echo
  echo "### $date: self-analysis at national scale"
  echo
  echo "Command: \`make bench\` (bench/selfanalysis.sh; pages: wrk -t$threads -c$conns -d${secs}s --latency, loopback, SQLite; mean of $rounds alternating rounds)."
  echo "Machine: $(nproc) cores, $cpu."
  echo
  echo "Import of $cells cells ($P partnerships × $R rounds × $N respondents × $S standards), one process per round:"
  echo
  echo "| importer | seconds | cells/s |"
  echo "|---|---:|---:|"
  echo "| sqlite3 shell, \`.import --csv\` of plain rows (baseline) | $base_s | $(awk -v c="$cells" -v s="$base_s" 'BEGIN { printf "%.0f", c/s }') |"
  echo "| \`jcs selfanalysis import\` (parse, validate, audit) | $jcs_s | $(awk -v c="$cells" -v s="$jcs_s" 'BEGIN { printf "%.0f", c/s }') |"
  echo
  echo "Baseline time / jcs time **$import_ratio**. Sharing all $((P * R)) rounds with the benchmark (\`jcs selfanalysis share\`, one process each): $share_s s."
  echo
  echo "| page | requests/s | p50 ms | p99 ms |"
  echo "|---|---:|---:|---:|"
  echo "| nginx, copy of the results page ($rbytes bytes) | $rn_rps | $rn_p50 | $rn_p99 |"
  echo "| jcs results page (round of 40 × 13, statistics computed per request) | $rj_rps | $rj_p50 | $rj_p99 |"
  echo "| nginx, copy of the benchmark page ($bbytes bytes) | $bn_rps | $bn_p50 | $bn_p99 |"
  echo "| jcs benchmark page ($P partnerships sharing) | $bj_rps | $bj_p50 | $bj_p99 |"
  echo
  echo "Results page jcs/nginx **$rr**; benchmark page jcs/nginx **$br**; jcs peak memory (VmHWM) $peak_kib KiB."
} >>BENCHMARKS.md
