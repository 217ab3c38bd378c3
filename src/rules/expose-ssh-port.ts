// DH010: EXPOSE 22 — an SSH server in a container (Trivy DS004, Checkov CKV_DOCKER_1).
import { defineRule } from './types.js';
import { instructionsWithTriggers } from './utils/instructions.js';

/** `22`, `22/tcp`, `22/udp`, or a port range that contains 22 (`20-25`). */
function exposes22(item: string): boolean {
  const m = /^(\d+)(?:-(\d+))?(?:\/(tcp|udp|sctp))?$/i.exec(item);
  if (!m) return false;
  const low = Number(m[1]);
  const high = m[2] === undefined ? low : Number(m[2]);
  return low <= 22 && 22 <= high;
}

export default defineRule({
  code: 'DH010',
  name: 'expose-ssh-port',
  aliases: ['DS004', 'CKV_DOCKER_1'],
  severity: 'warning',
  origin: 'dockhand',
  fixable: 'none',
  docs: {
    summary: 'Do not expose port 22 (SSH) from a container.',
    why:
      'Port 22 means an SSH server in the container: one more daemon to patch, credentials to manage, and a way in ' +
      'that bypasses the container runtime. `docker exec` (or `kubectl exec`) gives a shell without it.',
    bad: 'FROM debian:12\nEXPOSE 22\n',
    good: 'FROM debian:12\nEXPOSE 8080\n',
    fix: 'Remove port 22 from EXPOSE and the SSH server from the image; use `docker exec` to get a shell.',
    notes:
      'Like Trivy, `22`, `22/tcp` and `22/udp` count; dockhand also counts the protocol in any case (`22/TCP`), ' +
      '`22/sctp` and port ranges that contain 22 (`20-25`), which Trivy and Checkov let through. Checkov does not ' +
      'count `22/udp`.',
  },
  check(ctx) {
    for (const ins of instructionsWithTriggers(ctx.file, 'EXPOSE')) {
      for (const arg of ins.args) {
        if (!exposes22(arg.value)) continue;
        ctx.report({ range: arg.range, message: `EXPOSE ${arg.value}: port 22 means an SSH server in the container; use \`docker exec\` for a shell instead` });
      }
    }
  },
});
