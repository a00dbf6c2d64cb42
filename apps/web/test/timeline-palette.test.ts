import { describe, expect, it } from 'vitest';
import { enBytes } from '../src/i18n/en/bytes.ts';
import { zhBytes } from '../src/i18n/zh/bytes.ts';
import type { Lang } from '../src/i18n/prefs.ts';
import { drawTimeline, type TimelineLabels } from '../src/ui/bytes/timeline-draw.ts';
import { DARK_PALETTE, LIGHT_PALETTE, timelinePalette, type TimelinePalette } from '../src/ui/bytes/timeline-palette.ts';
import { buildStreams } from '../src/timeline/stream-builder.ts';
import { layoutRows } from '../src/timeline/timeline-layout.ts';
import { fitView } from '../src/timeline/time-view.ts';
import { contrast, over } from './contrast.ts';
import { echoSession } from './flow-fixtures.ts';

/** A canvas context that records what is painted: every fillRect's colour and every fillText. */
function recorder() {
  const rects: Array<{ fill: string; x: number; y: number; w: number; h: number }> = [];
  const texts: Array<{ text: string; fill: string }> = [];
  const ctx = {
    fillStyle: '' as string,
    strokeStyle: '' as string,
    lineWidth: 1,
    font: '',
    textBaseline: 'alphabetic',
    textAlign: 'left',
    save() {},
    restore() {},
    beginPath() {},
    rect() {},
    clip() {},
    moveTo() {},
    lineTo() {},
    stroke() {},
    setLineDash() {},
    clearRect() {},
    strokeRect() {},
    fillRect(x: number, y: number, w: number, h: number) {
      rects.push({ fill: ctx.fillStyle, x, y, w, h });
    },
    fillText(text: string) {
      texts.push({ text, fill: ctx.fillStyle });
    },
    measureText(text: string) {
      return { width: text.length * 6 };
    },
  };
  return { ctx: ctx as unknown as CanvasRenderingContext2D, rects, texts };
}

const labelsOf = (m: typeof enBytes): TimelineLabels => ({ axis: m.timeAxis, send: m.laneSend, recv: m.laneRecv, state: m.state });

function draw(palette: TimelinePalette, lang: Lang, cursorAt: ((first: number, last: number) => number) | null = null) {
  const { r } = echoSession();
  const model = buildStreams(r.events);
  const rec = recorder();
  drawTimeline({
    ctx: rec.ctx,
    width: 900,
    height: 300,
    layout: layoutRows(model.connections, [0, 1]),
    scrollTop: 0,
    view: fitView(model.firstT, model.lastT),
    maxBytes: model.maxBytes,
    origin: model.firstT ?? 0,
    selected: null,
    matches: new Set(),
    hits: null,
    focusConn: null,
    cursorT: cursorAt && model.firstT !== null && model.lastT !== null ? cursorAt(model.firstT, model.lastT) : null,
    cursorSeq: null,
    palette,
    labels: labelsOf(lang === 'zh' ? zhBytes : enBytes),
    lang,
  });
  return rec;
}

describe('the replay position on the byte timeline', () => {
  it('live: no line, no veil', () => {
    const { rects } = draw(LIGHT_PALETTE, 'en');
    expect(rects.filter((r) => r.fill === LIGHT_PALETTE.replayVeil || r.fill === LIGHT_PALETTE.replayLine)).toEqual([]);
  });

  it('at a past call: a line at its time, and a veil from there to the right edge over the rows (not the axis)', () => {
    for (const palette of [LIGHT_PALETTE, DARK_PALETTE]) {
      const { rects } = draw(palette, 'en', (first, last) => (first + last) / 2);
      const veil = rects.filter((r) => r.fill === palette.replayVeil);
      const line = rects.filter((r) => r.fill === palette.replayLine);
      expect(veil).toHaveLength(1);
      expect(line).toHaveLength(1);
      // The veil starts just right of the line and runs to the canvas's right edge (900 px).
      expect(veil[0]!.x).toBe(line[0]!.x + 2);
      expect(veil[0]!.x + veil[0]!.w).toBe(900);
      // Half way through the session: about the middle of the plot, right of the gutter.
      expect(line[0]!.x).toBeGreaterThan(300);
      expect(line[0]!.x).toBeLessThan(800);
      expect(veil[0]!.y).toBeGreaterThan(0);
    }
  });

  it('the line is a graphic that stands out from the lanes (3:1)', () => {
    for (const palette of [LIGHT_PALETTE, DARK_PALETTE]) expect(contrast(palette.replayLine, palette.lane)).toBeGreaterThanOrEqual(3);
  });
});

