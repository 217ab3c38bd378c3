// hadolint DL3010: a local archive is COPYed and then unpacked by a later RUN of the same stage.
import type { SourceRange } from '../core/range.js';
import type { ShellCommand } from '../shell/types.js';
import { defineRule } from './types.js';
import { copyFromRef } from '../semantic/stage-graph.js';
import { basename, copyOperands, isArchivePath, isHeredocSource, operandValue } from './utils/copy-operands.js';
import { commandName, commandsOf, type RunSite } from './utils/runs.js';

const UNPACKERS = new Set(['unzip', 'gunzip', 'bunzip2', 'unlzma', 'unxz', 'zgz', 'uncompress', 'zcat', 'gzcat']);

interface Copied {
  name: string;
  range: SourceRange;
  reported: boolean;
}

export default defineRule({
  code: 'DL3010',
  name: 'prefer-add-to-extract',
  aliases: [],
  severity: 'info',
  origin: 'hadolint',
  fixable: 'none',
  docs: {
    summary: 'A local archive that is COPYed only to be unpacked should be added with ADD, which unpacks it.',
    why:
      'COPY followed by `tar -x` stores the archive in one layer and its contents in another, so the image carries ' +
      'the data twice; `ADD archive.tar.gz /dest/` unpacks it in a single layer.',
    bad: 'FROM debian:12\nCOPY app.tar.gz /opt/\nRUN tar -xzf /opt/app.tar.gz -C /opt\n',
    good: 'FROM debian:12\nADD app.tar.gz /opt/\n',
    fix: 'Replace the COPY with `ADD <archive> <dir>/` and drop the extraction from the RUN.',
    notes:
      'As in hadolint, archives are recognised by suffix, matched by file name (with `/` or `\\` separators), the ' +
      'state resets at every FROM, `COPY --from` is ignored, and the COPY line is reported. Extractions are `tar` with ' +
      '`-x`/`--extract`/`--get` and unzip, gunzip, bunzip2, unlzma, unxz, zgz, uncompress, zcat, gzcat. Deviations: ' +
      'old-style `tar xf file` and `--file=path` are recognised too, while a long option holding an `x` ' +
      '(`--exclude=...`) is no extraction; a finding in an earlier stage is kept (hadolint drops every finding at the ' +
      'next FROM, so only the last stage is ever reported); a COPY with an empty `--from=` copies from the build ' +
      'context, as BuildKit reads it, so its archives count (hadolint\'s parser refuses that line, DL1000).',
  },
  check(ctx) {
    let copied: Copied[] = [];
    for (const ins of ctx.file.instructions) {
      if (ins.keyword === 'FROM') copied = [];
      else if (ins.keyword === 'COPY' && copyFromRef(ins) === undefined) {
        const ops = copyOperands(ins);
        if (!ops) continue;
        const dest = operandValue(ops.dest);
        if (isArchivePath(dest)) copied.push({ name: basename(dest), range: ops.dest.range, reported: false });
        else {
          for (const src of ops.sources) {
            const v = operandValue(src);
            if (!isHeredocSource(src) && isArchivePath(v)) copied.push({ name: basename(v), range: src.range, reported: false });
          }
        }
      } else if (ins.keyword === 'RUN' && copied.some((c) => !c.reported)) {
        const site: RunSite = { run: ins, top: ins, onbuild: false };
        for (const cmd of commandsOf(ctx, site)) {
          if (!extracts(cmd)) continue;
          const names = new Set(pathArguments(cmd).map(basename));
          for (const c of copied) {
            if (c.reported || !names.has(c.name)) continue;
            c.reported = true;
            ctx.report({ range: c.range, message: 'Use `ADD` for extracting archives into an image' });
          }
        }
      }
    }
  },
});

function extracts(cmd: ShellCommand): boolean {
  const name = commandName(cmd);
  if (UNPACKERS.has(name)) return true;
  if (name !== 'tar') return false;
  return cmd.args.some((w, i) => {
    const v = w.value;
    if (v === '--extract' || v === '--get') return true;
    if (/^-[^-]/.test(v)) return v.includes('x');
    return i === 0 && /^[A-Za-z]+$/.test(v) && v.includes('x'); // old-style bundled options: `tar xzf a.tgz`
  });
}

/** Words that may name the archive: operands and `--opt=value` values. */
function pathArguments(cmd: ShellCommand): string[] {
  const out: string[] = [];
  for (const w of cmd.args) {
    const v = w.value;
    if (v.startsWith('--')) {
      const eq = v.indexOf('=');
      if (eq > 0) out.push(v.slice(eq + 1));
    } else if (!v.startsWith('-')) out.push(v);
  }
  return out;
}
