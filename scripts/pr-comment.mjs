#!/usr/bin/env node
// Posts a report as a pull-request comment, or updates the one posted earlier: used by action.yml's
// "Explain" step for `dockhand explain --format markdown`. The report's first line is a hidden marker
// (`<!-- dockhand-explain: path/to/Dockerfile -->`); the comment whose body starts with the same line
// is the one to replace, so a pull request keeps one comment per Dockerfile however often it runs.
//
//   node scripts/pr-comment.mjs REPORT.md
//
// Environment (set by GitHub's runner, the token by the action): GITHUB_API_URL, GITHUB_REPOSITORY,
// GITHUB_EVENT_PATH, GITHUB_TOKEN. Outside a pull request it posts nothing. A refused request (a
// token that may not write, as on pull requests from forks) is a warning, not a failure: the report
// is in the job summary anyway. Exit codes: 0 posted, updated, unchanged or skipped; 2 bad usage.
import { readFileSync } from 'node:fs';

const MARKER = /^<!-- dockhand-explain: .* -->$/;

function warn(message) {
  // A workflow command: GitHub shows it as a warning annotation on the run.
  process.stdout.write(`::warning::dockhand: ${message}\n`);
}

async function main(argv) {
  if (argv.length !== 1) {
    process.stderr.write('usage: node scripts/pr-comment.mjs REPORT.md\n');
    return 2;
  }
  let body;
  try {
    body = readFileSync(argv[0], 'utf8');
  } catch (e) {
    process.stderr.write(`dockhand: cannot read ${argv[0]}: ${e.code ?? e.message}\n`);
    return 2;
  }
  const marker = body.split('\n', 1)[0];
  if (!MARKER.test(marker)) {
    process.stderr.write(`dockhand: ${argv[0]} does not start with a dockhand-explain marker line\n`);
    return 2;
  }
  const { GITHUB_API_URL = 'https://api.github.com', GITHUB_REPOSITORY, GITHUB_EVENT_PATH, GITHUB_TOKEN } = process.env;
  let number;
  try {
    const event = JSON.parse(readFileSync(GITHUB_EVENT_PATH ?? '', 'utf8'));
    number = event.pull_request?.number ?? (event.issue?.pull_request ? event.issue.number : undefined);
  } catch {
    number = undefined;
  }
  if (!number || !GITHUB_REPOSITORY) {
    process.stdout.write('dockhand: not a pull request: no comment posted (the report is in the job summary)\n');
    return 0;
  }
  if (!GITHUB_TOKEN) {
    warn('no token: the pull-request comment was not posted');
    return 0;
  }
  const api = async (method, path, payload) => {
    const res = await fetch(`${GITHUB_API_URL.replace(/\/$/, '')}${path}`, {
      method,
      headers: {
        accept: 'application/vnd.github+json',
        authorization: `Bearer ${GITHUB_TOKEN}`,
        'x-github-api-version': '2022-11-28',
        ...(payload ? { 'content-type': 'application/json' } : {}),
      },
      body: payload ? JSON.stringify(payload) : undefined,
    });
    if (!res.ok) throw new Error(`${method} ${path}: HTTP ${res.status} ${(await res.text()).slice(0, 200)}`);
    return res.json();
  };
  try {
    const repo = `/repos/${GITHUB_REPOSITORY}`;
    let earlier;
    for (let page = 1; !earlier; page++) {
      const comments = await api('GET', `${repo}/issues/${number}/comments?per_page=100&page=${page}`);
      earlier = comments.find((c) => typeof c.body === 'string' && c.body.split('\n', 1)[0] === marker);
      if (comments.length < 100) break;
    }
    if (earlier && earlier.body === body) {
      process.stdout.write(`dockhand: comment ${earlier.id} is up to date\n`);
    } else if (earlier) {
      await api('PATCH', `${repo}/issues/comments/${earlier.id}`, { body });
      process.stdout.write(`dockhand: updated comment ${earlier.id}\n`);
    } else {
      const made = await api('POST', `${repo}/issues/${number}/comments`, { body });
      process.stdout.write(`dockhand: posted comment ${made.id}\n`);
    }
  } catch (e) {
    warn(`the pull-request comment was not posted: ${e.message}`);
  }
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
