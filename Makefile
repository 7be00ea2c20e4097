# openkf-build-action: build, test, demo.
SHELL := /bin/bash
SWIFT ?= swift
KIT ?= $(abspath $(CURDIR)/../shared/conformance/metadata)
RELEASE_BIN := .build/release/openkf-build
SWIFT_FLAGS := -Xswiftc -warnings-as-errors

.PHONY: demo build release test unit environment e2e conformance own-cases bench-metadata fmt lint clean

## README's first command: the main job on a fresh machine, against local registries.
demo:
	@bash scripts/demo.sh

build:
	$(SWIFT) build $(SWIFT_FLAGS)

release:
	$(SWIFT) build -c release $(SWIFT_FLAGS)

## The whole test suite (README's second command; .ci/run calls exactly this).
test:
	@bash scripts/test.sh

unit:
	$(SWIFT) test $(SWIFT_FLAGS) --skip EndToEndTests

## The real engine, buildx, QEMU and registries (idempotent; root).
environment:
	bash scripts/env/setup-environment.sh

## Tests against the real environment (run `make environment` first).
e2e:
	$(SWIFT) test $(SWIFT_FLAGS) --filter EndToEndTests --no-parallel

conformance: release
	@test -x "$(KIT)/compare" || { echo "conformance kit not found at $(KIT) (set KIT=...)"; exit 1; }
	"$(KIT)/compare" $(RELEASE_BIN) metadata
	"$(KIT)/compare" --strict $(RELEASE_BIN) metadata

own-cases: release
	CONFORMANCE_KIT="$(KIT)" Tests/Conformance/check $(RELEASE_BIN) metadata

bench-metadata: release
	bash bench/metadata.sh

fmt:
	$(SWIFT) format --in-place --recursive Sources Tests

lint:
	$(SWIFT) format lint --recursive Sources Tests

clean:
	rm -rf .build
