# syntax=docker/dockerfile:1
# OA Judge with every supported toolchain: `docker compose up` (see
# docker-compose.yml and docs/hosting.md for the container rights the
# sandbox needs).

# ---- build: the oaj binary, with the Rust toolchain the image also judges with
FROM rust:1-bookworm AS build
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/usr/local/cargo/registry \
    --mount=type=cache,target=/src/target \
    cargo build --release --locked --bin oaj \
    && install -m 0755 target/release/oaj /usr/local/bin/oaj

# ---- runtime: the toolchains of scripts/install-toolchains, and oaj
FROM debian:bookworm-slim
ENV DEBIAN_FRONTEND=noninteractive LANG=C.UTF-8
# golang-1.23-go (built-in min/max, as on LeetCode) is in bookworm-backports
# only, as scripts/install-toolchains sets up. The package list below is the
# one that script installs; tests/docker.rs checks they stay the same.
RUN printf 'Types: deb\nURIs: http://deb.debian.org/debian\nSuites: bookworm-backports\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' \
        > /etc/apt/sources.list.d/bookworm-backports.sources \
    && apt-get update \
    && apt-get install -y --no-install-recommends \
        gcc g++ python3 python3-sortedcontainers openjdk-17-jdk-headless nodejs golang-1.23-go \
        libc6-dev ca-certificates \
    && rm -rf /var/lib/apt/lists/*
# Rust as scripts/install-toolchains expects it: rustup's minimal profile
# (the same toolchain that built oaj). The judge reads its sysroot with
# `rustc --print sysroot` and binds it read-only into the sandbox.
ENV RUSTUP_HOME=/usr/local/rustup CARGO_HOME=/usr/local/cargo PATH=/usr/local/cargo/bin:$PATH
COPY --from=build /usr/local/rustup /usr/local/rustup
COPY --from=build /usr/local/cargo/bin /usr/local/cargo/bin
COPY --from=build /usr/local/bin/oaj /usr/local/bin/oaj
# The bundled problem bank; hidden cases kept as generators are generated
# into it at the first start (the container's own layer).
COPY problems /usr/share/oaj/problems
COPY docker/oaj.toml /etc/oaj/oaj.toml
COPY docker/entrypoint.sh /usr/local/bin/oaj-entrypoint
RUN chmod 0755 /usr/local/bin/oaj-entrypoint && mkdir -p /var/lib/oaj /var/cache/oaj /backup
VOLUME ["/var/lib/oaj"]
EXPOSE 8080
ENTRYPOINT ["/usr/local/bin/oaj-entrypoint"]
CMD ["serve", "--config", "/etc/oaj/oaj.toml"]
