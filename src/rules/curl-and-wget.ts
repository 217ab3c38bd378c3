// DL4001: both curl and wget are used in one stage.
import { defineRule } from './types.js';
import { anyRunNames, commandsOf, type RunSite, runSites } from './utils/runs.js';

export default defineRule({
  code: 'DL4001',
  name: 'curl-and-wget',
  aliases: ['DS014'],
  severity: 'warning',
  origin: 'hadolint',
  fixable: 'none',
  docs: {
    summary: 'Both `wget` and `curl` are used in the same stage.',
    why: 'Two download tools do the same job; installing both makes the image bigger and gives two sets of behaviours (proxies, TLS, retries) to get right.',
    bad: 'FROM debian:12\nRUN wget https://example.com/a.tar.gz\nRUN curl -fsSLO https://example.com/b.tar.gz',
    good: 'FROM debian:12\nRUN curl -fsSLO https://example.com/a.tar.gz\nRUN curl -fsSLO https://example.com/b.tar.gz',
    fix: 'Pick one tool and use it for every download in the stage.',
    notes: 'Like hadolint: tracked per stage (reset at FROM); once both have been seen, each RUN using either is reported, at its first curl/wget; ONBUILD RUNs are tracked separately from the stage\'s own RUNs. Unlike hadolint, ONBUILD RUNs are paired within their stage only (hadolint pairs those of the whole file), and launchers (`sudo wget`) are seen through.',
  },
  check(ctx) {
    // A finding needs both tools among the file's RUNs.
    const names = anyRunNames(ctx);
    if (!names.has('curl') || !names.has('wget')) return;
    for (const onbuild of [false, true]) {
      const sites = runSites(ctx.file, { onbuild: true }).filter((s) => s.onbuild === onbuild);
      let stage = Number.NaN;
      const seen = new Set<string>();
      for (const site of sites) {
        if (site.top.stageIndex !== stage) {
          stage = site.top.stageIndex;
          seen.clear();
        }
        check(site);
      }
      function check(site: RunSite): void {
        const uses = commandsOf(ctx, site).filter((c) => c.name === 'curl' || c.name === 'wget');
        for (const c of uses) seen.add(c.name);
        if (uses.length > 0 && seen.size === 2) {
          ctx.report({ range: uses[0]!.nameRange, message: 'Either use Wget or Curl but not both' });
        }
      }
    }
  },
});
