// Binary search over data in increasing order.

/**
 * How many leading indexes of `0..length-1` satisfy `before` (which must hold for a prefix and then
 * never again): the first index where it fails, found in O(log length) tests.
 */
export function prefixLength(length: number, before: (i: number) => boolean): number {
  let lo = 0;
  let hi = length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (before(mid)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
