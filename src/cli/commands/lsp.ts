// `dockhand lsp --stdio` — the language server for editors (src/lsp over src/service). Each
// Dockerfile is linted with the config `dockhand lint` would find for it and with its folder as
// the build context, so the editor shows what the CLI reports.
import { dirname } from 'node:path';
import type { Command } from '../command.js';
import { ConfigFinder, configFailure, configReport, dockerignoreProblem } from '../config-file.js';
import type { ConfigReport } from '../../linter/config.js';
import { CliError } from '../io.js';
import type { QuickOption } from '../quick-args.js';

/** lsp's options, as data: yargs reads them, and so does quick-args.ts (no yargs at start-up). */
const LSP_OPTIONS = {
  stdio: { type: 'boolean', default: false, describe: 'Talk LSP over standard input and output (the only transport)' },
} satisfies Record<string, QuickOption>;

const command: Command = {
  command: 'lsp',
  describe: 'Run the language server (diagnostics, quick fixes, navigation, rename, the build plan as code lenses) for editors',
  builder: (y) => y.example('$0 lsp --stdio', 'Start the server; an editor runs this for you'),
  options: LSP_OPTIONS,
  run: async (args, io) => {
    if (args.stdio !== true) throw new CliError('lsp needs --stdio: the server talks LSP over standard input and output');
    const [{ serveStdio }, linter, { openBuildContext }, { BuildWorkspace, watchConfig }] = await Promise.all([
      import('../../lsp/server.js'),
      import('../../linter/index.js'),
      import('../../context/index.js'),
      import('../lsp-build.js'),
    ]);
    // Looks for the config on every lint (an edit to it counts at once) but hands back the same
    // object while the file is unchanged, so the linter's per-config work is done once.
    const finder = new ConfigFinder(io.env, true);
    // What the last lookup for each Dockerfile found wrong with its config, for the editor to show.
    const reports = new Map<string, ConfigReport>();
    const environmentOnly = configReport({ path: null, result: { config: {} } }, finder.environment);
    // Build contexts and baselines of the open Dockerfiles, for the build plan's lenses.
    const workspace = new BuildWorkspace(io);
    // The client's `exit` ends the process at once, and an editor may end it with a signal: the
    // monitors' temporary folders go with it either way.
    process.once('exit', () => workspace.close());
    for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) {
      process.once(signal, () => {
        workspace.close();
        process.exit(128 + (signal === 'SIGTERM' ? 15 : signal === 'SIGINT' ? 2 : 1));
      });
    }
    serveStdio({
      buildInputs: (path, settings, root, onChange) => workspace.inputs(path, settings, root, onChange),
      watchConfig,
      watchContext: (path, onChange) => workspace.watchContext(path, onChange),
      release: (path) => {
        reports.delete(path);
        workspace.release(path);
      },
      // Baseline-compiled wasm only, as in a CLI run. With V8's optimising tier-up of tree-sitter,
      // a server that opened one Dockerfile peaked at 110 MB on Node 20 and 582 MB on Node 24
      // (69 and 75 MB without), for 0.6-1.6 s of background CPU; afterwards it parsed one file's
      // nine RUN scripts (5.8 KB) in 0.8-1.4 ms, against 1.1-1.6 ms on Liftoff.
      initLinter: () => linter.initLinter({ liftoffOnly: true }),
      shellcheck: async (file, found, options) => {
        const { runShellcheck } = await import('../../shell/shellcheck.js');
        const res = await runShellcheck([{ filename: 'doc', file }]);
        if (!res.available) return null;
        const extra = res.diagnostics.get('doc') ?? [];
        return extra.length === 0 ? found : linter.addExternalFindings({ file, diagnostics: found }, extra, options).diagnostics;
      },
      configReport: (path) => (path === null ? environmentOnly : reports.get(path)),
      optionsFor: async (path) => {
        if (path === null) return {};
        let found;
        try {
          found = await finder.forDirectory(dirname(path));
        } catch (err) {
          reports.set(path, configFailure(err, finder.environment));
          throw err;
        }
        const report = configReport(found, finder.environment);
        let buildContext;
        try {
          buildContext = openBuildContext(dirname(path), { dockerfile: path });
        } catch {
          buildContext = undefined; // a folder that vanished: context-aware rules are skipped
        }
        // A .dockerignore BuildKit cannot use fails the build: as `lint` does, the rules that read
        // the context are skipped, and the editor is told why.
        const ignore = buildContext?.dockerignorePath;
        if (buildContext && ignore) {
          report.files.push(ignore);
          const err = buildContext.dockerignoreError();
          if (err) {
            report.problems.push(dockerignoreProblem(ignore, err));
            buildContext = undefined;
          }
        }
        reports.set(path, report);
        return { config: finder.withEnvironment(found), buildContext };
      },
    });
    // Serves until the client says exit (the connection ends the process) or closes the pipe.
    await new Promise<void>((resolve) => process.stdin.once('end', resolve));
    workspace.close();
    return 0;
  },
};
export default command;
