// Type declarations for untyped packages used by the label rules (utils/labels.ts).
declare module 'spdx-expression-parse' {
  /** Parses an SPDX license expression; throws on anything that is not one. */
  function parse(expression: string): unknown;
  export default parse;
}
