// `dockhand explain --format markdown`: the pull-request report, on a repository with a real edit.
// fixtures/planner/pr-report/base is the repository at the pull request's base; edit/ holds the files
// the pull request changes (the single-stage Dockerfile split into base, dev and final, and a source
// edit). The test makes a git repository of them in a temporary directory, one commit each, and
// compares the report with the golden file.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from '../src/parser/index.js';
import { memoryContext } from '../src/planner/context.js';
import { explain } from '../src/planner/explain.js';
import { plan } from '../src/planner/plan.js';
import { renderMarkdown, reportMarker } from '../src/planner/report.js';
import { runCaptured } from './cli-io.js';

const fixture = join(__dirname, '../fixtures/planner/pr-report');
let repo: string;
let cache: string;

const git = (...args: string[]) => execFileSync('git', ['-c', 'user.email=ci@example.com', '-c', 'user.name=ci', '-c', 'commit.gpgsign=false', ...args], { cwd: repo, stdio: 'pipe' });

beforeAll(() => {
  repo = mkdtempSync(join(tmpdir(), 'dockhand-pr-'));
  cache = mkdtempSync(join(tmpdir(), 'dockhand-pr-cache-'));
  cpSync(join(fixture, 'base'), repo, { recursive: true });
  git('init', '-q');
  git('add', '.');
  git('commit', '-qm', 'base');
  cpSync(join(fixture, 'edit'), repo, { recursive: true });
  git('add', '.');
  git('commit', '-qm', 'split the Dockerfile into stages; add /version');
});
afterAll(() => {
  rmSync(repo, { recursive: true, force: true });
  rmSync(cache, { recursive: true, force: true });
});

async function dh(...argv: string[]) {
  // The stat cache lives outside the repository, so the context is the same on every run.
  return runCaptured(argv, { cwd: repo, env: { XDG_CACHE_HOME: cache } });
}

describe('explain --format markdown', () => {
  it('reports the pull request as the golden file says', async ({ expect }) => {
    const r = await dh('explain', '--since', 'HEAD~1', '--format', 'markdown');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    await expect(r.stdout).toMatchFileSnapshot('../fixtures/planner/pr-report/report.golden.md');
  });

  it('is the same report on every run (a bot replaces its comment in place)', async () => {
    const a = await dh('explain', '--since', 'HEAD~1', '--format', 'markdown');
    writeFileSync(join(repo, 'unrelated.log'), 'ignored by .dockerignore\n');
    const b = await dh('explain', '--since', 'HEAD~1', '--format', 'markdown');
    rmSync(join(repo, 'unrelated.log'));
    expect(b.stdout).toBe(a.stdout);
    expect(a.stdout.split('\n')[0]).toBe(reportMarker('Dockerfile'));
  });

  it('says so when nothing rebuilds', async () => {
    const r = await dh('explain', '--since', 'HEAD', '--format', 'markdown');
    expect(r.stdout).toBe(`${reportMarker('Dockerfile')}\n### dockhand explain: \`Dockerfile\`: nothing rebuilds (6 steps cached)\n\n**Advice**\n\n` +
      '- line 13: ARG GIT\\_SHA is first used on line 17, but changing its value rebuilds the 2 RUN steps after its declaration; declare it just before its first use\n');
  });

  it('is refused with --watch', async () => {
    expect(await dh('explain', '--watch', '--format', 'markdown')).toMatchObject({ code: 2, stderr: expect.stringMatching(/--format markdown makes one report/) });
  });
});

describe('report text', () => {
  it('escapes what Markdown would read: pipes, emphasis, HTML, backticks and control characters', () => {
    const before = plan(parse('FROM alpine\nRUN echo a\n'), { context: memoryContext({}) });
    const after = plan(parse('FROM alpine\nRUN echo "*x* | <b>`y`</b>\u001b[2J"\n'), { context: memoryContext({}) });
    const md = renderMarkdown(explain(before, after), after);
    const row = md.split('\n').find((l) => l.startsWith('| 2 '))!;
    expect(row).toContain('`` RUN echo "*x* \\| <b>`y`</b>␛[2J" ``');
    expect(row).toContain('\\*x\\* \\| \\<b\\>\\`y\\`\\</b\\>␛\\[2J');
    expect(md).not.toContain('\u001b');
  });
});
