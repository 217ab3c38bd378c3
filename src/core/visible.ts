// Control characters from a Dockerfile shown harmlessly in human-readable output: an ESC in a
// Dockerfile line must not clear or recolour the screen of whoever reads the report.

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

/** `text` with `visible` applied to each of its lines (its line ends kept). */
export function visibleLines(text: string): string {
  if (!hasControls(text.replace(/\n/g, ''))) return text;
  return text.split('\n').map(visible).join('\n');
}

/** True when `s` holds a character `visible` would replace. */
export function hasControls(s: string): boolean {
  CONTROLS.lastIndex = 0;
  const found = CONTROLS.test(s);
  CONTROLS.lastIndex = 0;
  return found;
}
