#!/usr/bin/env bash
# bench/home.sh: the home page, signed in as the demo administrator, against
# nginx serving the same bytes as a static file (called by bench/run.sh,
# which sets secs, conns, threads, rounds, jcs, nginx_bin).
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
work=$(mktemp -d /tmp/jcs-bench.XXXXXX)
chmod 755 "$work"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  stop_nginx
  rm -rf "$work"
}
trap cleanup EXIT

# jcs on SQLite with its production defaults, access log included (to a file,
# as it would go to the journal); nginx logs every request too.
jport=$(free_port)
"$jcs" serve --db "$work/jcs.db" --listen "127.0.0.1:$jport" --plain-http --demo >"$work/jcs.out" 2>"$work/jcs.log" &
jpid=$!
pids+=("$jpid")
base="http://127.0.0.1:$jport"
wait_up "$base/healthz"

read -r email pw < <(sed -n 's/^Sign in as \(\S*\) with the password \(\S*\)$/\1 \2/p' "$work/jcs.out")
cookie=$(sign_in "$base" "$email" "$pw" "$work/cookies")

mkdir -p "$work/www"
curl -fsS -H "$cookie" "$base/" -o "$work/www/index.html"
grep -q "Sign out" "$work/www/index.html" || { echo "bench: the home page is not signed in" >&2; exit 1; }
chmod 644 "$work/www/index.html"
nport=$(start_nginx)

read -r n_rps n_p50 n_p99 j_rps j_p50 j_p99 < <(compare_pages home "$base/" "http://127.0.0.1:$nport/" "$cookie")
peak_kib=$(awk '/VmHWM/ {print $2}' "/proc/$jpid/status")
bytes=$(stat -c %s "$work/www/index.html")
r=$(ratio "$j_rps" "$n_rps")
verdict=$(awk -v r="$r" -v p="$j_p99" 'BEGIN { print (r >= 0.5 && p < 10) ? "met" : "not met" }')

date=$(date -u +%Y-%m-%dT%H:%MZ)
cpu=$(awk -F: '/model name/ {gsub(/^ +/, "", $2); print $2; exit}' /proc/cpuinfo)
printf '\n%-8s %12s %10s %10s\n' target 'requests/s' 'p50 ms' 'p99 ms'
printf '%-8s %12s %10s %10s\n' nginx "$n_rps" "$n_p50" "$n_p99" jcs "$j_rps" "$j_p50" "$j_p99"
printf '\njcs/nginx throughput: %s   jcs peak memory: %s KiB   home page: %s bytes\n' "$r" "$peak_kib" "$bytes"
printf 'target (>= 0.5 of nginx, p99 < 10 ms): %s\n' "$verdict"

{
  echo
  echo "### $date: home page, jcs vs nginx"
  echo
  echo "Command: \`make bench\` (bench/home.sh: wrk -t$threads -c$conns -d${secs}s --latency, loopback, SQLite; mean of $rounds alternating rounds)."
  echo "Machine: $(nproc) cores, $cpu."
  echo
  echo "| target | requests/s | p50 ms | p99 ms |"
  echo "|---|---:|---:|---:|"
  echo "| nginx (static file, same $bytes bytes, access log on) | $n_rps | $n_p50 | $n_p99 |"
  echo "| jcs (SQLite, access log on) | $j_rps | $j_p50 | $j_p99 |"
  echo
  echo "jcs/nginx throughput **$r**; jcs peak memory (VmHWM) $peak_kib KiB. Target (≥ 0.5, p99 < 10 ms): **$verdict**."
} >>BENCHMARKS.md
