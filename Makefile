# openkf-build-action: build, test, demo.
SHELL := /bin/bash
SWIFT ?= swift
KIT ?= $(abspath $(CURDIR)/../shared/conformance/metadata)
RELEASE_BIN := .build/release/openkf-build
SWIFT_FLAGS := -Xswiftc -warnings-as-errors

ACTION_IMAGE ?= openkf-build-action:test

.PHONY: demo build release test unit environment e2e conformance own-cases bench-metadata bench-image bench-many bench-fanout bench-cache fmt lint clean \
	check-action action-image action-image-test act stand-ins

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

## Unit tests and the in-process scenarios of the main step (everything but the end-to-end tests).
unit:
	$(SWIFT) test $(SWIFT_FLAGS) --skip EndToEndTests

## The real engine, buildx, QEMU and registries (idempotent; root).
environment:
	bash scripts/env/setup-environment.sh

## Tests against the real environment (run `make environment` first).
e2e:
	$(SWIFT) test $(SWIFT_FLAGS) --filter EndToEndTests --no-parallel

## action.yml and metadata/action.yml against the code, actionlint on the workflows and the
## example, the release pin script.
check-action:
	bash Tests/Release/action-files.test.sh
	bash Tests/Release/pin-action-image.test.sh

## Local stand-ins for the Dockerfile's base images (offline; once per machine).
stand-ins:
	bash scripts/env/make-action-base-images.sh

## The action image from the Dockerfile (BuildKit, as GitHub's runner builds it).
action-image: stand-ins
	docker build -t $(ACTION_IMAGE) .

## The image started exactly as the runner starts a container action (main, post, metadata).
action-image-test: action-image release
	bash Tests/ActionImage/run-as-runner.test.sh $(ACTION_IMAGE) $(RELEASE_BIN)

## The dogfood workflow and a consumer of openimsdk/openkf-build-action@v1 through act, offline.
act:
	bash Tests/Act/act.test.sh

conformance: release
	@test -x "$(KIT)/compare" || { echo "conformance kit not found at $(KIT) (set KIT=...)"; exit 1; }
	@# from /: the kit turns arguments that name existing paths into absolute paths, and this
	@# repository has a metadata/ directory (the metadata action)
	cd / && "$(KIT)/compare" "$(CURDIR)/$(RELEASE_BIN)" metadata
	cd / && "$(KIT)/compare" --strict "$(CURDIR)/$(RELEASE_BIN)" metadata

## The project's own recorded cases, with its own harness (Tests/Conformance/runner.py): no ../shared.
own-cases: release
	cd / && "$(CURDIR)/Tests/Conformance/check" "$(CURDIR)/$(RELEASE_BIN)" metadata

bench-metadata: release
	bash bench/metadata.sh

## The action twice with cache: registry, the engine cache pruned in between (root).
bench-cache:
	bash bench/cache.sh

## Publishing to 1 and 3 shaped registries: the action against buildx --push (root; tc).
bench-fanout:
	bash bench/fanout.sh

## Twelve services in one step (bake) against twelve separate steps, side by side.
bench-many:
	bash bench/many-images.sh

## Size of the action image and the time from docker run to its first output.
bench-image: action-image
	CONTEXT=. bash bench/action-image.sh $(ACTION_IMAGE)

fmt:
	$(SWIFT) format --in-place --recursive Sources Tests

lint:
	$(SWIFT) format lint --recursive Sources Tests

clean:
	rm -rf .build
