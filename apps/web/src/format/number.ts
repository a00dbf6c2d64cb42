/**
 * Numbers with thousands separators, as `n.toLocaleString('en-US')` writes them, from one cached
 * formatter: toLocaleString with a locale builds a new formatter per call, which shows up in the
 * page's profile when thousands of rows a second show byte counts. Both languages group this way.
 */
const grouped = new Intl.NumberFormat('en-US');

export function groupDigits(n: number): string {
  return grouped.format(n);
}
