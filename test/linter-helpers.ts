// Test helpers for the engine: a tiny line-based Dockerfile reader (enough AST for pragmas, stages
// and ranges, independent of the real parser) and fixture rules defined only for tests.
import { LineIndex } from '../src/core/line-index.js';
import type { Comment, Directive, Dockerfile, Instruction, Stage } from '../src/parser/ast.js';
import { minimatch } from 'minimatch';
import { parseDockerignore } from '../src/context/dockerignore.js';
import { defineRule, type BuildContextView, type ExampleSetup, type Rule } from '../src/rules/types.js';

/** A minimal AST: one instruction per logical line (`\` continuations), comments, directives. */
export function miniParse(text: string): Dockerfile {
  const idx = new LineIndex(text);
  const directives: Directive[] = [];
  const comments: Comment[] = [];
  const instructions: Instruction[] = [];
  const stages: Stage[] = [];
  let prev: string[] = [];
  let inDirectives = true;
  for (let line = 1; line <= idx.lineCount; line++) {
    const start = idx.lineStarts[line - 1]!;
    const raw = idx.lineText(line);
    const trimmed = raw.trim();
    if (trimmed.startsWith('#')) {
      const body = trimmed.slice(1).trim();
      const dm = /^([a-zA-Z]+)\s*=\s*(.*)$/.exec(body);
      const r = idx.range(start + raw.indexOf('#'), start + raw.length);
      if (inDirectives && dm) {
        directives.push({ name: dm[1]!.toLowerCase(), value: dm[2]!.trim(), range: r, nameRange: r, valueRange: r });
        continue;
      }
      inDirectives = false;
      comments.push({ text: body, range: r });
      prev.push(body);
      continue;
    }
    inDirectives = false;
    if (trimmed === '') continue;
    let endLine = line;
    while (idx.lineText(endLine).trimEnd().endsWith('\\') && endLine < idx.lineCount) endLine++;
    const end = idx.lineEnd(endLine);
    const kwStart = start + raw.length - raw.trimStart().length;
    const kw = /^\S+/.exec(raw.trimStart())![0];
    const original = text.slice(kwStart, end).replace(/\\\r?\n/g, '');
    const argsText = original.slice(kw.length).trim();
    const argsStart = kwStart + kw.length + (text.slice(kwStart + kw.length, end).length - text.slice(kwStart + kw.length, end).trimStart().length);
    const ins: Instruction = {
      type: 'instruction',
      keyword: kw.toUpperCase(),
      keywordRaw: kw,
      keywordRange: idx.range(kwStart, kwStart + kw.length),
      range: idx.range(kwStart, end),
      original,
      segments: [{ logicalStart: 0, sourceStart: kwStart, length: original.length }],
      flags: [],
      args: argsText.split(/\s+/).filter(Boolean).map((v) => ({ value: v, range: idx.range(argsStart, argsStart + v.length) })),
      argsText,
      argsOffset: kw.length + 1,
      argsRange: idx.range(argsStart, end),
      json: argsText.startsWith('['),
      heredocs: [],
      prevComment: prev,
      comments: [],
      pairs: [],
      stageIndex: stages.length - 1,
    };
    prev = [];
    if (ins.keyword === 'FROM') {
      const name = ins.args.length >= 3 ? ins.args[2]!.value : null;
      ins.stageIndex = stages.length;
      stages.push({
        index: stages.length, name: name?.toLowerCase() ?? null, nameRaw: name, nameRange: null,
        base: ins.args[0]?.value ?? '', baseRange: ins.argsRange, platform: null, from: ins, instructions: [], range: ins.range,
      });
    } else if (stages.length) stages[stages.length - 1]!.instructions.push(ins);
    instructions.push(ins);
    line = endLine;
  }
  return {
    text, lineIndex: idx, escapeChar: '\\', directives, comments, instructions,
    globalArgs: instructions.filter((i) => i.stageIndex === -1 && i.keyword === 'ARG'), stages, diagnostics: [],
  };
}

const docs = (summary: string, bad: string, good: string) => ({ summary, why: 'Test fixture.', bad, good, fix: 'Do not.' });

/** Flags every lower-case keyword; safe fix upper-cases it. */
export const upperRule: Rule = defineRule({
  code: 'TX001', name: 'test-uppercase', aliases: ['TestUpper'], severity: 'warning', origin: 'dockhand', fixable: 'safe',
  docs: { ...docs('Uppercase keywords.', 'from a\n', 'FROM a\n'), fixSafety: 'Safe.' },
  check(ctx) {
    for (const ins of ctx.file.instructions) {
      if (ins.keywordRaw === ins.keyword) continue;
      ctx.report({ range: ins.keywordRange, message: `Write ${ins.keyword}`, fix: { title: 'Uppercase', safety: 'safe', edits: [{ range: ins.keywordRange, text: ins.keyword }] } });
    }
  },
});

