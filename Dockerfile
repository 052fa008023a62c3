# syntax=docker/dockerfile:1
# Multi-stage build: compile in the full Rust image, ship only the binary on a slim Debian.
# TLS is rustls and SQLite is bundled, so the runtime needs nothing but CA certificates.

FROM rust:1.95-slim-bookworm AS build
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/usr/local/cargo/registry \
    --mount=type=cache,target=/src/target \
    cargo build --release --locked --bin skyboard && cp target/release/skyboard /usr/local/bin/skyboard

FROM debian:bookworm-slim AS runtime
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates tini \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --home-dir /data --create-home skyboard
COPY --from=build /usr/local/bin/skyboard /usr/local/bin/skyboard
USER skyboard
ENV SKYBOARD_DATA_DIR=/data
# Prometheus metrics and /healthz for Kubernetes probes (see deploy/kubernetes.yaml).
ENV SKYBOARD_METRICS_ADDR=0.0.0.0:9184
EXPOSE 9184
VOLUME ["/data"]
# tini passes SIGTERM on: no new fetches, the batch in flight finishes, exit 0.
STOPSIGNAL SIGTERM
ENTRYPOINT ["/usr/bin/tini", "--", "/usr/local/bin/skyboard"]
# Headless by default (a container has no terminal); `docker run -it IMAGE --` runs the boards.
CMD ["--pipeline-only"]