describe('the byte timeline’s palettes', () => {
  it('picks the palette of the theme', () => {
    expect(timelinePalette('light')).toBe(LIGHT_PALETTE);
    expect(timelinePalette('dark')).toBe(DARK_PALETTE);
    expect(Object.keys(DARK_PALETTE).sort()).toEqual(Object.keys(LIGHT_PALETTE).sort());
  });

  it('keeps the light look: white axis, the header and lane greys, blue and amber directions', () => {
    expect(LIGHT_PALETTE).toMatchObject({ axis: '#fff', head: '#f3f5f9', headFocused: '#e8f0ff', lane: '#f8fafc', dir: ['#2563eb', '#d97706'] });
  });

  it('has a dark ground and readable text on it in the dark palette', () => {
    for (const ground of [DARK_PALETTE.axis, DARK_PALETTE.head, DARK_PALETTE.headFocused, DARK_PALETTE.lane]) {
      expect(contrast(ground, '#000000')).toBeLessThan(1.8);
      for (const text of [DARK_PALETTE.text, DARK_PALETTE.muted, DARK_PALETTE.faint]) expect(contrast(text, ground)).toBeGreaterThanOrEqual(4.5);
    }
    for (const mark of [DARK_PALETTE.reset, DARK_PALETTE.close]) expect(contrast(mark, DARK_PALETTE.lane)).toBeGreaterThanOrEqual(4.5);
  });

  // Where timeline-draw.ts writes text. The gutter left of the lanes is not painted: it is the pane
  // behind the canvas (--panel), the same colour as the axis strip in both palettes.
  //   text:  a connection's name on its header row (plain or focused); a direction's name in the gutter.
  //   muted: who, the addresses and the state on the header row; the tick labels on the axis strip.
  //   faint: the axis's name on the axis strip; the byte count and "send ▲" / "recv ▼" in the gutter.
  const textGrounds = (p: TimelinePalette) => ({
    text: [p.axis, p.head, p.headFocused],
    muted: [p.axis, p.head, p.headFocused],
    faint: [p.axis],
  });

  it('has readable text in the light palette, on the grounds it is drawn on', () => {
    for (const [key, grounds] of Object.entries(textGrounds(LIGHT_PALETTE)) as Array<['text' | 'muted' | 'faint', string[]]>) {
      for (const ground of grounds) expect(contrast(LIGHT_PALETTE[key], ground), `${key} ${LIGHT_PALETTE[key]} on ${ground}`).toBeGreaterThanOrEqual(4.5);
    }
    // Still a step from strong to faint, as before.
    expect(contrast(LIGHT_PALETTE.text, LIGHT_PALETTE.axis)).toBeGreaterThan(contrast(LIGHT_PALETTE.muted, LIGHT_PALETTE.axis));
    expect(contrast(LIGHT_PALETTE.muted, LIGHT_PALETTE.axis)).toBeGreaterThan(contrast(LIGHT_PALETTE.faint, LIGHT_PALETTE.axis));
  });

  it('keeps a mark’s label ("close (peer)", "EOF", "RST") readable over whatever its label box covers', () => {
    // The label is written in the mark's colour on labelBg, which is translucent: under it can be
    // the lane, a recv block (soft), a send block (dir) or a search hit's halo.
    for (const p of [LIGHT_PALETTE, DARK_PALETTE]) {
      const unders = [p.lane, ...p.soft, ...p.dir, p.hit];
      for (const under of unders) {
        const ground = over(p.labelBg, under);
        for (const mark of [p.close, p.reset]) expect(contrast(mark, ground), `${mark} on ${p.labelBg} over ${under}`).toBeGreaterThanOrEqual(4.5);
      }
    }
  });

  it('paints with the palette it is given', () => {
    for (const palette of [LIGHT_PALETTE, DARK_PALETTE]) {
      const { rects, texts } = draw(palette, 'en');
      const axis = rects.find((r) => r.x === 0 && r.y === 0);
      expect(axis?.fill).toBe(palette.axis);
      expect(rects.some((r) => r.fill === palette.head)).toBe(true);
      expect(rects.some((r) => r.fill === palette.lane)).toBe(true);
      expect(rects.some((r) => r.fill === palette.dir[0])).toBe(true);
      expect(texts.find((t) => t.text === 'c1')?.fill).toBe(palette.text);
      const other = palette === LIGHT_PALETTE ? DARK_PALETTE : LIGHT_PALETTE;
      expect(rects.some((r) => r.fill === other.axis || r.fill === other.head)).toBe(false);
    }
  });
});

describe('the byte timeline’s words', () => {
  it('draws the English labels', () => {
    const texts = draw(LIGHT_PALETTE, 'en').texts.map((t) => t.text);
    expect(texts).toContain('time since the first call');
    expect(texts).toContain('client → server');
    expect(texts).toContain('send ▲');
    expect(texts.some((t) => t.startsWith('cli1 ⇄ srv1 · ') && t.endsWith(' · closed'))).toBe(true);
    expect(texts).toContain('close (local)');
    expect(texts).toContain('EOF');
  });

  it('draws the Chinese labels, API names and EOF unchanged', () => {
    const texts = draw(DARK_PALETTE, 'zh').texts.map((t) => t.text);
    expect(texts).toContain('从第一次调用起的时间');
    expect(texts).toContain('客户端 → 服务器');
    expect(texts).toContain('服务器 → 客户端');
    expect(texts).toContain('send ▲');
    expect(texts).toContain('recv ▼');
    expect(texts.some((t) => t.startsWith('cli1 ⇄ srv1 · ') && t.endsWith(' · 已关闭'))).toBe(true);
    expect(texts).toContain('close（本端）');
    expect(texts).toContain('close（对端）');
    expect(texts).toContain('EOF');
    expect(texts.join(' ')).not.toMatch(/time since|client → server|closed|local\)/);
  });
});
