#!/usr/bin/env bash
# pg.sh: a throwaway PostgreSQL server for tests and benchmarks.
#
#   eval "$(scripts/pg.sh start DIR)"   initdb in DIR, start on a free loopback
#                                       port, print `export JCS_TEST_PG=URL`
#   scripts/pg.sh stop DIR              stop it and remove DIR
#
# PostgreSQL refuses to run as root, so as root the server runs as the
# `postgres` user that Debian's package creates.
set -euo pipefail
cmd=${1:?usage: pg.sh start|stop DIR}
dir=${2:?usage: pg.sh start|stop DIR}
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -x "$bin/pg_ctl" ] || { echo "pg.sh: PostgreSQL server binaries not found (apt-get install postgresql)" >&2; exit 1; }

as_pg() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "$cmd" in
start)
  mkdir -p "$dir"
  [ "$(id -u)" -eq 0 ] && chown postgres: "$dir"
  as_pg "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 ||
    { cat "$dir/initdb.log" >&2; exit 1; }
  port=$("$(dirname "$0")/free-port.sh")
  # fsync off: test data is thrown away; it makes the suite much faster.
  as_pg "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start \
    -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" >/dev/null ||
    { cat "$dir/server.log" >&2; exit 1; }
  echo "export JCS_TEST_PG=postgresql://postgres@127.0.0.1:$port/postgres"
  ;;
stop)
  if [ -d "$dir/data" ]; then
    as_pg "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$dir"
  ;;
*) echo "usage: pg.sh start|stop DIR" >&2; exit 2 ;;
esac
