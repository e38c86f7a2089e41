#!/usr/bin/env bash
# test.sh: everything `make test` runs.  Builds the release binary (gcc, as
# `make build` does) and the sanitizer build with clang (ASan + UBSan,
# libFuzzer targets), starts a throwaway PostgreSQL server,
# runs ctest (unit, HTTP, browser and short fuzz runs, storage tests on both
# backends) and stops the server, whatever happened.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
jobs=$(nproc 2>/dev/null || echo 2)

# The release binary `make run` serves, built as `make build` builds it
# (gcc, whose warnings differ from clang's; -Werror makes any a failure).
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j "$jobs" --target jcs

CC=clang cmake -S . -B build-test -DCMAKE_BUILD_TYPE=Debug \
  -DJCS_SANITIZE=ON -DJCS_FUZZ=ON -DFUZZ_SECONDS="${FUZZ_SECONDS:-10}" >/dev/null
cmake --build build-test -j "$jobs"

pgdir=$(mktemp -d /tmp/jcs-pg.XXXXXX)
# Stop PostgreSQL however the run ends, keeping the run's own exit status.
trap 'status=$?; "$root/scripts/pg.sh" stop "$pgdir" || true; exit $status' EXIT
pgenv=$("$root/scripts/pg.sh" start "$pgdir")   # fails the run if PostgreSQL does not start
eval "$pgenv"
export JCS_TEST_PG

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0:strict_string_checks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
cd build-test
ctest --output-on-failure -j "$jobs" "$@"
