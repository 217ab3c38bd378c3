// Text for terminals: the columns a string takes (code-frame carets line up), and core's `visible`
// (control characters from a Dockerfile shown harmlessly), re-exported for the formatters.
import { lazy } from '../../core/lazy.js';

export { hasControls, visible } from '../../core/visible.js';

// Built on first use: most text is ASCII and never reaches them.
const zeroWidthClass = lazy(() => /[\p{Mn}\p{Me}\u200b-\u200f\u2060\ufeff]/u);
const wideClass = lazy(() => /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u{20000}-\u{3fffd}\p{Emoji_Presentation}]/u);

/**
 * Columns `s` takes on a terminal: East Asian wide and fullwidth characters and emoji count two,
 * combining marks and zero-width characters none, everything else one (so code-frame carets line up).
 */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) {
    const code = ch.codePointAt(0)!;
    if (code < 0x300) w++;
    else if (zeroWidthClass().test(ch)) continue;
    else w += wideClass().test(ch) ? 2 : 1;
  }
  return w;
}
