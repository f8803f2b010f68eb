# The project's front door (DESIGN.md 3.5). `make test` is what CI runs.
MVN ?= mvn -B

.PHONY: test services build demo demo-down e2e-kind bench

## test: start Redis and MariaDB on loopback when absent, then build and verify every module
test: services
	$(MVN) verify

## services: Redis on 127.0.0.1:6379 and MariaDB on 127.0.0.1:3306, installed and started when absent
services:
	bash scripts/local-services.sh

## build: package every module without running tests
build:
	$(MVN) -DskipTests package

demo:
	@echo "make demo arrives with issue 5 (the local stack); see README.md" >&2; exit 2

demo-down:
	@echo "make demo-down arrives with issue 5 (the local stack); see README.md" >&2; exit 2

e2e-kind:
	@echo "make e2e-kind arrives with issue 5 (kind end-to-end); see README.md" >&2; exit 2

bench:
	@echo "make bench arrives with issue 6 (benchmarks); see README.md" >&2; exit 2
