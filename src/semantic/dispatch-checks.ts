// What dockerfile2llb refuses while it dispatches an instruction, before anything runs, each of which
// fails the build: in a COPY or ADD (dispatchCopy) a --chmod that looks numeric but is no mode, ADD's
// --checksum on anything but one download or git source, a URL or git source given to COPY; a
// STOPSIGNAL that names no signal (moby's ParseSignal); an empty VOLUME; an EXPOSE port spec that
// convert_expose.go's parsePortSpec cannot read. Pure: the caller gives the
// words as the build would see them (expanded), or lets the *AsWritten helpers read the AST.
import type { SourceRange } from '../core/range.js';
import type { Dockerfile, Instruction } from '../parser/ast.js';
import { processWord, processWords } from '../expand/index.js';
import { instructionError } from '../parser/validate.js';
import { parseMount } from './mount.js';
import { isGitSource, isHttpSource } from './remote-source.js';

/** A COPY/ADD argument that is a heredoc marker (`<<EOF`, `<<-"EOF"`), not a path. */
export const HEREDOC_WORD = /^(\d*)<<(-?)\s*([^<]*)$/;

/** One refusal; `word` says which: `chmod`, `checksum`, or the index of the source. */
export interface CopyRefusal {
  message: string;
  word: 'chmod' | 'checksum' | number;
}

/**
 * BuildKit's checks in its order (the first failure stops the build; all are listed here).
 * `sources` are the source paths, heredocs left out (BuildKit's SourcePaths).
 */
export function copyRefusals(keyword: string, chmod: string | undefined, checksum: string | undefined, sources: readonly string[]): CopyRefusal[] {
  const out: CopyRefusal[] = [];
  // ParseUint(chmod, 8, 32), else dchapes-mode's Parse, which reads a leading digit as octal too:
  // a numeric-looking value is a mode from 0 to 07777 or refused; symbolic ones (`u+x`) are its own.
  if (chmod !== undefined && chmod !== '' && /^\d/.test(chmod) && !(/^[0-7]+$/.test(chmod) && parseInt(chmod, 8) <= 0o7777)) {
    out.push({ word: 'chmod', message: `invalid chmod parameter: '${chmod}'. it should be octal string and between 0 and 07777` });
  }
  if (keyword === 'ADD' && checksum !== undefined && checksum !== '') {
    if (sources.length !== 1) out.push({ word: 'checksum', message: "checksum can't be specified for multiple sources" });
    else if (!isHttpSource(sources[0]!) && !isGitSource(sources[0]!)) out.push({ word: 'checksum', message: 'checksum requires HTTP(S) or Git sources' });
  }
  if (keyword === 'COPY') {
    sources.forEach((src, i) => {
      if (isGitSource(src)) out.push({ word: i, message: "source can't be a git ref for COPY" });
      else if (isHttpSource(src)) out.push({ word: i, message: "source can't be a URL for COPY" });
    });
  }
  return out;
}

/**
 * The refusals of a COPY or ADD as written, for the linter, which does not know the build args:
 * a word with a variable is left out, and the checksum checks too when a source has one.
 */
export function copyRefusalsAsWritten(ins: Instruction): { message: string; range: SourceRange }[] {
  const last = (name: string) => ins.flags.filter((f) => f.name === name).at(-1);
  const chmod = last('chmod');
  const checksum = ins.keyword === 'ADD' ? last('checksum') : undefined;
  const words = ins.args.slice(0, ins.args.length >= 2 ? -1 : undefined);
  let docs = 0;
  const sources = words.filter((a) => ins.json || !HEREDOC_WORD.test(a.value) || docs++ >= ins.heredocs.length);
  const plain = (v: string | null | undefined) => (v == null || v.includes('$') ? undefined : v);
  const anyVariable = sources.some((a) => a.value.includes('$'));
  const found = copyRefusals(
    ins.keyword,
    plain(chmod?.value),
    anyVariable ? undefined : plain(checksum?.value),
    sources.map((a) => (a.value.includes('$') ? '' : a.value)),
  );
  return found.map((r) => ({
    message: r.message,
    range: r.word === 'chmod' ? chmod!.range : r.word === 'checksum' ? checksum!.range : sources[r.word]!.range,
  }));
}

/** The Linux signal names moby's ParseSignal knows (after an optional `SIG`, in any case). */
const SIGNALS = new Set([
  'ABRT', 'ALRM', 'BUS', 'CHLD', 'CLD', 'CONT', 'FPE', 'HUP', 'ILL', 'INT', 'IO', 'IOT', 'KILL', 'PIPE', 'POLL', 'PROF', 'PWR',
  'QUIT', 'SEGV', 'STKFLT', 'STOP', 'SYS', 'TERM', 'TRAP', 'TSTP', 'TTIN', 'TTOU', 'UNUSED', 'URG', 'USR1', 'USR2', 'VTALRM',
  'WINCH', 'XCPU', 'XFSZ', 'RTMIN', 'RTMAX',
  ...Array.from({ length: 15 }, (_, i) => `RTMIN+${i + 1}`),
  ...Array.from({ length: 14 }, (_, i) => `RTMAX-${i + 1}`),
]);

/** Why STOPSIGNAL refuses `signal`: a decimal number but 0, or a known name, else "Invalid signal". */
export function stopSignalRefusal(signal: string): string | undefined {
  if (/^[+-]?\d+$/.test(signal)) return Number(signal) === 0 ? `Invalid signal: ${signal}` : undefined;
  return SIGNALS.has(signal.toUpperCase().replace(/^SIG/, '')) ? undefined : `Invalid signal: ${signal}`;
}

/** dispatchVolume's refusal of an empty path. */
export const EMPTY_VOLUME = 'VOLUME specified can not be an empty string';

