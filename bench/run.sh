#!/usr/bin/env bash
# bench/run.sh: `make bench`.  jcs's home page, signed in, against nginx serving the
# same bytes as a static file, on loopback, measured by wrk in the same run
# so the ratio means something on whatever machine runs it.
#
#   bench/run.sh [SECONDS]      (default 10 s per target; env BENCH_SECONDS)
#
# Prints requests/s, p50 and p99 latency for each, the jcs/nginx ratio and
# jcs's peak memory (VmHWM), and appends the figures to BENCHMARKS.md.
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-${BENCH_SECONDS:-10}}
conns=64
threads=2
jcs=build/jcs
[ -x "$jcs" ] || { echo "bench: build/jcs missing: run make build" >&2; exit 1; }
nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)

work=$(mktemp -d /tmp/jcs-bench.XXXXXX)
chmod 755 "$work"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
  sleep 0.2
  rm -rf "$work"
}
trap cleanup EXIT

free_port() { scripts/free-port.sh; }
wait_up() { for _ in $(seq 1 100); do curl -fsS -o /dev/null "$1" 2>/dev/null && return 0; sleep 0.1; done; echo "bench: $1 did not come up" >&2; return 1; }

# jcs on SQLite with its production defaults, access log included (to a file,
# as it would go to the journal); nginx logs every request too, like for like.
jport=$(free_port)
"$jcs" serve --db "$work/jcs.db" --listen "127.0.0.1:$jport" --plain-http --demo >"$work/jcs.out" 2>"$work/jcs.log" &
jpid=$!
pids+=("$jpid")
wait_up "http://127.0.0.1:$jport/healthz"

# Sign in as the demo administrator the way a browser does (CSRF token from
# the form, then the forced change of the printed one-time password): the
# home page is measured signed in, session lookup included.
base="http://127.0.0.1:$jport"
jar="$work/cookies"
csrf_of() { sed -n 's/.*name="csrf_token" value="\([^"]*\)".*/\1/p' | head -1; }
read -r email pw < <(sed -n 's/^Sign in as \(\S*\) with the password \(\S*\)$/\1 \2/p' "$work/jcs.out")
csrf=$(curl -fsS -c "$jar" -b "$jar" "$base/login" | csrf_of)
curl -fsS -o /dev/null -c "$jar" -b "$jar" --data-urlencode "email=$email" \
  --data-urlencode "password=$pw" --data-urlencode "csrf_token=$csrf" "$base/login"
csrf=$(curl -fsS -c "$jar" -b "$jar" "$base/account/password" | csrf_of)
newpw="bench-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"
curl -fsS -o /dev/null -c "$jar" -b "$jar" --data-urlencode "current_password=$pw" \
  --data-urlencode "new_password=$newpw" --data-urlencode "confirm_password=$newpw" \
  --data-urlencode "csrf_token=$csrf" "$base/account/password"
session=$(awk '$6 == "jcs_session" { print $7 }' "$jar")
[ -n "$session" ] || { echo "bench: could not sign in" >&2; exit 1; }
cookie="Cookie: jcs_session=$session"

# nginx serves the bytes jcs just served.
mkdir -p "$work/www"
curl -fsS -H "$cookie" "http://127.0.0.1:$jport/" -o "$work/www/index.html"
grep -q "Sign out" "$work/www/index.html" || { echo "bench: the home page is not signed in" >&2; exit 1; }
chmod 644 "$work/www/index.html"
nport=$(free_port)
cat >"$work/nginx.conf" <<CONF
worker_processes $threads;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
daemon on;
events { worker_connections 1024; }
http {
  access_log $work/nginx-access.log;
  client_body_temp_path $work/tmp;
  proxy_temp_path $work/tmp;
  fastcgi_temp_path $work/tmp;
  uwsgi_temp_path $work/tmp;
  scgi_temp_path $work/tmp;
  server {
    listen 127.0.0.1:$nport;
    root $work/www;
    location / { index index.html; default_type text/html; }
  }
}
CONF
mkdir -p "$work/tmp"
"$nginx_bin" -p "$work" -c "$work/nginx.conf"
wait_up "http://127.0.0.1:$nport/"

