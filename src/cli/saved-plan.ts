// Plans saved by `dockhand plan --save` (one plan, or an array for several Dockerfiles), read back
// as baselines by `explain --baseline` and by the language server's code lens.
import type { Plan } from '../planner/types.js';

/** A saved plan, checked deeply enough that explain can walk it without surprises. */
export function isPlan(p: unknown): p is Plan {
  if (!p || typeof p !== 'object' || (p as Plan).version !== 1 || !Array.isArray((p as Plan).stages)) return false;
  return (p as Plan).stages.every((s) =>
    !!s && typeof s === 'object' && typeof s.index === 'number' && typeof s.baseKey === 'string' && Array.isArray(s.steps) &&
    s.steps.every((st) => !!st && typeof st.cacheKey === 'string' && typeof st.parentKey === 'string' && !!st.components && typeof st.components.instruction === 'string'));
}

/**
 * The plan for `dockerfile` among those saved in `json` (parsed): the one whose `dockerfile` is
 * that name, else any (a file saved for one Dockerfile). Undefined when none is a plan.
 */
export function pickPlan(json: unknown, dockerfile: (name: string) => boolean): Plan | undefined {
  const candidates = Array.isArray(json) ? json : [json];
  return (candidates.find((p) => isPlan(p) && dockerfile(p.dockerfile)) ?? candidates.find(isPlan)) as Plan | undefined;
}
