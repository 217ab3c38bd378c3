// Lists the port specs of every EXPOSE in a stage (what BuildKit's dispatchExpose sees), with their ranges.
import type { SourceRange } from '../../core/range.js';
import type { Dockerfile, Instruction } from '../../parser/ast.js';
import { envBefore, inheritedTriggers } from './model.js';
import { expandWords } from './expansion.js';

/** One port spec of an EXPOSE instruction. */
export interface ExposedPort {
  /** The spec after variable expansion (what BuildKit checks). */
  spec: string;
  range: SourceRange;
  /** True when the spec is written literally in the source (no variables), so it can be edited in place. */
  literal: boolean;
  /** The EXPOSE instruction (BuildKit reports at its location). */
  ins: Instruction;
}

/** A port spec split as BuildKit's dispatchExpose does: `[[ip:]host:]port[/proto]`. */
export interface PortSpecParts {
  /** The IP address part (everything before the last two `:`), or ''. */
  ip: string;
  hostPort: string;
  /** The container port, before the first `/` of the last `:`-part. */
  port: string;
  /** The protocol as written after that `/` ('' when there is none). */
  proto: string;
  /**
   * False when BuildKit rejects the container part before any check looks at the spec: no port, or
   * a protocol other than tcp, udp or sctp in any case.
   */
  valid: boolean;
}

/** BuildKit's splitParts and splitProtoPort (dockerfile2llb/convert_expose.go). */
export function portSpecParts(spec: string): PortSpecParts {
  const parts = spec.split(':');
  const n = parts.length;
  const container = parts[n - 1]!;
  const hostPort = n >= 2 ? parts[n - 2]! : '';
  const ip = n >= 3 ? parts.slice(0, n - 2).join(':') : '';
  const slash = container.indexOf('/');
  const port = slash < 0 ? container : container.slice(0, slash);
  const proto = slash < 0 ? '' : container.slice(slash + 1);
  const valid = port !== '' && (proto === '' || VALID_PROTOS.has(proto.toLowerCase()));
  return { ip, hostPort, port, proto, valid };
}

const VALID_PROTOS = new Set(['tcp', 'udp', 'sctp']);

/**
 * Port specs of all EXPOSE instructions in stages, expanded with the stage's variables where they are
 * used; an ONBUILD EXPOSE where BuildKit runs it (a stage built FROM its stage), at that stage's FROM.
 */
export function exposePorts(file: Dockerfile): ExposedPort[] {
  const out: ExposedPort[] = [];
  for (const { stage, info } of inheritedTriggers(file)) {
    if (info.instruction.keyword !== 'EXPOSE') continue;
    for (const arg of info.instruction.args) {
      for (const spec of expandWords(file, arg.value, info.scope.env)) out.push({ spec, range: stage.from.range, literal: false, ins: stage.from });
    }
  }
  for (const stage of file.stages) {
    for (const ins of stage.instructions) {
      if (ins.keyword !== 'EXPOSE') continue;
      for (const arg of ins.args) {
        const literal = !arg.value.includes('$') && file.text.slice(arg.range.start, arg.range.end) === arg.value;
        if (literal) {
          out.push({ spec: arg.value, range: arg.range, literal, ins });
          continue;
        }
        for (const spec of expandWords(file, arg.value, envBefore(file, ins))) out.push({ spec, range: arg.range, literal: false, ins });
      }
    }
  }
  return out;
}
