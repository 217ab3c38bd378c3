// Source positions shared by every layer: half-open UTF-16 offsets plus 1-based line/column.

/**
 * A range in a document. `start`/`end` are half-open offsets into the JS string
 * (UTF-16 code units). Lines and columns are 1-based; `endColumn` is exclusive.
 */
export interface SourceRange {
  start: number;
  end: number;
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}

/** A half-open offset span without line information (cheap to carry around). */
export interface Span {
  start: number;
  end: number;
}
