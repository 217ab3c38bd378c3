// The results cache's store (src/cli/lint-cache.ts) and the build-context record its entries are
// checked against (src/cli/context-reads.ts), in-process. test/cli-lint-cache.test.ts runs the
// real executable: cached runs against uncached ones, invalidation, concurrent processes.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { openBuildContext } from '../src/context/index.js';
import type { Diagnostic } from '../src/core/diagnostic.js';
import { ContextAnswers, recordingView, rootOnly, type ContextRead } from '../src/cli/context-reads.js';
import { LintCache } from '../src/cli/lint-cache.js';
import { diagnosticJson, formatJson, reportJson } from '../src/cli/formatters/json.js';

const tmp = mkdtempSync(join(tmpdir(), 'dockhand-lint-cache-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
let n = 0;
const freshDir = () => join(tmp, `c${n++}`);
const key = (s: string) => LintCache.key(s);
/** A cached entry's json text (kept as UTF-8 bytes). */
const text = (bytes: Uint8Array | undefined) => (bytes === undefined ? undefined : Buffer.from(bytes).toString());

function finding(code: string, line: number, extra: Partial<Diagnostic> = {}): Diagnostic {
  return {
    code,
    severity: 'warning',
    message: `message of ${code} with "quotes", \u00e9 and \ud83d\ude00`,
    range: { start: line * 10, end: line * 10 + 3, startLine: line, startColumn: 1, endLine: line, endColumn: 4 },
    rule: code.toLowerCase(),
    url: `https://example.com/${code}`,
    ...extra,
  };
}

describe('LintCache', () => {
  it('keeps the context root stamp a file entry was recorded under, and its json text as bytes', () => {
    const dir = freshDir();
    const a = new LintCache(dir);
    const json = '  {\n    "file": "caf\u00e9",\n    "diagnostics": []\n  }';
    a.setFile(key('stamped'), { reads: [['exists', 'app.sh', '=true']], root: [1, 2, 3.5, 4.25], diagnostics: [], scripts: false, json: Buffer.from(json) }, false);
    a.setFile(key('plain'), { reads: [], diagnostics: [], scripts: false, json });
    for (const c of [a, (a.save(), new LintCache(dir))]) {
      const stamped = c.getFile(key('stamped'), true)!;
      expect(stamped.root).toEqual([1, 2, 3.5, 4.25]);
      expect(stamped.reads).toEqual([['exists', 'app.sh', '=true']]);
      expect(text(stamped.json)).toBe(json);
      const plain = c.getFile(key('plain'), true)!;
      expect(plain.root).toBeUndefined();
      expect(text(plain.json)).toBe(json);
    }
  });

  it('gives back what was stored, in this run and after a save', () => {
    const dir = freshDir();
    const diagnostics = [
      finding('DL3008', 2),
      finding('DL4000', 5, { fix: { title: 'Use LABEL', safety: 'unsafe', edits: [{ range: finding('x', 5).range, text: 'LABEL a="b"' }] } }),
    ];
    const a = new LintCache(dir);
    expect(a.getFile(key('f'))).toBeUndefined();
    a.setFile(key('f'), { reads: [['exists', 'app.sh', '=true']], diagnostics, scripts: true });
    expect(a.getFile(key('f'))?.diagnostics).toEqual(diagnostics);
    a.save();
    const b = new LintCache(dir);
    const got = b.getFile(key('f'))!;
    expect(got.reads).toEqual([['exists', 'app.sh', '=true']]);
    expect(got.diagnostics).toEqual(diagnostics);
    expect(got).toMatchObject({ scripts: true, count: 2, worst: 'warning' });
    expect(got.json).toBeUndefined();
    expect(b.getFile(key('g'))).toBeUndefined();
    expect(b.notes).toEqual([]);
  });

  it('keeps the json report text when given, and says how bad the findings are without decoding them', () => {
    const dir = freshDir();
    const a = new LintCache(dir);
    const json = '{\n  "file": "Dockerfile",\n  "diagnostics": []\n}';
    a.setFile(key('j'), { reads: [], diagnostics: [finding('A', 1, { severity: 'info' }), finding('B', 2, { severity: 'error' })], scripts: false, json });
    a.setFile(key('none'), { reads: [], diagnostics: [], scripts: false, json: '' });
    a.save();
    const b = new LintCache(dir);
    expect(b.getFile(key('j'))).toMatchObject({ count: 2, worst: 'error' });
    expect(text(b.getFile(key('j'))!.json)).toBe(json);
    expect(b.getFile(key('none'))).toMatchObject({ count: 0, worst: null });
    expect(b.getFile(key('none'))!.diagnostics).toEqual([]);
  });

  it('checks the part a run reads: the json text for json output, the findings otherwise', () => {
    const dir = freshDir();
    const a = new LintCache(dir);
    const json = '  {\n    "file": "Dockerfile",\n    "diagnostics": []\n  }';
    a.setFile(key('x'), { reads: [], diagnostics: [finding('A', 1)], scripts: false, json });
    a.save();
    const file = join(dir, readdirSync(dir).find((f) => f.endsWith('.bin'))!);
    const clean = readFileSync(file);
    // A byte of the findings changed: a json run still reads the (sound) json text; decoding the
    // findings, or any other run, sees the damage.
    const inFindings = Buffer.from(clean);
    inFindings[inFindings.indexOf('"A"') + 1] = 'B'.charCodeAt(0);
    writeFileSync(file, inFindings);
    const j = new LintCache(dir).getFile(key('x'), true)!;
    expect(text(j.json)).toBe(json);
    expect(() => j.diagnostics).toThrow(/damaged/);
    const plain = new LintCache(dir);
    expect(plain.getFile(key('x'))).toBeUndefined();
    expect(plain.notes[0]).toMatch(/an entry does not match its checksum/);
    // A byte of the json text changed: a miss for json runs too.
    const inJson = Buffer.from(clean);
    inJson[inJson.indexOf('Dockerfile')] = 'd'.charCodeAt(0);
    writeFileSync(file, inJson);
    expect(new LintCache(dir).getFile(key('x'), true)).toBeUndefined();
  });

  it('an old entry refreshed by a json run keeps its stored checksum: damaged findings are never re-blessed', () => {
    const dir = freshDir();
    const a = new LintCache(dir);
    a.setFile(key('x'), { reads: [], diagnostics: [finding('A', 1)], scripts: false, json: '  {\n    "file": "D",\n    "diagnostics": []\n  }' });
    a.save();
    const file = join(dir, readdirSync(dir).find((f) => f.endsWith('.bin'))!);
    const damaged = readFileSync(file);
    damaged[damaged.indexOf('"A"') + 1] = 'B'.charCodeAt(0);
    writeFileSync(file, damaged);
    // Two days later a json run uses the entry (its findings unchecked) and saves it as refreshed.
    vi.useFakeTimers({ now: Date.now() + 2 * 86_400_000 });
    try {
      const later = new LintCache(dir);
      expect(text(later.getFile(key('x'), true)!.json)).toContain('"D"');
      later.save();
      const plain = new LintCache(dir);
      expect(plain.getFile(key('x'))).toBeUndefined();
      expect(plain.notes[0]).toMatch(/an entry does not match its checksum/);
    } finally {
      vi.useRealTimers();
    }
  });

  it('an entry without findings (a json run\'s) serves json runs only, and lends its text to one made later', () => {
    const dir = freshDir();
    const a = new LintCache(dir);
    const json = '  {\n    "file": "Dockerfile",\n    "diagnostics": []\n  }';
    const entry = { reads: [['exists', 'a', '=true']] as ['exists', string, string][], diagnostics: [finding('A', 1)], scripts: false };
    a.setFile(key('k'), { ...entry, json }, false);
    a.save();
    const b = new LintCache(dir);
    expect(b.getFile(key('k'))).toBeUndefined();
    expect(text(b.getFile(key('k'), true)!.json)).toBe(json);
    // A later run that needed the findings lints and stores them: the json text stays.
    b.setFile(key('k'), entry);
    b.save();
    const c = new LintCache(dir);
    expect(c.getFile(key('k'))!.diagnostics).toEqual([finding('A', 1)]);
    expect(text(c.getFile(key('k'), true)!.json)).toBe(json);
    // Different reads (the context changed): nothing is lent.
    c.setFile(key('k'), { ...entry, reads: [['exists', 'a', '=false']] });
    c.save();
    expect(new LintCache(dir).getFile(key('k'), true)!.json).toBeUndefined();
  });

  it('keeps ShellCheck findings per script apart from file entries', () => {
    const dir = freshDir();
    const a = new LintCache(dir);
    const store = a.scriptStore();
    const comments = [{ file: '', line: 2, endLine: 2, column: 6, endColumn: 8, level: 'info', code: 2086, message: 'Double quote' }];
    store.set('sc\0args\0#!/bin/sh\necho $x\n', comments);
    a.save();
    const b = new LintCache(dir);
    expect(b.scriptStore().get('sc\0args\0#!/bin/sh\necho $x\n')).toEqual(comments);
    expect(b.scriptStore().get('sc\0args\0#!/bin/sh\necho "$x"\n')).toBeUndefined();
  });

  it('ignores a damaged or foreign file with a note, and replaces it on the next save', () => {
    const dir = freshDir();
    const a = new LintCache(dir);
    for (let i = 0; i < 64; i++) a.setFile(key(`f${i}`), { reads: [], diagnostics: [finding('DL3008', i)], scripts: false });
    a.save();
    const shards = readdirSync(dir).filter((f) => f.endsWith('.bin')).sort();
    expect(shards.length).toBeGreaterThan(4);
    // One byte changed in a message, one in an index, one file cut short, one replaced by something else entirely.
    const flip = (file: string, at: (length: number) => number) => {
      const bytes = readFileSync(file);
      bytes[at(bytes.length)] ^= 0x01;
      writeFileSync(file, bytes);
    };
    flip(join(dir, shards[0]!), (n) => n - 20);
    flip(join(dir, shards[3]!), () => 32 + 40);
    writeFileSync(join(dir, shards[1]!), readFileSync(join(dir, shards[1]!)).subarray(0, 60));
    writeFileSync(join(dir, shards[2]!), 'not a cache at all\n');

    const b = new LintCache(dir);
    let hits = 0;
    for (let i = 0; i < 64; i++) if (b.getFile(key(`f${i}`))) hits++;
    expect(hits).toBeGreaterThan(0);
    expect(hits).toBeLessThan(64);
    expect(b.notes.join('\n')).toContain(`${shards[0]} is damaged (an entry does not match its checksum); ignored`);
    expect(b.notes.join('\n')).toContain(`${shards[3]} is damaged (checksum mismatch); ignored`);
    expect(b.notes.join('\n')).toContain(`${shards[1]} is truncated; ignored`);
    expect(b.notes.join('\n')).toContain(`${shards[2]} is not a dockhand lint cache; ignored`);
    for (let i = 0; i < 64; i++) if (!b.getFile(key(`f${i}`))) b.setFile(key(`f${i}`), { reads: [], diagnostics: [finding('DL3008', i)], scripts: false });
    b.save();
    const c = new LintCache(dir);
    for (let i = 0; i < 64; i++) expect(c.getFile(key(`f${i}`))?.diagnostics).toEqual([finding('DL3008', i)]);
    expect(c.notes).toEqual([]);
  });

  it('refuses findings of another shape', () => {
    const dir = freshDir();
    const a = new LintCache(dir);
    // A diagnostic without a range (not what this version writes) is never served.
    a.setFile(key('odd'), { reads: [], diagnostics: [{ code: 'X', severity: 'warning', message: 'm' } as unknown as Diagnostic], scripts: false });
    a.save();
    expect(() => new LintCache(dir).getFile(key('odd'))!.diagnostics).toThrow(/unknown shape/);
  });

  it('stays within its size bound, keeping the entries used last', () => {
    const dir = freshDir();
    const max = 16 * 4096; // 4 KiB per shard
    const entry = (i: number, size: number) => ({ reads: [], diagnostics: Array.from({ length: size }, (_, k) => finding(`DL${3000 + k}`, i)), scripts: false });
    const big = (i: number) => entry(i, 8);
    const a = new LintCache(dir, max);
    for (let i = 0; i < 400; i++) a.setFile(key(`old${i}`), big(i));
    a.save();
    const total = () => readdirSync(dir).filter((f) => f.endsWith('.bin')).reduce((s, f) => s + statSync(join(dir, f)).size, 0);
    expect(total()).toBeLessThanOrEqual(max);
    // Entries made later are newer: they push older ones out.
    const b = new LintCache(dir, max);
    // Stamps are in seconds: make the new entries strictly newer than the old ones.
    (b as unknown as { now: number }).now += 10;
    for (let i = 0; i < 20; i++) b.setFile(key(`new${i}`), entry(i, 2));
    b.save();
    expect(total()).toBeLessThanOrEqual(max);
    const c = new LintCache(dir, max);
    for (let i = 0; i < 20; i++) expect(c.getFile(key(`new${i}`))).toBeDefined();
    let kept = 0;
    for (let i = 0; i < 400; i++) if (c.getFile(key(`old${i}`))) kept++;
    expect(kept).toBeLessThan(400);
  });

  it('merges what another writer saved since it loaded (no entry of either is lost)', () => {
    const dir = freshDir();
    const a = new LintCache(dir);
    const b = new LintCache(dir);
    // Both load (empty) before either saves.
    expect(a.getFile(key('a0'))).toBeUndefined();
    expect(b.getFile(key('a0'))).toBeUndefined();
    for (let i = 0; i < 50; i++) a.setFile(key(`a${i}`), { reads: [], diagnostics: [finding('A', i)], scripts: false });
    for (let i = 0; i < 50; i++) b.setFile(key(`b${i}`), { reads: [], diagnostics: [finding('B', i)], scripts: false });
    a.save();
    b.save();
    const c = new LintCache(dir);
    for (let i = 0; i < 50; i++) {
      expect(c.getFile(key(`a${i}`))?.diagnostics).toEqual([finding('A', i)]);
      expect(c.getFile(key(`b${i}`))?.diagnostics).toEqual([finding('B', i)]);
    }
  });

  it('says once, quietly, when it cannot write', () => {
    const file = join(tmp, 'not-a-dir');
    writeFileSync(file, 'x');
    const a = new LintCache(join(file, 'cache'));
    a.setFile(key('f'), { reads: [], diagnostics: [], scripts: false });
    a.save();
    expect(a.notes).toEqual([]);
    expect(a.quietNotes).toHaveLength(1);
    expect(a.quietNotes[0]).toMatch(/^cannot write the results cache in .*not-a-dir\/cache/);
  });
});

describe('json reports from their cached text', () => {
  it('prints what JSON.stringify of the whole array prints, whichever reports come with their text', () => {
    const reports = [
      { file: 'a/Dockerfile', text: '', diagnostics: [finding('DL3008', 1), finding('X', 2, { message: 'line\nbreak "and" \u2028 tab\t' })] },
      { file: 'b/Dockerfile', text: '', diagnostics: [] },
      { file: 'c \u00e9/Dockerfile', text: '', diagnostics: [finding('DL4000', 3, { fix: { title: 't', safety: 'safe', edits: [{ range: finding('x', 3).range, text: 'LABEL a="b\nc"' }] } })] },
      {
        file: 'd/Dockerfile',
        text: '',
        diagnostics: [
          finding('DL3020', 4, { fix: { title: 't', safety: 'unsafe', edits: [{ range: finding('x', 4).range, text: 'COPY' }, { range: finding('x', 5).range, text: '' }] } }),
          finding('DL3000', 5, { fix: { title: 't', safety: 'safe', edits: [] } }),
          finding('E', 6),
        ],
      },
    ];
    const want = `${JSON.stringify(reports.map((r) => ({ file: r.file, diagnostics: r.diagnostics.map(diagnosticJson) })), null, 2)}\n`;
    const opts = { color: false, rules: [], notes: [], version: '0' };
    expect(formatJson(reports, opts)).toBe(want);
    expect(formatJson(reports.map((r) => ({ ...r, json: reportJson(r) })), opts)).toBe(want);
    expect(formatJson(reports.map((r, i) => (i === 1 ? { ...r, json: reportJson(r) } : r)), opts)).toBe(want);
    expect(formatJson([], opts)).toBe('[]\n');
  });

  it('writes each report as the element JSON.stringify([report], null, 2) holds, escapes included', () => {
    const odd = 'nul \u0000, unit separator \u001f, lone \ud800 and \udc00, backslash \\, slash /, del \u007f';
    const reports = [
      { file: 'C:\\dir\\"quoted"\\Dockerfile', diagnostics: [finding('DL3008', 1, { message: odd }), finding('DL3009', 120000)] },
      { file: odd, diagnostics: [finding('DH001', 7, { fix: { title: 't', safety: 'safe', edits: [{ range: finding('x', 7).range, text: odd }, { range: finding('x', 8).range, text: '' }] } })] },
      { file: '', diagnostics: [] },
    ];
    for (const r of reports) {
      const element = JSON.stringify([{ file: r.file, diagnostics: r.diagnostics.map(diagnosticJson) }], null, 2).slice(2, -2);
      expect(reportJson(r)).toBe(element);
    }
  });
});

describe('build-context reads', () => {
  function project(files: Record<string, string>): string {
    const root = join(tmp, `p${n++}`);
    for (const [p, text] of Object.entries(files)) {
      mkdirSync(join(root, p, '..'), { recursive: true });
      writeFileSync(join(root, p), text);
    }
    return root;
  }

  it('records each question once with its answer, and checks them against the context as it is now', () => {
    const root = project({ 'Dockerfile': 'FROM a\n', 'app.sh': 'x', 'lib/a.js': 'x', '.dockerignore': '*.log\n' });
    const answers = new ContextAnswers(openBuildContext(root));
    const { view, reads } = recordingView(answers);
    expect(view.exists('app.sh')).toBe(true);
    expect(view.exists('app.sh')).toBe(true);
    expect(view.exists('gone.sh')).toBe(false);
    expect(view.isExcluded('x.log')).toBe(true);
    expect(view.glob('lib/*.js')).toEqual(['lib/a.js']);
    expect(view.dockerignore?.text).toBe('*.log\n');
    expect(view.topLevel().sort()).toEqual(['.dockerignore', 'Dockerfile', 'app.sh', 'lib']);
    expect(reads.map(([op, arg]) => `${op} ${arg}`)).toEqual(['exists app.sh', 'exists gone.sh', 'isExcluded x.log', 'glob lib/*.js', 'dockerignore ', 'topLevel ']);

    // The same context, asked again in a later run: every answer holds.
    expect(new ContextAnswers(openBuildContext(root)).holds(reads)).toBe(true);
    // Each change below breaks exactly the answers that depend on it.
    writeFileSync(join(root, 'gone.sh'), 'now here');
    expect(new ContextAnswers(openBuildContext(root)).holds(reads)).toBe(false);
    rmSync(join(root, 'gone.sh'));
    expect(new ContextAnswers(openBuildContext(root)).holds(reads)).toBe(true);
    writeFileSync(join(root, '.dockerignore'), '*.log\n*.tmp\n');
    expect(new ContextAnswers(openBuildContext(root)).holds(reads)).toBe(false);
    writeFileSync(join(root, '.dockerignore'), '*.log\n');
    writeFileSync(join(root, 'lib/b.js'), 'x');
    expect(new ContextAnswers(openBuildContext(root)).holds(reads)).toBe(false);
  });

  it('a question for some top-level names records those names: other entries coming and going leave it holding', () => {
    const root = project({ 'Dockerfile': 'FROM a\n', 'app.sh': 'x', '.env': 'A=1' });
    const answers = new ContextAnswers(openBuildContext(root));
    const { view, reads } = recordingView(answers);
    expect(view.topLevelMatching(/^\.env|\.pem$/i)).toEqual(['.env']);
    expect(reads).toEqual([['topLevelMatching', '/^\\.env|\\.pem$/i', '=[".env"]']]);
    writeFileSync(join(root, 'other.sh'), 'x');
    expect(new ContextAnswers(openBuildContext(root)).holds(reads)).toBe(true);
    writeFileSync(join(root, 'KEY.PEM'), 'x');
    expect(new ContextAnswers(openBuildContext(root)).holds(reads)).toBe(false);
    rmSync(join(root, 'KEY.PEM'));
    expect(new ContextAnswers(openBuildContext(root)).holds(reads)).toBe(true);
    // An argument no pattern gives (a damaged record) is a question that fails: it never holds.
    expect(new ContextAnswers(openBuildContext(root)).holds([['topLevelMatching', 'env', '=[".env"]']])).toBe(false);
  });

  it('without recording, the view answers the same and keeps no list of questions', () => {
    const root = project({ 'Dockerfile': 'FROM a\n', 'app.sh': 'x' });
    const answers = new ContextAnswers(openBuildContext(root));
    const { view, reads } = recordingView(answers, false);
    expect(view.exists('app.sh')).toBe(true);
    expect(view.topLevel().sort()).toEqual(['Dockerfile', 'app.sh']);
    expect(reads).toEqual([]);
    // The answers are the run's: a recording view of the same run gets them, recorded.
    const recorded = recordingView(answers);
    expect(recorded.view.exists('app.sh')).toBe(true);
    expect(recorded.reads).toEqual([['exists', 'app.sh', '=true']]);
  });

  it('does not let a rule change what the next file sees', () => {
    const root = project({ 'a/x.js': 'x', 'a/y.js': 'x' });
    const answers = new ContextAnswers(openBuildContext(root));
    const first = recordingView(answers).view.glob('a/*.js');
    first.pop();
    expect(recordingView(answers).view.glob('a/*.js')).toEqual(['a/x.js', 'a/y.js']);
  });

  /** Answers for `root` whose root stat can vouch for the root's entries (it waits out the timestamp granularity). */
  function stampedAnswers(root: string): ContextAnswers {
    const deadline = Date.now() + 5000;
    for (;;) {
      const answers = new ContextAnswers(openBuildContext(root), root);
      if (answers.rootStamp || Date.now() > deadline) return answers;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
    }
  }

  it('which questions read only the root directory\'s entries', () => {
    for (const [op, arg] of [['exists', 'a'], ['exists', './a'], ['exists', '/a'], ['exists', 'a/'], ['exists', 'a/../b'], ['isDirectory', 'a'], ['exists', ''], ['linkOutside', 'a'], ['linkOutside', './a'],
      ['glob', '*.sh'], ['glob', '/go.*'], ['glob', 'a'], ['glob', 'x/../*.js'], ['topLevel', ''], ['topLevelMatching', '/^a\\/b/i']] as const) expect(rootOnly(op, arg), `${op} ${arg}`).toBe(true);
    for (const [op, arg] of [['exists', 'a/b'], ['exists', '../x'], ['isDirectory', 'lib/x'], ['linkOutside', 'a/b'], ['glob', 'lib/*.js'], ['glob', '*/x'], ['isExcluded', 'a'], ['isSent', 'a'], ['dockerignore', ''], ['gitignore', '']] as const) {
      expect(rootOnly(op, arg), `${op} ${arg}`).toBe(false);
    }
  });

  it('an unchanged root directory keeps the answers that read only its entries; any other answer is asked again', () => {
    const root = project({ 'Dockerfile': 'FROM a\n', 'app.sh': 'x', 'lib/a.js': 'x', '.dockerignore': '*.log\n' });
    const answers = stampedAnswers(root);
    const stamp = answers.rootStamp;
    expect(stamp).toBeDefined();
    const { view, reads } = recordingView(answers);
    view.exists('app.sh');
    view.exists('gone.sh');
    view.glob('*.sh');
    view.topLevel();
    view.glob('lib/*.js');
    view.exists('lib/b.js');
    view.dockerignore;
    expect(new ContextAnswers(openBuildContext(root), root).holds(reads, stamp)).toBe(true);
    // Not asked again: a recorded answer to one of those questions is taken as it is...
    const forged: ContextRead[] = reads.map(([op, arg, a]) => [op, arg, op === 'exists' && arg === 'gone.sh' ? '=true' : a]);
    expect(new ContextAnswers(openBuildContext(root), root).holds(forged, stamp)).toBe(true);
    // ...but asked without the stamp, or when the root's stat differs.
    expect(new ContextAnswers(openBuildContext(root), root).holds(forged)).toBe(false);
    expect(new ContextAnswers(openBuildContext(root), root).holds(forged, [stamp![0], stamp![1], stamp![2] + 1, stamp![3]])).toBe(false);
    expect(new ContextAnswers(openBuildContext(root)).holds(forged, stamp)).toBe(false);
    // A new entry in the root changes the root's stat: every question is asked again.
    writeFileSync(join(root, 'gone.sh'), 'here');
    expect(new ContextAnswers(openBuildContext(root), root).holds(reads, stamp)).toBe(false);
    rmSync(join(root, 'gone.sh'));
    // A change below the root, or inside a file, leaves the root's stat alone: those questions are asked.
    const fresh = stampedAnswers(root);
    const again = recordingView(fresh);
    for (const q of [() => again.view.exists('lib/b.js'), () => again.view.glob('lib/*.js'), () => again.view.dockerignore, () => again.view.exists('app.sh')]) q();
    const stamp2 = fresh.rootStamp;
    expect(new ContextAnswers(openBuildContext(root), root).holds(again.reads, stamp2)).toBe(true);
    writeFileSync(join(root, 'lib/b.js'), 'x');
    expect(new ContextAnswers(openBuildContext(root), root).holds(again.reads, stamp2)).toBe(false);
    rmSync(join(root, 'lib/b.js'));
    writeFileSync(join(root, '.dockerignore'), '*.tmp\n');
    expect(new ContextAnswers(openBuildContext(root), root).holds(again.reads, stamp2)).toBe(false);
  });

  it('a root changed too recently gives no stamp', () => {
    const root = project({ 'f': 'x' });
    writeFileSync(join(root, 'g'), 'y');
    expect(new ContextAnswers(openBuildContext(root), root).rootStamp).toBeUndefined();
    expect(new ContextAnswers(openBuildContext(root)).rootStamp).toBeUndefined();
  });

  it('refuses a record it does not understand', () => {
    const answers = new ContextAnswers(openBuildContext(project({ 'f': 'x' })));
    expect(answers.holds([['exists', 'f', '=true']])).toBe(true);
    expect(answers.holds([['readFile' as 'exists', 'f', '=true']])).toBe(false);
    expect(answers.holds([['exists', 'f'] as unknown as ['exists', string, string]])).toBe(false);
  });
});
