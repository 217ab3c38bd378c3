// What each Dockerfile instruction and common flag does, in a sentence or two: hover text and
// completion documentation. Written for this project from the Dockerfile reference's meaning.

/** Instruction → its forms and a short description (markdown). */
export const INSTRUCTION_DOCS: Readonly<Record<string, { forms: string[]; text: string }>> = {
  FROM: {
    forms: ['FROM [--platform=<platform>] <image>[:<tag>|@<digest>] [AS <name>]'],
    text: 'Starts a build stage from a base image, or from an earlier stage by its name. `AS` names the stage for `COPY --from` and `--target`.',
  },
  RUN: {
    forms: ['RUN [--mount=...] [--network=...] [--security=...] <command>', 'RUN ["executable", "arg", ...]'],
    text: 'Runs a command in a new layer. The layer is cached by the command text (and the environment, flags and mounts), not by what the command downloads.',
  },
  CMD: {
    forms: ['CMD ["executable", "arg", ...]', 'CMD ["arg", ...]  (arguments to ENTRYPOINT)', 'CMD <command>'],
    text: 'The default command of a container. Only the last CMD of a stage takes effect.',
  },
  LABEL: { forms: ['LABEL <key>=<value> ...'], text: 'Adds metadata to the image. Creates no layer.' },
  MAINTAINER: { forms: ['MAINTAINER <name>'], text: 'Deprecated: use `LABEL org.opencontainers.image.authors=...` instead.' },
  EXPOSE: { forms: ['EXPOSE <port>[/<protocol>] ...'], text: 'Documents the ports the container listens on. It publishes nothing by itself.' },
  ENV: {
    forms: ['ENV <key>=<value> ...'],
    text: 'Sets environment variables for later instructions and for the running container. Changing a value re-keys every later RUN of the stage.',
  },
  ADD: {
    forms: ['ADD [--chown=...] [--chmod=...] [--checksum=...] [--keep-git-dir] [--link] <src>... <dest>'],
    text: 'Copies files from the context, a URL or a git repository, and unpacks local tar archives. Prefer COPY unless you need those extras.',
  },
  COPY: {
    forms: ['COPY [--from=<stage|image>] [--chown=...] [--chmod=...] [--link] [--parents] [--exclude=...] <src>... <dest>'],
    text: 'Copies files from the build context, or from another stage or image with `--from`. The step is cached by the content of what it selects.',
  },
  ENTRYPOINT: {
    forms: ['ENTRYPOINT ["executable", "arg", ...]', 'ENTRYPOINT <command>'],
    text: 'The executable a container runs; CMD supplies its default arguments. Only the last ENTRYPOINT of a stage takes effect.',
  },
  VOLUME: { forms: ['VOLUME ["/path", ...]', 'VOLUME /path ...'], text: 'Declares mount points. Changes later RUN steps make inside a volume path are discarded.' },
  USER: { forms: ['USER <user>[:<group>]'], text: 'The user (and group) for later RUN, CMD and ENTRYPOINT.' },
  WORKDIR: { forms: ['WORKDIR <path>'], text: 'Sets (and creates) the working directory for later instructions. Relative paths build on the previous WORKDIR.' },
  ARG: {
    forms: ['ARG <name>[=<default>] ...'],
    text: 'Declares a build argument (`--build-arg`). Before the first FROM it is global and usable in FROM lines; inside a stage it must be declared again to be used there.',
  },
  ONBUILD: { forms: ['ONBUILD <instruction>'], text: 'Records an instruction that runs when another build uses this image as its base.' },
  STOPSIGNAL: { forms: ['STOPSIGNAL <signal>'], text: 'The signal sent to stop the container (default SIGTERM).' },
  HEALTHCHECK: {
    forms: ['HEALTHCHECK [--interval=...] [--timeout=...] [--start-period=...] [--start-interval=...] [--retries=...] CMD <command>', 'HEALTHCHECK NONE'],
    text: "How to test that the container still works. Only the last HEALTHCHECK counts; `NONE` turns off the base image's.",
  },
  SHELL: { forms: ['SHELL ["executable", "arg", ...]'], text: 'The shell for the shell form of later RUN, CMD and ENTRYPOINT (default `["/bin/sh", "-c"]`).' },
};

