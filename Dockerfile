# The action's image: one Swift binary (openkf-build, static Swift runtime and Foundation)
# plus the docker CLI and the buildx plugin, on Debian 12.
#
# Built by GitHub's runner with BuildKit (`image: Dockerfile` on the main branch) and by act
# with the classic builder, so it uses nothing the classic builder lacks: no RUN --mount,
# COPY --chmod, heredocs or $BUILDPLATFORM. The base images are ARGs so that local stand-ins
# can replace them (scripts/env/make-action-base-images.sh makes them under these names).
ARG SWIFT_IMAGE=swift:6.3-bookworm
ARG RUNTIME_IMAGE=debian:bookworm-slim
ARG DOCKER_CLI_IMAGE=docker:28-cli

FROM ${DOCKER_CLI_IMAGE} AS docker-cli

FROM ${SWIFT_IMAGE} AS build
WORKDIR /src
# Only the package manifest and the sources: without Tests/ the package has no test targets.
COPY Package.swift ./
COPY Sources ./Sources
RUN swift build -c release --static-swift-stdlib -Xswiftc -warnings-as-errors --product openkf-build \
 && mkdir -p /out \
 && cp "$(swift build -c release --static-swift-stdlib --show-bin-path)/openkf-build" /out/openkf-build \
 && strip /out/openkf-build \
 && /out/openkf-build --version

FROM ${RUNTIME_IMAGE}
# libssl3: https (loaded at run time); ca-certificates: registries' and GitHub's TLS;
# tzdata: {{date ... tz=...}}. No git: metadata-context: git reads .git itself (GitContextReader).
# No manuals, documentation or translations (as debian:*-slim); no apt caches left behind.
RUN printf '%s\n' 'path-exclude /usr/share/doc/*' 'path-include /usr/share/doc/*/copyright' \
      'path-exclude /usr/share/man/*' 'path-exclude /usr/share/info/*' 'path-exclude /usr/share/locale/*' \
      >/etc/dpkg/dpkg.cfg.d/openkf-build-slim \
 && apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      ca-certificates libssl3 tzdata \
 && apt-get clean \
 && rm -rf /var/lib/apt/lists/* /var/cache/debconf/*-old /var/log/apt /var/log/dpkg.log
COPY --from=docker-cli /usr/local/bin/docker /usr/local/bin/docker
COPY --from=docker-cli /usr/local/libexec/docker/cli-plugins/docker-buildx /usr/local/libexec/docker/cli-plugins/docker-buildx
COPY --from=build /out/openkf-build /usr/local/bin/openkf-build
# The post step and the metadata action start the binary through links it recognises by name:
# GitHub passes post-entrypoint to `docker run --entrypoint` unsplit.
RUN ln -s openkf-build /usr/local/bin/openkf-build-post \
 && ln -s openkf-build /usr/local/bin/openkf-build-metadata \
 && openkf-build --version && docker --version && docker buildx version
ENTRYPOINT ["/usr/local/bin/openkf-build"]
