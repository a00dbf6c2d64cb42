// eslint-disable-next-line no-restricted-imports -- the tests run in Node; reading the stylesheets is the point here.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { contrast, over } from './contrast.ts';

/**
 * The text the drawings write in SVG (call flow, lab topology, demo charts) reaches WCAG AA
 * (4.5:1) against what it is drawn on, in both themes. axe does not look at SVG text, so this
 * reads the colours straight from the stylesheets: the light ones from each drawing's own file
 * (`:root` variables and its rules), the dark ones from dark.css (`:root[data-theme='dark']`
 * variables and `:root[data-theme='dark'] <rule>` overrides).
 */

type Theme = 'light' | 'dark';
const DARK = ":root[data-theme='dark']";

interface Rule {
  selectors: string[];
  decls: Map<string, string>;
}

const read = (name: string) => readFileSync(new URL(`../src/styles/${name}`, import.meta.url), 'utf8');

/** The innermost `selector { declarations }` blocks of a stylesheet (those inside @media count too). */
function parse(css: string): Rule[] {
  const rules: Rule[] = [];
  for (const m of css.replace(/\/\*[\s\S]*?\*\//g, '').matchAll(/([^{}]+)\{([^{}]*)\}/g)) {
    const selectors = m[1]!.split(',').map((s) => s.trim().replace(/\s+/g, ' '));
    const decls = new Map<string, string>();
    for (const d of m[2]!.split(';')) {
      const at = d.indexOf(':');
      if (at > 0) decls.set(d.slice(0, at).trim(), d.slice(at + 1).trim());
    }
    rules.push({ selectors, decls });
  }
  return rules;
}

const sheets = {
  base: parse(read('base.css')),
  flow: parse(read('flow-svg.css')),
  topology: parse(read('lab-topology.css')),
  demos: parse(read('demos-result.css')),
  dark: parse(read('dark.css')),
};
const LIGHT_SHEETS = [sheets.base, sheets.flow, sheets.topology, sheets.demos];

/** The custom properties of a theme: the light `:root` ones, and for dark the dark.css ones on top. */
function variables(theme: Theme): Map<string, string> {
  const vars = new Map<string, string>();
  const take = (rules: Rule[], root: string) => {
    for (const r of rules) if (r.selectors.includes(root)) for (const [k, v] of r.decls) if (k.startsWith('--')) vars.set(k, v);
  };
  for (const rules of LIGHT_SHEETS) take(rules, ':root');
  if (theme === 'dark') take(sheets.dark, DARK);
  return vars;
}
const VARS = { light: variables('light'), dark: variables('dark') };

/** A value with its var() references replaced, in a theme. */
function resolve(value: string, theme: Theme): string {
  const v = value.trim();
  const ref = /^var\((--[\w-]+)\)$/.exec(v)?.[1];
  if (!ref) return v;
  const to = VARS[theme].get(ref);
  if (to === undefined) throw new Error(`${ref} is not set in the ${theme} theme`);
  return resolve(to, theme);
}

/** A property of a rule (the selector as written in the stylesheet), in a theme: a dark.css override wins in dark. */
function prop(selector: string, name: string, theme: Theme): string {
  const find = (rules: Rule[], sel: string) => rules.filter((r) => r.selectors.includes(sel) && r.decls.has(name)).at(-1)?.decls.get(name);
  const dark = theme === 'dark' ? find(sheets.dark, `${DARK} ${selector}`) : undefined;
  const light = LIGHT_SHEETS.map((rules) => find(rules, selector)).find((x) => x !== undefined);
  const value = dark ?? light;
  if (value === undefined) throw new Error(`no ${name} for ${selector}`);
  return resolve(value, theme);
}
const fill = (selector: string, theme: Theme) => prop(selector, 'fill', theme);
const v = (name: string, theme: Theme) => resolve(`var(${name})`, theme);

/** A text colour and the grounds it can be drawn on, with where each comes from. */
interface Case {
  what: string;
  text: string;
  grounds: Array<[string, string]>;
}

function cases(theme: Theme): Case[] {
  const out: Case[] = [];
  const add = (what: string, text: string, grounds: Array<[string, string]>) => out.push({ what, text, grounds });
  const panel: [string, string] = ['--panel', v('--panel', theme)];

  // Call flow, the gutter (FlowFrame.tsx): its own svg, --flow-gutter-bg over the scroller's --flow-bg.
  const gutter: [string, string] = ['the gutter', over(v('--flow-gutter-bg', theme), v('--flow-bg', theme))];
  for (const sel of ['.gutter-seq', '.gutter-time', '.gutter-pause', '.gutter-now']) add(`flow ${sel}`, fill(sel, theme), [gutter]);

  // Call flow, text standing free in the drawing (FlowShapes.tsx): on --flow-bg, or on the band of a
  // selected or replayed row; a group's label hangs below its box, so it can fall inside the next
  // group's box (--flow-group-fill) too.
  const bg = v('--flow-bg', theme);
  const bands: Array<[string, string]> = [
    ['--flow-bg', bg],
    ['--flow-band-selected', v('--flow-band-selected', theme)],
    ['--flow-band-cursor', v('--flow-band-cursor', theme)],
  ];
  const free = bands.flatMap(([name, c]): Array<[string, string]> => [
    [name, c],
    [`--flow-group-fill over ${name}`, over(v('--flow-group-fill', theme), c)],
  ]);
  add('flow group label (.flow-group text)', fill('.flow-group text', theme), free);
  add('flow blocked-call text (.flow-block-text)', fill('.flow-block-text', theme), free);

  // Call flow, text with a halo (paint-order: stroke in --flow-halo): the halo is its ground.
  for (const sel of ['.handshake-label', '.accept-queue-label', '.lane-tag']) {
    expect(prop(sel, 'paint-order', theme), sel).toBe('stroke');
    add(`flow ${sel}`, fill(sel, theme), [['--flow-halo', prop(sel, 'stroke', theme)]]);
  }

  // Call flow, text on its own shape: the pill or label box under it.
  const onShape: Array<[string, string]> = [
    ['.flow-block-marker text', '.flow-block-marker rect'],
    ['.arrow-label text', '.arrow-label rect'],
    ['.arrow-fin .arrow-label text', '.arrow-label rect'],
    ['.arrow-rst .arrow-label text', '.arrow-label rect'],
    ...['socket', 'bind', 'listen', 'accept', 'connect', 'send', 'recv', 'close', 'error'].map((c): [string, string] => [`.fi-${c} text`, `.fi-${c} rect`]),
    ['.flow-item.tone-reset text', '.flow-item.tone-reset rect'],
    ['.flow-item.fi-error.tone-reset text', '.flow-item.fi-error.tone-reset rect'],
    // Lab topology (TopologyDiagram.tsx): the client pill, the listener pills, the cards.
    ['.topo-client text', '.topo-client rect'],
    ['.topo-listener text', '.topo-listener rect'],
    ['.topo-listener-planned text', '.topo-listener-planned rect'],
    ['.topo-listener-closed text', '.topo-listener-closed rect'],
    ['.topo-listener-failed text', '.topo-listener-failed rect'],
  ];
  for (const [text, shape] of onShape) add(text, fill(text, theme), [[shape, fill(shape, theme)]]);

  // Lab topology: a card's name and addresses on the card (plain, loopback, carrying a connection).
  const cards = ['.topo-chip rect', '.topo-chip-lo rect', '.topo-chip-hot rect'].map((s): [string, string] => [s, fill(s, theme)]);
  add('.topo-chip-name', fill('.topo-chip-name', theme), cards);
  add('.topo-chip-addr', fill('.topo-chip-addr', theme), cards);
  // A host's name and role on the host's box (plain, the server, a modelled-only neighbour).
  const hosts = ['.topo-host > rect', '.topo-host-server > rect', '.topo-host-modelled > rect'].map((s): [string, string] => [s, fill(s, theme)]);
  add('.topo-host-name', fill('.topo-host-name', theme), hosts);
  add('.topo-host-role', fill('.topo-host-role', theme), hosts);
  // A LAN's name and prefix beside its line, on the card around the drawing (.lab-card, --panel).
  add('.topo-lan text', fill('.topo-lan text', theme), [panel]);
  add('.topo-lan-name', fill('.topo-lan-name', theme), [panel]);

  // Demo charts (DemoCharts.tsx): axis labels, the marker's label and the last value, all outside
  // the plotted areas, on .demo-result: a gradient from a green tint to --panel.
  const gradient = /linear-gradient\((#[0-9a-f]+),/i.exec(prop('.demo-result', 'background', theme))?.[1];
  expect(gradient, '.demo-result gradient').toBeDefined();
  const result: Array<[string, string]> = [panel, ['.demo-result gradient top', gradient!]];
  for (const sel of ['.demo-grid text', '.demo-axis-label', '.demo-marker text', '.demo-stair-last']) add(sel, fill(sel, theme), result);
  return out;
}

describe('the demonstrations’ chart lines and areas stand out (3:1, for graphics)', () => {
  const stroke = (selector: string, theme: Theme) => prop(selector, 'stroke', theme);
  for (const theme of ['light', 'dark'] as const) {
    it(`in the ${theme} theme`, () => {
      const panel = v('--panel', theme);
      const areas = ['.demo-area-appQueued', '.demo-area-sendQueue', '.demo-area-recvQueue'].map((s): [string, string] => [s, fill(s, theme)]);
      const failures: string[] = [];
      const need = (what: string, a: string, b: string) => {
        const ratio = contrast(a, b);
        if (ratio < 3) failures.push(`${what}: ${a} on ${b} is ${ratio.toFixed(2)}:1`);
      };
      // The line of bytes read crosses the queue areas and runs on the panel beside them.
      const read = stroke('.demo-read', theme);
      need('.demo-read on --panel', read, panel);
      for (const [name, area] of areas) need(`.demo-read on ${name}`, read, area);
      // Each stair line against the area under it and the panel.
      need('.demo-stair-line on its area', stroke('.demo-stair-line', theme), fill('.demo-stair-area', theme));
      need('.demo-stair-line on --panel', stroke('.demo-stair-line', theme), panel);
      need('blocking .demo-stair-line on its area', stroke('.demo-stairs-blocking .demo-stair-line', theme), fill('.demo-stairs-blocking .demo-stair-area', theme));
      need('blocking .demo-stair-line on --panel', stroke('.demo-stairs-blocking .demo-stair-line', theme), panel);
      if (theme === 'dark') for (const [name, area] of areas) need(`${name} on --panel`, area, panel);
      expect(failures).toEqual([]);
    });
  }
});

describe('the drawings’ SVG text reaches AA contrast', () => {
  for (const theme of ['light', 'dark'] as const) {
    it(`in the ${theme} theme`, () => {
      const failures: string[] = [];
      for (const c of cases(theme)) {
        for (const [name, ground] of c.grounds) {
          const ratio = contrast(c.text, ground);
          if (ratio < 4.5) failures.push(`${c.what}: ${c.text} on ${name} (${ground}) is ${ratio.toFixed(2)}:1`);
        }
      }
      expect(failures).toEqual([]);
    });
  }

  it('reads the colours it means to check', () => {
    // The variables the brief names, in the light theme, and their dark overrides.
    expect(fill('.gutter-pause', 'light')).toBe(VARS.light.get('--flow-pause-text'));
    expect(fill('.gutter-now', 'light')).toBe(VARS.light.get('--flow-now-text'));
    expect(fill('.flow-group text', 'light')).toBe(VARS.light.get('--flow-group-text'));
    expect(fill('.gutter-pause', 'dark')).toBe(VARS.dark.get('--flow-pause-text'));
    expect(VARS.dark.get('--flow-pause-text')).not.toBe(VARS.light.get('--flow-pause-text'));
    expect(v('--flow-bg', 'light')).toMatch(/^#fff(fff)?$/);
    expect(contrast(v('--flow-bg', 'dark'), '#000000')).toBeLessThan(1.5);
    expect(cases('light').length).toBe(cases('dark').length);
    expect(cases('light').length).toBeGreaterThan(30);
  });
});
