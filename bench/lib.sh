# bench/lib.sh: what the benchmark cases share (sourced, not run): ports,
# waiting for a server, signing in the way a browser does, nginx serving a
# copy of a page, wrk runs and the mean of alternating rounds.
#
# The caller sets: work (a temporary directory), jcs (the binary), threads,
# conns, secs, rounds; and a pids array whose processes are killed at exit.

free_port() { scripts/free-port.sh; }

wait_up() {
  for _ in $(seq 1 100); do curl -fsS -o /dev/null "$1" 2>/dev/null && return 0; sleep 0.1; done
  echo "bench: $1 did not come up" >&2
  return 1
}

csrf_of() { sed -n 's/.*name="csrf_token" value="\([^"]*\)".*/\1/p' | head -1; }

# sign_in BASE EMAIL ONE_TIME_PASSWORD JAR: signs in, makes the forced
# password change, and prints the "Cookie: ..." header for wrk.
sign_in() {
  local base=$1 email=$2 pw=$3 jar=$4 csrf newpw session
  csrf=$(curl -fsS -c "$jar" -b "$jar" "$base/login" | csrf_of)
  curl -fsS -o /dev/null -c "$jar" -b "$jar" --data-urlencode "email=$email" \
    --data-urlencode "password=$pw" --data-urlencode "csrf_token=$csrf" "$base/login"
  csrf=$(curl -fsS -c "$jar" -b "$jar" "$base/account/password" | csrf_of)
  newpw="bench-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"
  curl -fsS -o /dev/null -c "$jar" -b "$jar" --data-urlencode "current_password=$pw" \
    --data-urlencode "new_password=$newpw" --data-urlencode "confirm_password=$newpw" \
    --data-urlencode "csrf_token=$csrf" "$base/account/password"
  session=$(awk '$6 == "jcs_session" { print $7 }' "$jar")
  [ -n "$session" ] || { echo "bench: could not sign in as $email" >&2; return 1; }
  echo "Cookie: jcs_session=$session"
}

# start_nginx: serves $work/www on a free port (worker per wrk thread,
# access log on, like for like with jcs); prints the port.
start_nginx() {
  local port
  port=$(free_port)
  mkdir -p "$work/www" "$work/tmp"
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
    listen 127.0.0.1:$port;
    root $work/www;
    location / { index index.html; default_type text/html; }
  }
}
CONF
  "${nginx_bin:-nginx}" -p "$work" -c "$work/nginx.conf"
  # Any answer will do (the copies live in folders, "/" itself may be 404).
  for _ in $(seq 1 100); do
    [ "$(curl -s -o /dev/null -w "%{http_code}" "http://127.0.0.1:$port/")" != 000 ] && break
    sleep 0.1
  done
  echo "$port"
}

stop_nginx() {
  [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
  rm -f "$work/nginx.pid"
  sleep 0.2
}

# run_wrk URL [HEADER] -> "rps p50_ms p99_ms"
run_wrk() {
  local hdr=()
  [ -n "${2:-}" ] && hdr=(-H "$2")
  wrk -t"$threads" -c"$conns" -d"${secs}s" --latency "${hdr[@]}" "$1" >"$work/wrk.out" 2>&1
  awk '
    function ms(v) { if (v ~ /us$/) return v/1000; if (v ~ /ms$/) return v+0; if (v ~ /s$/) return v*1000; return v }
    /Requests\/sec:/ { rps=$2 }
    $1=="50%" { p50=ms($2) }
    $1=="99%" { p99=ms($2) }
    / Non-2xx or 3xx responses:/ { bad=$NF }
    END { if (bad) { print "bench: " bad " responses were not 2xx/3xx" > "/dev/stderr"; exit 1 }
          printf "%.0f %.3f %.3f\n", rps, p50, p99 }' "$work/wrk.out"
}

# compare_pages NAME JCS_URL NGINX_URL HEADER: warms both, then alternates
# rounds (nginx, jcs, ...) so a slow spell hits both; prints
# "n_rps n_p50 n_p99 j_rps j_p50 j_p99" (means over the rounds).
compare_pages() {
  local name=$1 jurl=$2 nurl=$3 hdr=$4
  wrk -t1 -c8 -d1s -H "$hdr" "$jurl" >/dev/null 2>&1
  wrk -t1 -c8 -d1s "$nurl" >/dev/null 2>&1
  : >"$work/n-$name.txt"; : >"$work/j-$name.txt"
  for _ in $(seq 1 "$rounds"); do
    run_wrk "$nurl" >>"$work/n-$name.txt"
    run_wrk "$jurl" "$hdr" >>"$work/j-$name.txt"
  done
  paste -d' ' <(mean3 "$work/n-$name.txt") <(mean3 "$work/j-$name.txt")
}

mean3() { awk '{ r += $1; a += $2; b += $3; n++ } END { printf "%.0f %.3f %.3f\n", r/n, a/n, b/n }' "$1"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b ? a/b : 0 }'; }
