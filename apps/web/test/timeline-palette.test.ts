import { describe, expect, it } from 'vitest';
import { enBytes } from '../src/i18n/en/bytes.ts';
import { zhBytes } from '../src/i18n/zh/bytes.ts';
import type { Lang } from '../src/i18n/prefs.ts';
import { drawTimeline, type TimelineLabels } from '../src/ui/bytes/timeline-draw.ts';
import { DARK_PALETTE, LIGHT_PALETTE, timelinePalette, type TimelinePalette } from '../src/ui/bytes/timeline-palette.ts';
import { buildStreams } from '../src/timeline/stream-builder.ts';
import { layoutRows } from '../src/timeline/timeline-layout.ts';
import { fitView } from '../src/timeline/time-view.ts';
import { echoSession } from './flow-fixtures.ts';

/** WCAG contrast of two "#rrggbb" colours. */
function contrast(a: string, b: string): number {
  const lum = (hex: string) => {
    const h = hex.length === 4 ? hex.replace(/\w/g, (c) => c + c) : hex;
    const [r, g, bl] = [1, 3, 5].map((i) => {
      const c = parseInt(h.slice(i, i + 2), 16) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * bl!;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

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

function draw(palette: TimelinePalette, lang: Lang) {
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
    palette,
    labels: labelsOf(lang === 'zh' ? zhBytes : enBytes),
    lang,
  });
  return rec;
}

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