/** Flags `latest` tags on FROM (on the whole instruction); a BuildKit-named alias for pragma tests. */
export const latestRule: Rule = defineRule({
  code: 'TX002', name: 'test-latest', aliases: ['TestLatestCheck'], severity: 'info', origin: 'hadolint', fixable: 'none',
  docs: docs('No latest.', 'FROM a:latest\n', 'FROM a:1\n'),
  check(ctx) {
    for (const s of ctx.file.stages) if (s.base.endsWith(':latest')) ctx.report({ range: s.from.range, message: 'Pin the tag' });
  },
});

/** Pretends to be BuildKit's JSONArgsRecommended (CMD in shell form). */
export const cmdRule: Rule = defineRule({
  code: 'TX003', name: 'test-cmd', aliases: ['JSONArgsRecommended'], severity: 'warning', origin: 'buildkit', fixable: 'none',
  docs: docs('JSON CMD.', 'FROM a\nCMD x\n', 'FROM a\nCMD ["x"]\n'),
  check(ctx) {
    for (const ins of ctx.file.instructions) if (ins.keyword === 'CMD' && !ins.json) ctx.report({ range: ins.argsRange, message: 'Use JSON' });
  },
});

/** Off unless enabled (hadolint's `ignore` severity). */
export const offRule: Rule = defineRule({
  code: 'TX004', name: 'test-off', aliases: [], severity: 'info', origin: 'hadolint', fixable: 'none', disabledByDefault: true,
  docs: docs('Off.', 'FROM a\n', ''),
  check(ctx) {
    for (const s of ctx.file.stages) ctx.report({ range: s.from.keywordRange, message: 'stage' });
  },
});

/** Needs the build context. */
export const ctxRule: Rule = defineRule({
  code: 'TX005', name: 'test-context', aliases: [], severity: 'warning', origin: 'dockhand', fixable: 'none', needsContext: true,
  docs: docs('Ctx.', 'FROM a\nCOPY missing .\n', 'FROM a\nCOPY here .\n'),
  check(ctx) {
    for (const ins of ctx.file.instructions) {
      if (ins.keyword === 'COPY' && ins.args[0] && !ctx.buildContext!.exists(ins.args[0].value)) ctx.report({ range: ins.args[0].range, message: 'missing' });
    }
  },
});

/** Experimental BuildKit check. */
export const expRule: Rule = defineRule({
  code: 'TX006', name: 'test-experimental', aliases: ['InvalidDefinitionDescription'], severity: 'info', origin: 'buildkit', fixable: 'none', experimental: true,
  docs: docs('Exp.', 'FROM a\n', ''),
  check(ctx) {
    for (const s of ctx.file.stages) ctx.report({ range: s.from.keywordRange, message: 'exp' });
  },
});

/** Throws: the engine must contain it. */
export const crashRule: Rule = defineRule({
  code: 'TX007', name: 'test-crash', aliases: [], severity: 'error', origin: 'dockhand', fixable: 'none',
  docs: docs('Crash.', '', ''),
  check() {
    throw new Error('boom');
  },
});

export const testRules: Rule[] = [upperRule, latestRule, cmdRule, offRule, ctxRule, expRule];

/** An in-memory build context for examples and tests (the real matcher decides exclusions). */
export function memoryContext(setup: ExampleSetup = {}): BuildContextView {
  const norm = (p: string) => p.replace(/^\.\/+/, '').replace(/^\/+/, '').replace(/\/+$/, '');
  const files = new Set<string>();
  const dirs = new Set<string>(['']);
  for (const raw of setup.context ?? []) {
    const p = norm(raw);
    if (raw.endsWith('/')) dirs.add(p);
    else files.add(p);
    const parts = p.split('/');
    for (let i = 1; i < parts.length; i++) dirs.add(parts.slice(0, i).join('/'));
  }
  if (setup.dockerignore !== undefined) files.add('.dockerignore');
  if (setup.gitignore !== undefined) files.add('.gitignore');
  const matcher = setup.dockerignore !== undefined ? parseDockerignore(setup.dockerignore) : null;
  const all = [...files, ...[...dirs].filter(Boolean)];
  return {
    dockerignore: setup.dockerignore !== undefined ? { path: '.dockerignore', text: setup.dockerignore } : null,
    gitignore: setup.gitignore ?? null,
    exists: (p) => files.has(norm(p)) || dirs.has(norm(p)) || norm(p) === '.',
    isDirectory: (p) => dirs.has(norm(p)) || norm(p) === '.',
    isExcluded: (p) => (matcher ? matcher.matches(norm(p)) : false),
    isSent: (p) => {
      const n = norm(p);
      if (n === '' || n === '.') return true;
      if (!files.has(n) && !dirs.has(n)) return false;
      if (!matcher || !matcher.excludedInWalk(n)) return true;
      return dirs.has(n) && [...files].some((f) => f.startsWith(`${n}/`) && !matcher.excludedInWalk(f));
    },
    glob: (pattern) => all.filter((p) => minimatch(p, norm(pattern), { dot: true })).sort(),
    topLevel: () => [...new Set(all.map((p) => p.split('/')[0]!))].sort(),
    topLevelMatching: (pattern) => [...new Set(all.map((p) => p.split('/')[0]!))].filter((n) => n.search(pattern) !== -1).sort(),
  };
}