/**
 * The dispatch refusals of an instruction as written (an ONBUILD's trigger: triggerProblemsAsWritten),
 * for the linter: a word with a variable is left out, the build args being unknown.
 */
export function refusalsAsWritten(op: Instruction, file: Dockerfile): { message: string; range: SourceRange }[] {
  switch (op.keyword) {
    case 'COPY':
    case 'ADD':
      return copyRefusalsAsWritten(op);
    case 'STOPSIGNAL': {
      const a = op.args[0];
      const value = a && op.args.length === 1 ? plainValue(a.value, file) : undefined;
      const why = value === undefined ? undefined : stopSignalRefusal(value);
      return why ? [{ message: why, range: a!.range }] : [];
    }
    case 'VOLUME':
      return op.args.filter((a) => plainValue(a.value, file) === '').slice(0, 1).map((a) => ({ message: EMPTY_VOLUME, range: a.range }));
    case 'EXPOSE': {
      const out: { message: string; range: SourceRange }[] = [];
      for (const a of op.args) {
        if (a.value.includes('$')) continue;
        let specs: string[];
        try {
          specs = processWords(a.value, new Map(), { escapeToken: file.escapeChar });
        } catch {
          continue;
        }
        for (const spec of specs) {
          const why = exposeRefusal(spec);
          if (why) out.push({ message: why, range: a.range });
        }
      }
      return out;
    }
    default:
      return [];
  }
}

/**
 * Why dispatchExpose refuses a port spec `[[ip:]host:]port[-end][/proto]` (parsePortSpec), or
 * undefined. A bracketed IPv6 address is not judged.
 */
export function exposeRefusal(spec: string): string | undefined {
  const parts = spec.split(':');
  const n = parts.length;
  const ip = n >= 3 ? parts.slice(0, n - 2).join(':') : '';
  const hostPort = n >= 2 ? parts[n - 2]! : '';
  const container = parts[n - 1]!;
  const slash = container.indexOf('/');
  const port = slash < 0 ? container : container.slice(0, slash);
  // No port: no protocol either, which is what fails first.
  const proto = port === '' ? '' : slash < 0 || container.slice(slash + 1) === '' ? 'tcp' : container.slice(slash + 1).toLowerCase();
  if (proto !== 'tcp' && proto !== 'udp' && proto !== 'sctp') return `invalid proto: ${proto}`;
  if (ip !== '' && !ip.startsWith('[') && !isIP(ip)) return `invalid IP address: ${ip}`;
  const range = portRange(port);
  if (!range) return `invalid containerPort: ${port}`;
  if (hostPort !== '') {
    const host = portRange(hostPort);
    if (!host) return `invalid hostPort: ${hostPort}`;
    if (range[1] - range[0] !== host[1] - host[0] && range[1] !== range[0]) {
      return `invalid ranges specified for container and host Ports: ${port} and ${hostPort}`;
    }
  }
  return undefined;
}

/** parsePortRange: `n` or `n-m` (m >= n), each a decimal from 0 to 65535. */
function portRange(text: string): [number, number] | undefined {
  const ends = text.split('-');
  if (ends.length > 2 || !ends.every((e) => /^\d+$/.test(e) && Number(e) <= 65535)) return undefined;
  const start = Number(ends[0]);
  const end = Number(ends[ends.length - 1]);
  return end < start ? undefined : [start, end];
}

/** Go's net.ParseIP: dotted IPv4 (no leading zeros) or IPv6 (`::` once, an IPv4 tail allowed, no zone). */
function isIP(ip: string): boolean {
  const v4 = (s: string) => /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/.test(s);
  if (v4(ip)) return true;
  const halves = ip.split('::');
  if (halves.length > 2) return false;
  const groups = (h: string) => (h === '' ? [] : h.split(':'));
  const all = halves.flatMap(groups);
  let count = all.length;
  const last = all[all.length - 1];
  if (last !== undefined && last.includes('.')) {
    if (!v4(last)) return false;
    all.pop();
    count += 1;
  }
  if (!all.every((g) => /^[0-9a-fA-F]{1,4}$/.test(g))) return false;
  return halves.length === 2 ? count < 8 : count === 8;
}

/**
 * What fails a build that runs the ONBUILD trigger `trigger`, as written (words with variables left
 * out): BuildKit parses a trigger only in a build that inherits it, so its instruction parser's
 * first error, else its RUN mounts' and its dispatch's refusals.
 */
export function triggerProblemsAsWritten(trigger: Instruction, file: Dockerfile): { message: string; range: SourceRange }[] {
  // These are refused by the ONBUILD's own parse, which fails every build of the file already.
  if (trigger.keyword === 'ONBUILD' || trigger.keyword === 'FROM' || trigger.keyword === 'MAINTAINER') return [];
  const parseError = instructionError(trigger);
  if (parseError) return [parseError];
  const out: { message: string; range: SourceRange }[] = [];
  if (trigger.keyword === 'RUN') {
    for (const f of trigger.flags) {
      if (f.name !== 'mount' || f.value === null || f.value.includes('$')) continue;
      const parsed = parseMount(f.value, (value) => ({ value }), null);
      if ('error' in parsed) out.push({ message: parsed.error, range: f.valueRange ?? f.range });
    }
  }
  out.push(...refusalsAsWritten(trigger, file));
  return out;
}

/** A word as the build reads it when it holds no variable (quotes removed); undefined when it does. */
function plainValue(word: string, file: Dockerfile): string | undefined {
  if (word.includes('$')) return undefined;
  try {
    return processWord(word, new Map(), { escapeToken: file.escapeChar });
  } catch {
    return undefined;
  }
}
