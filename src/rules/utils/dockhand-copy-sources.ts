// The local sources of COPY/ADD instructions (what is read from the build context), expanded as BuildKit does.
import type { SourceRange } from '../../core/range.js';
import type { Dockerfile, Instruction } from '../../parser/ast.js';
import { envBefore } from './buildkit-model.js';
import { needsLexer } from '../../expand/index.js';
import { expandWord } from './buildkit-vars.js';

/** One source path of a COPY/ADD that comes from the build context. */
export interface ContextSource {
  ins: Instruction;
  /** The source after variable expansion (unchanged when it cannot be expanded). */
  path: string;
  /** The source as written. */
  raw: string;
  range: SourceRange;
}

/** True for ADD sources fetched from the network rather than the context. */
export function isRemote(src: string): boolean {
  return /^(https?:\/\/|git@|git:\/\/|ssh:\/\/)/i.test(src) || /^[a-z0-9.-]+\.[a-z]+\/.+\.git(#.*)?$/i.test(src);
}

/** Sources read from the build context by COPY (without --from) and ADD, in all stages. */
export function contextSources(file: Dockerfile): ContextSource[] {
  const out: ContextSource[] = [];
  for (const stage of file.stages) {
    for (const ins of stage.instructions) {
      if (ins.keyword !== 'COPY' && ins.keyword !== 'ADD') continue;
      if (ins.flags.some((f) => f.name === 'from')) continue;
      const heredocMarkers = ins.heredocs.length > 0 ? new Set(ins.heredocs.map((h) => h.markerRange.start)) : undefined;
      const args = ins.args;
      let env: ReadonlyMap<string, string> | undefined;
      for (let i = 0; i < args.length - 1; i++) {
        const a = args[i]!;
        if (heredocMarkers && (heredocMarkers.has(a.range.start) || a.value.startsWith('<<'))) continue;
        const add = ins.keyword === 'ADD';
        if (add && isRemote(a.value)) continue;
        // A word the lexer would only copy expands to itself: no environment needed.
        const plain = !needsLexer(a.value, file.escapeChar);
        const path = plain ? a.value : (expandWord(file, a.value, (env ??= envBefore(file, ins)))?.result ?? a.value);
        if (add && !plain && isRemote(path)) continue;
        out.push({ ins, path, raw: a.value, range: a.range });
      }
    }
  }
  return out;
}

/** Go's path.Clean for `/`-separated paths. */
export function cleanPath(p: string): string {
  if (p === '') return '.';
  const rooted = p.startsWith('/');
  const parts: string[] = [];
  for (const seg of p.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (parts.length > 0 && parts[parts.length - 1] !== '..') parts.pop();
      else if (!rooted) parts.push('..');
      continue;
    }
    parts.push(seg);
  }
  const out = (rooted ? '/' : '') + parts.join('/');
  return out === '' ? '.' : out;
}

/** Patterns of a .dockerignore as Moby reads them: comments dropped, trimmed, cleaned; `!` kept as a flag. */
export function dockerignorePatterns(text: string): { pattern: string; exception: boolean; line: number }[] {
  const out: { pattern: string; exception: boolean; line: number }[] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  lines.forEach((rawLine, i) => {
    if (rawLine.startsWith('#')) return;
    let p = rawLine.trim();
    if (p === '') return;
    const exception = p.startsWith('!');
    if (exception) p = p.slice(1).trim();
    if (p.length > 0) {
      p = cleanPath(p);
      if (p.length > 1 && p.startsWith('/')) p = p.slice(1);
    }
    out.push({ pattern: p, exception, line: i + 1 });
  });
  return out;
}
