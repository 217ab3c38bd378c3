// The output formats of `dockhand lint`, by name.
import { formatCheckstyle } from './checkstyle.js';
import { formatCodacy } from './codacy.js';
import { formatCodeclimate, formatGitlab } from './codeclimate.js';
import { formatGithub } from './github.js';
import { formatGnu } from './gnu.js';
import { formatJson } from './json.js';
import { formatJunit } from './junit.js';
import { formatSarif } from './sarif.js';
import { formatSonarqube } from './sonarqube.js';
import { formatStylish } from './stylish.js';
import type { Formatter } from './types.js';

export type { FileReport, FormatOptions, Formatter } from './types.js';

/** Every format `--format` accepts. */
export const FORMATTERS: Record<string, Formatter> = {
  stylish: formatStylish,
  json: formatJson,
  sarif: formatSarif,
  checkstyle: formatCheckstyle,
  codeclimate: formatCodeclimate,
  gitlab: formatGitlab,
  gnu: formatGnu,
  github: formatGithub,
  sonarqube: formatSonarqube,
  junit: formatJunit,
  codacy: formatCodacy,
};
