/** Colour arithmetic for the tests that check text contrast (WCAG 2): the canvas palettes and the drawings' CSS. */

/** [r, g, b, alpha] of "#rgb", "#rrggbb" or "rgba(r, g, b, a)" / "rgb(r, g, b)"; channels 0–255, alpha 0–1. */
function channels(color: string): [number, number, number, number] {
  const c = color.trim();
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(c)?.[1];
  if (hex) {
    const h = hex.length === 3 ? hex.replace(/./g, (x) => x + x) : hex;
    return [0, 2, 4].map((i) => parseInt(h.slice(i, i + 2), 16)).concat(1) as [number, number, number, number];
  }
  const fn = /^rgba?\(([^)]*)\)$/i.exec(c)?.[1];
  if (fn) {
    const [r = NaN, g = NaN, b = NaN, a = 1] = fn.split(',').map(Number);
    if ([r, g, b, a].every(Number.isFinite)) return [r, g, b, a];
  }
  throw new Error(`not a colour the tests read: ${color}`);
}

const toHex = (rgb: number[]) => `#${rgb.map((v) => Math.round(v).toString(16).padStart(2, '0')).join('')}`;

/** `top` painted over the opaque `under` (a translucent fill on its ground), as "#rrggbb". */
export function over(top: string, under: string): string {
  const [r, g, b, a] = channels(top);
  const u = channels(under);
  if (u[3] !== 1) throw new Error(`the ground must be opaque: ${under}`);
  return toHex([r, g, b].map((v, i) => v * a + u[i]! * (1 - a)));
}

/** WCAG relative luminance of an opaque colour. */
function luminance(color: string): number {
  const [r, g, b, a] = channels(color);
  if (a !== 1) throw new Error(`contrast needs opaque colours (flatten with over()): ${color}`);
  const [lr, lg, lb] = [r, g, b].map((v) => {
    const c = v / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * lr! + 0.7152 * lg! + 0.0722 * lb!;
}

/** WCAG contrast ratio of two opaque colours (1 to 21); AA asks 4.5 for text, 3 for graphics. */
export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}
