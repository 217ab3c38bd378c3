# dockhand's image: `docker run --rm -v "$PWD:/work" IMAGE` lints the Dockerfiles of the mounted
# workspace (README, "Install"). The first stage compiles the sources into one esbuild bundle
# (dist/cli.cjs) and gathers what the CLI needs at run time into /src/runtime: the packed
# package's files and the few modules the bundle leaves outside (tree-sitter's wasm, Graphviz,
# the language-server protocol). The second stage holds only those and ShellCheck.
#
# build compiles the bundle and gathers its runtime files
FROM node:22.12.0-bookworm-slim AS build
WORKDIR /src
COPY package.json package-lock.json ./
# --ignore-scripts: the postinstall script would build before the sources are copied in.
RUN --mount=type=cache,target=/root/.npm npm ci --ignore-scripts --no-audit --no-fund
COPY README.md LICENSE tsconfig.json ./
COPY bin/ bin/
COPY docs/ docs/
COPY scripts/ scripts/
COPY src/ src/
RUN node scripts/build.mjs && node scripts/runtime-files.mjs runtime

# runtime holds the CLI, the modules it loads and ShellCheck, and runs as an unprivileged user
FROM node:22.12.0-bookworm-slim AS runtime
LABEL org.opencontainers.image.title="dockhand" \
      org.opencontainers.image.description="Lint Dockerfiles (hadolint's rules, BuildKit's checks, ShellCheck) and plan their builds" \
      org.opencontainers.image.version="0.1.0" \
      org.opencontainers.image.licenses="Apache-2.0" \
      org.opencontainers.image.base.name="docker.io/library/node:22.12.0-bookworm-slim"
# ShellCheck from Debian, so `lint` reports SC findings on RUN scripts as it does on a workstation.
RUN apt-get update \
 && apt-get install -y --no-install-recommends shellcheck=0.9.0-1 \
 && rm -rf /var/lib/apt/lists/*
COPY --from=build /src/runtime/ /opt/dockhand/
RUN ln -s /opt/dockhand/bin/dockhand.js /usr/local/bin/dockhand
# The node image's unprivileged user; numeric, so runAsNonRoot policies can verify it.
USER 1000:1000
WORKDIR /work
HEALTHCHECK NONE
ENTRYPOINT ["dockhand"]
CMD ["lint"]
