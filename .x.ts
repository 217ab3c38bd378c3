import { readdirSync, readFileSync } from 'node:fs';
import { allRules, initLinter, lint } from './src/linter/index.js';
const dir = '/work/shared/corpus/files';
const texts = readdirSync(dir).sort().map((n) => readFileSync(`${dir}/${n}`, 'utf8'));
await initLinter();
const NEW = (process.env.ONLY ?? 'DH010,DH011,DH012,DH013,DH014,DH015').split(',');
const base = allRules.filter((r) => !NEW.includes(r.code));
const variants: [string, typeof allRules][] = [['base', base], ['all', allRules]];
for (const [, rules] of variants) for (const t of texts.slice(0, 1000)) lint(t, { rules });
const times = new Map<string, number[]>();
for (let round = 0; round < 21; round++) {
  for (const [name, rules] of round % 2 ? [...variants].reverse() : variants) {
    const t0 = performance.now();
    for (const t of texts) lint(t, { rules });
    (times.get(name) ?? times.set(name, []).get(name)!).push(performance.now() - t0);
  }
}
const med = (a: number[]) => [...a].sort((x, y) => x - y)[a.length >> 1]!;
const b = med(times.get('base')!), a = med(times.get('all')!);
// Paired: per round, all/base.
const pairs = times.get('all')!.map((x, i) => x / times.get('base')![i]!);
console.log(`base ${b.toFixed(0)} all ${a.toFixed(0)} → ${((a / b - 1) * 100).toFixed(1)}%; paired median ${((med(pairs) - 1) * 100).toFixed(1)}%`);