run_wrk() { # url -> "rps p50_ms p99_ms"
  wrk -t"$threads" -c"$conns" -d"${secs}s" --latency -H "$cookie" "$1" >"$work/wrk.out" 2>&1
  awk '
    function ms(v) { if (v ~ /us$/) return v/1000; if (v ~ /ms$/) return v+0; if (v ~ /s$/) return v*1000; return v }
    /Requests\/sec:/ { rps=$2 }
    $1=="50%" { p50=ms($2) }
    $1=="99%" { p99=ms($2) }
    END { printf "%.0f %.3f %.3f\n", rps, p50, p99 }' "$work/wrk.out"
}

# Warm both, then measure.
wrk -t1 -c8 -d1s -H "$cookie" "http://127.0.0.1:$jport/" >/dev/null 2>&1
wrk -t1 -c8 -d1s -H "$cookie" "http://127.0.0.1:$nport/" >/dev/null 2>&1
# Alternate rounds (nginx, jcs, nginx, jcs...) so a slow spell on a shared
# machine hits both; each figure is the mean over the rounds.
rounds=${BENCH_ROUNDS:-2}
: >"$work/n.txt"; : >"$work/j.txt"
for _ in $(seq 1 "$rounds"); do
  run_wrk "http://127.0.0.1:$nport/" >>"$work/n.txt"
  run_wrk "http://127.0.0.1:$jport/" >>"$work/j.txt"
done
mean() { awk '{ r += $1; a += $2; b += $3; n++ } END { printf "%.0f %.3f %.3f\n", r/n, a/n, b/n }' "$1"; }
read -r n_rps n_p50 n_p99 < <(mean "$work/n.txt")
read -r j_rps j_p50 j_p99 < <(mean "$work/j.txt")
peak_kib=$(awk '/VmHWM/ {print $2}' "/proc/$jpid/status")
bytes=$(stat -c %s "$work/www/index.html")
ratio=$(awk -v a="$j_rps" -v b="$n_rps" 'BEGIN { printf "%.2f", b ? a/b : 0 }')
verdict=$(awk -v r="$ratio" -v p="$j_p99" 'BEGIN { print (r >= 0.5 && p < 10) ? "met" : "not met" }')

date=$(date -u +%Y-%m-%dT%H:%MZ)
cpu=$(awk -F: '/model name/ {gsub(/^ +/, "", $2); print $2; exit}' /proc/cpuinfo)
printf '\n%-8s %12s %10s %10s\n' target 'requests/s' 'p50 ms' 'p99 ms'
printf '%-8s %12s %10s %10s\n' nginx "$n_rps" "$n_p50" "$n_p99" jcs "$j_rps" "$j_p50" "$j_p99"
printf '\njcs/nginx throughput: %s   jcs peak memory: %s KiB   home page: %s bytes\n' "$ratio" "$peak_kib" "$bytes"
printf 'target (>= 0.5 of nginx, p99 < 10 ms): %s\n' "$verdict"

{
  echo
  echo "### $date: home page, jcs vs nginx"
  echo
  echo "Command: \`make bench\` (bench/run.sh: wrk -t$threads -c$conns -d${secs}s --latency, loopback, SQLite; mean of $rounds alternating rounds)."
  echo "Machine: $(nproc) cores, $cpu."
  echo
  echo "| target | requests/s | p50 ms | p99 ms |"
  echo "|---|---:|---:|---:|"
  echo "| nginx (static file, same $bytes bytes, access log on) | $n_rps | $n_p50 | $n_p99 |"
  echo "| jcs (SQLite, access log on) | $j_rps | $j_p50 | $j_p99 |"
  echo
  echo "jcs/nginx throughput **$ratio**; jcs peak memory (VmHWM) $peak_kib KiB. Target (≥ 0.5, p99 < 10 ms): **$verdict**."
} >>BENCHMARKS.md