/** Flags each instruction accepts, with a one-line description. */
export const FLAG_DOCS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  FROM: { platform: 'The platform of the base image, e.g. `linux/arm64` or `$BUILDPLATFORM`.' },
  RUN: {
    mount: 'A mount for this command only: `type=cache|bind|secret|ssh|tmpfs`, with `target=` and more.',
    network: 'Network for the command: `default`, `none` or `host`.',
    security: '`insecure` (needs the entitlement) or `sandbox`.',
  },
  COPY: {
    from: 'Copy from a stage (by name or index) or an image instead of the build context.',
    chown: 'Owner of the copied files, `user[:group]`.',
    chmod: 'Permissions of the copied files, e.g. `0644` or `u=rwX,go=rX`.',
    link: 'Copy into a layer of its own, independent of the layers below (better cache reuse).',
    parents: 'Keep the source paths\' parent directories under the destination.',
    exclude: 'A pattern of files to leave out.',
  },
  ADD: {
    chown: 'Owner of the added files, `user[:group]`.',
    chmod: 'Permissions of the added files.',
    checksum: 'Expected digest of a remote source, e.g. `sha256:...`.',
    'keep-git-dir': 'Keep the `.git` directory of a git source.',
    link: 'Add into a layer of its own, independent of the layers below.',
    exclude: 'A pattern of files to leave out.',
  },
  HEALTHCHECK: {
    interval: 'Time between checks (default 30s).',
    timeout: 'Time a check may take (default 30s).',
    'start-period': 'Grace period after start (default 0s).',
    'start-interval': 'Time between checks during the start period (default 5s).',
    retries: 'Consecutive failures before unhealthy (default 3).',
  },
};

/** Parser directives allowed at the top of a Dockerfile. */
export const DIRECTIVE_DOCS: Readonly<Record<string, string>> = {
  syntax: 'The BuildKit frontend image that parses this Dockerfile, e.g. `docker/dockerfile:1`.',
  escape: 'The escape character: `\\` (default) or `` ` `` (handy on Windows paths).',
  check: 'Build checks: `skip=Name1,Name2`, `error=true`, `experimental=...`.',
};

/** Flags COPY and ADD share, with their value forms. */
const COPY_AND_ADD: Readonly<Record<string, readonly string[]>> = {
  chown: ['--chown=', '<user>[:<group>]'],
  chmod: ['--chmod=', '<mode>'],
  link: ['--link', '[=<true|false>]'],
  exclude: ['--exclude=', '<pattern>'],
};

/**
 * The value form of each flag (signature help inside a flag): the label and its parameters, each a
 * piece of the label. `--mount`'s parameters are its `key=value` fields.
 */
export const FLAG_FORMS: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>> = {
  FROM: { platform: ['--platform=', '<os>/<arch>[/<variant>]'] },
  RUN: {
    mount: [
      '--mount=', 'type=<bind|cache|tmpfs|secret|ssh>', ',target=<path>', ',source=<path>', ',from=<stage|image>', ',id=<id>',
      ',sharing=<shared|private|locked>', ',readonly', ',mode=<octal>', ',uid=<uid>', ',gid=<gid>', ',required', ',env=<name>', ',size=<bytes>',
    ],
    network: ['--network=', '<default|none|host>'],
    security: ['--security=', '<insecure|sandbox>'],
  },
  COPY: { from: ['--from=', '<stage|image|index>'], ...COPY_AND_ADD, parents: ['--parents', '[=<true|false>]'] },
  ADD: { ...COPY_AND_ADD, checksum: ['--checksum=', '<algorithm>:<hex>'], 'keep-git-dir': ['--keep-git-dir', '[=<true|false>]'] },
  HEALTHCHECK: {
    interval: ['--interval=', '<duration>'],
    timeout: ['--timeout=', '<duration>'],
    'start-period': ['--start-period=', '<duration>'],
    'start-interval': ['--start-interval=', '<duration>'],
    retries: ['--retries=', '<count>'],
  },
};
