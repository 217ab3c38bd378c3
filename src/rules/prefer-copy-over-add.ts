// hadolint DL3020: ADD used for plain files and folders, where COPY says what is meant.
import type { Fix } from '../core/diagnostic.js';
import type { Instruction } from '../parser/ast.js';
import { defineRule } from './types.js';
import { copyOperands, isArchivePath, isHeredocSource, isHistoryNotation, isUrlOrGitSource, operandValue } from './utils/copy-operands.js';
import { instructionsOf } from './utils/instructions.js';

/** ADD flags COPY does not have: with them, ADD is doing something COPY cannot. */
const ADD_ONLY_FLAGS = new Set(['checksum', 'keep-git-dir', 'unpack']);

export default defineRule({
  code: 'DL3020',
  name: 'prefer-copy-over-add',
  aliases: ['DS005', 'CKV_DOCKER_4'],
  severity: 'error',
  origin: 'hadolint',
  fixable: 'sometimes-safe',
  docs: {
    summary: 'Use COPY, not ADD, for files and folders.',
    why:
      'ADD also downloads URLs and unpacks local tar archives. Using it for plain files hides which of those a line ' +
      'relies on, and a file that happens to be an archive gets unpacked instead of copied.',
    bad: 'FROM alpine:3.20\nADD app.conf /etc/app/\n',
    good: 'FROM alpine:3.20\nCOPY app.conf /etc/app/\n',
    fix: 'Replace ADD with COPY. Keep ADD only to fetch URLs or unpack archives.',
    fixSafety:
      'Safe when every source has a file extension or names a directory (trailing `/`): COPY copies exactly what ADD ' +
      'copied. Unsafe for extension-less sources, because ADD unpacks any local tar archive whatever its name. No fix ' +
      'when ADD-only flags (`--checksum`, `--keep-git-dir`, `--unpack`) are used.',
    notes:
      'As in hadolint, the instruction is reported when any source is neither an archive (by suffix) nor an http(s) ' +
      'URL. Deviations: git sources (`git@...`, `git://...`) count as URLs; sources containing a variable are ' +
      'not judged, since the variable may hold a URL; and an ADD in the notation of an image\'s history ' +
      '(`ADD file:<sha256> in /`, what `docker history` prints and Dockerfiles rebuilt from an image contain) is ' +
      'not judged: the source is named by the digest of its content, usually the base image\'s root file system ' +
      'archive, so its suffix says nothing (Trivy DS005 exempts it too).',
  },
  check(ctx) {
    for (const ins of instructionsOf(ctx.file, 'ADD')) {
      if (isHistoryNotation(ins)) continue;
      const ops = copyOperands(ins);
      if (!ops) continue;
      const sources = ops.sources.filter((a) => !isHeredocSource(a)).map(operandValue);
      if (sources.length === 0 || sources.some((s) => s.includes('$'))) continue;
      const plain = sources.filter((s) => !isArchivePath(s) && !isUrlOrGitSource(s));
      if (plain.length === 0) continue;
      ctx.report({
        range: ins.keywordRange,
        message: 'Use COPY instead of ADD for files and folders',
        fix: plain.length === sources.length ? toCopy(ins, sources) : undefined,
      });
    }
  },
});

function toCopy(ins: Instruction, sources: string[]): Fix | undefined {
  if (ins.flags.some((f) => ADD_ONLY_FLAGS.has(f.name))) return undefined;
  const lower = ins.keywordRaw === ins.keywordRaw.toLowerCase();
  const safe = sources.every((s) => s.endsWith('/') || /\.[A-Za-z0-9]+$/.test(s.split('/').pop() ?? ''));
  return {
    title: 'Replace ADD with COPY',
    safety: safe ? 'safe' : 'unsafe',
    edits: [{ range: ins.keywordRange, text: lower ? 'copy' : 'COPY' }],
  };
}
