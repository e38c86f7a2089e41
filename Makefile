# The front door.  `make run` and `make test` install what is missing
# (scripts/setup.sh), configure with CMake and build.
#
#   make build   release binary at build/jcs
#   make run     build, then serve on http://127.0.0.1:8080 (database var/jcs.db)
#   make test    every test, under ASan+UBSan, on SQLite and PostgreSQL
#   make bench   jcs against nginx on loopback; figures appended to BENCHMARKS.md
#   make fuzz    each fuzz target for FUZZ_SECONDS (default 300)
#   make clean
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
FUZZ_SECONDS ?= 300
DB ?= var/jcs.db
LISTEN ?= 127.0.0.1:8080

.PHONY: build run test bench fuzz clean setup

build:
	@scripts/setup.sh build
	@cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
	@cmake --build build -j $(JOBS) --target jcs

run: build
	build/jcs serve --db $(DB) --listen $(LISTEN) --plain-http --demo

test:
	@scripts/setup.sh test
	@scripts/test.sh

bench: build
	@scripts/setup.sh bench
	@bench/run.sh

fuzz:
	@scripts/setup.sh test
	@CC=clang cmake -S . -B build-test -DJCS_SANITIZE=ON -DJCS_FUZZ=ON -DFUZZ_SECONDS=$(FUZZ_SECONDS) >/dev/null
	@cmake --build build-test -j $(JOBS)
	@cd build-test && ctest -R '^fuzz_' --output-on-failure

clean:
	rm -rf build build-test
