// Makes terminal control characters from a Dockerfile harmless in human-readable output: an ESC in
// a Dockerfile line must not clear or recolour the screen of whoever lints it.
import { lazy } from '../../core/lazy.js';

// C0 controls except tab, DEL, and the C1 controls (U+0080–U+009F; U+009B acts as CSI on some terminals).
const CONTROLS = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f]/g;

/**
 * `s` with each control character other than tab shown visibly: C0 controls and DEL as their
 * Unicode control pictures (ESC → ␛, one column wide, so code-frame carets stay aligned), C1
 * controls as `\u009b`-style escapes.
 */
export function visible(s: string): string {
  if (!hasControls(s)) return s;
  return s.replace(CONTROLS, (c) => {
    const code = c.charCodeAt(0);
    if (code < 0x20) return String.fromCharCode(0x2400 + code);
    if (code === 0x7f) return '\u2421';
    return `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/** True when `s` holds a character `visible` would replace. */
export function hasControls(s: string): boolean {
  CONTROLS.lastIndex = 0;
  const found = CONTROLS.test(s);
  CONTROLS.lastIndex = 0;
  return found;
}

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
