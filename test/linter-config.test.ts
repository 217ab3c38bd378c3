// Config files: hadolint's keys, dockhand's keys, merge order, and errors that name file and line.
import { describe, expect, it } from 'vitest';
import { mergeConfig } from '../src/linter/config.js';
import { ConfigError, parseConfigText } from '../src/linter/config-yaml.js';

describe('.hadolint.yaml keys', () => {
  it('reads every key hadolint documents', () => {
    const text = [
      'ignored: [DL3008, DL3009]',
      'override:',
      '  error: [DL3001]',
      '  warning:',
      '    - DL3015',
      '  info: [DL3002]',
      '  style: [DL3003]',
      'trustedRegistries:',
      '  - docker.io',
      '  - my-company.com:5000',
      'label-schema:',
      '  author: text',
      '  url: url',
      'strict-labels: true',
      'disable-ignore-pragma: true',
      'failure-threshold: warning',
      'no-fail: false',
      'format: tty',
      'no-color: true',
      '',
    ].join('\n');
    const r = parseConfigText(text, '.hadolint.yaml', 'hadolint');
    expect(r.config).toEqual({
      ignored: ['DL3008', 'DL3009'],
      severity: { DL3001: 'error', DL3015: 'warning', DL3002: 'info', DL3003: 'style' },
      trustedRegistries: ['docker.io', 'my-company.com:5000'],
      labelSchema: { author: 'text', url: 'url' },
      strictLabels: true,
      disableIgnorePragma: true,
      failureThreshold: 'warning',
      noFail: false,
      format: 'stylish',
    });
    expect(r.noColor).toBe(true);
  });
  it('accepts none/ignore thresholds, gitlab_codeclimate, and ignores unknown hadolint keys', () => {
    const r = parseConfigText('failure-threshold: none\nformat: gitlab_codeclimate\nsomething-else: 1\n', '.hadolint.yaml', 'hadolint');
    expect(r.config).toEqual({ failureThreshold: 'none', format: 'gitlab' });
  });
  it('an empty file is an empty config', () => {
    expect(parseConfigText('', '.hadolint.yaml', 'hadolint').config).toEqual({});
    expect(parseConfigText('# only a comment\n', '.dockhand.yaml').config).toEqual({});
  });
});

describe('.dockhand.yaml keys', () => {
  it('reads rules: off / severity / settings, and check', () => {
    const r = parseConfigText('rules:\n  DL3059: off\n  DL3057: warning\n  DH001: { severity: error, max: 3 }\ncheck: "skip=all"\n', '.dockhand.yaml');
    expect(r.config).toEqual({
      severity: { DL3059: 'off', DL3057: 'warning', DH001: 'error' },
      ignored: [],
      settings: { DH001: { max: 3 } },
      check: 'skip=all',
    });
  });
});

describe('config errors name the file and line', () => {
  const err = (text: string, flavor: 'dockhand' | 'hadolint' = 'dockhand') => {
    try {
      parseConfigText(text, 'conf.yaml', flavor);
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      return (e as ConfigError).message;
    }
    throw new Error('expected a ConfigError');
  };
  it('YAML syntax errors', () => {
    expect(err('ignored: [DL3008\nformat: json\n')).toMatch(/^conf\.yaml:\d+:\d+: /);
  });
  it('wrong types, unknown values and unknown keys', () => {
    expect(err('ignored: DL3008\n')).toBe("conf.yaml:1:10: 'ignored' must be a list");
    expect(err('format: json\nfailure-threshold: loud\n')).toBe("conf.yaml:2:20: 'failure-threshold' must be one of error, warning, info, style, none");
    expect(err('override:\n  fatal: [DL1]\n')).toBe("conf.yaml:2:3: unknown severity 'fatal' in 'override' (use error, warning, info or style)");
    expect(err('strict-labels: yes please\n')).toBe("conf.yaml:1:16: 'strict-labels' must be true or false");
    expect(err('label-schema:\n  a: colour\n')).toContain("conf.yaml:2:6: unknown label type 'colour'");
    expect(err('ignore: [DL3008]\n')).toBe("conf.yaml:1:1: unknown key 'ignore'");
    expect(err('format: xml\n')).toContain("conf.yaml:1:9: unknown format 'xml'");
    expect(err('- a\n- b\n')).toBe('conf.yaml:1:1: the config must be a mapping of keys to values');
  });
  it('nesting deeper than any config needs is refused where it gets too deep, before the YAML parser recurses that far', () => {
    const n = 2000;
    // Flow collections, block sequences on one line, and a ladder of indented keys.
    expect(err(`${'['.repeat(n)}${']'.repeat(n)}\n`, 'hadolint')).toBe('conf.yaml:1:101: nested more than 100 levels deep');
    expect(err(`ignored: ${'{a: '.repeat(n)}1${'}'.repeat(n)}\n`)).toBe('conf.yaml:1:410: nested more than 100 levels deep');
    expect(err(`${'- '.repeat(n)}x\n`)).toBe('conf.yaml:1:101: nested more than 100 levels deep');
    const ladder = Array.from({ length: n }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n');
    expect(err(ladder)).toBe('conf.yaml:102:101: nested more than 100 levels deep');
    // What configs do nest, and brackets that close as they go, are read as usual.
    expect(err(`ignored: [${'[], '.repeat(n)}]\n`)).toBe("conf.yaml:1:11: 'ignored' entries must be strings");
    expect(parseConfigText(`override:\n  error:\n    - DL3008\nlabel-schema: {a: text, b: url}\n# ${'['.repeat(50)}\n`, 'conf.yaml', 'hadolint').config.severity).toEqual({ DL3008: 'error' });
  });
});

describe('mergeConfig', () => {
  it('concatenates lists and lets later scalars win (file, then command line)', () => {
    const m = mergeConfig({ ignored: ['A'], failureThreshold: 'warning', severity: { X: 'error' } }, { ignored: ['B'], failureThreshold: 'error' });
    expect(m.ignored).toEqual(['A', 'B']);
    expect(m.failureThreshold).toBe('error');
    expect(m.severity).toEqual({ X: 'error' });
    expect(mergeConfig().failureThreshold).toBe('info');
  });
});
