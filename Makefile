# The project's front door (the targets are listed in README.md). `make test` is what CI runs.
MVN ?= mvn -B

# every target builds or runs Java 25: Maven and the scripts use the JDK scripts/java25.sh finds, not the default java
JAVA25 := $(shell bash scripts/java25.sh 2>&1)
ifeq ($(filter /%,$(firstword $(JAVA25))),)
$(error $(JAVA25))
endif
export JAVA_HOME := $(JAVA25)
export PATH := $(JAVA_HOME)/bin:$(PATH)

.PHONY: test format services build images demo demo-down e2e-kind bench

## test: start Redis and MariaDB on loopback when absent, build and verify every module, then both images built and run as pods would run them (about a minute), the soak smoke (2.5 to 4 minutes) and the benchmark smoke
test: services
	$(MVN) verify
	bash scripts/images-test.sh
	bash soak/run.sh --smoke
	bash bench/run.sh --smoke

## format: apply the Java formatter (palantir-java-format through Spotless, configured in pom.xml) to every module; every Maven build checks it
format:
	$(MVN) -q spotless:apply

## services: Redis on 127.0.0.1:6379 and MariaDB on 127.0.0.1:3306, installed and started when absent
services:
	bash scripts/local-services.sh

## build: package every module without running tests
build:
	$(MVN) -DskipTests package

## images: package the app and operator jars, then build both images with podman, tagged with the version, and print their sizes (README.md, Images)
images:
	$(MVN) -q -DskipTests -pl counter-app,operator -am package
	bash scripts/images.sh

## demo: build, start the local stack in the background, apply examples/demo.yaml, wait until Ready, print its URL
demo:
	$(MVN) -q -DskipTests package
	bash scripts/demo.sh

## demo-down: stop exactly the processes `make demo` started (pid files in .local-stack/)
demo-down:
	bash scripts/local-stack.sh down

## e2e-kind: the end-to-end suite on a kind cluster with ingress-nginx and the Helm chart (needs docker, kind, helm)
e2e-kind:
	bash e2e/kind/run.sh

## bench: the benchmarks of bench/README.md on the current sources (about 12 minutes); table also in bench/RESULTS.md
bench: services
	$(MVN) -q -DskipTests -pl counter-app,operator,local-apiserver -am package
	bash bench/run.sh

.PHONY: bench-smoke bench-compare-ref bench-compare-env
## bench-smoke: every benchmark scenario for about a second, so the scripts cannot rot (fails only when broken)
bench-smoke: services
	bash bench/run.sh --smoke

## bench-compare-ref: REF=<git ref>: REF's counter-app against the current sources, floor and increments in alternating rounds (about 13 minutes plus the build of REF); table in bench/RESULTS.md
bench-compare-ref: services
	@test -n "$(REF)" || { echo 'usage: make bench-compare-ref REF=<git ref>'; exit 2; }
	$(MVN) -q -DskipTests -pl counter-app -am package
	bash bench/run.sh --compare-ref '$(REF)'

## bench-compare-env: ENV=VAR=VALUE: the current counter-app without and with ENV, floor and increments in alternating rounds (about 13 minutes); table in bench/RESULTS.md
bench-compare-env: services
	@test -n "$(ENV)" || { echo 'usage: make bench-compare-env ENV=VAR=VALUE'; exit 2; }
	$(MVN) -q -DskipTests -pl counter-app -am package
	bash bench/run.sh --compare-env '$(ENV)'

.PHONY: soak soak-smoke
## soak: the chaos soak on private stores (replica kill -9, MariaDB down 20s, Redis faults), both modes (services installs the binaries)
soak: services
	$(MVN) -q -DskipTests -pl counter-app -am package
	bash soak/run.sh

## soak-smoke: the soak on Standalone Redis only, one short fault cycle per mode (2.5 to 4 minutes on a busy machine; part of `make test`)
soak-smoke: services
	bash soak/run.sh --smoke
