import type { Theme } from '../../i18n/prefs.ts';

/**
 * The byte timeline's colours, one palette per theme. The canvas cannot read CSS variables as
 * it paints, so the palettes live here; index 0 is client → server (blue), 1 is server → client
 * (amber), as the swatches beside the lists (styles/bytes.css).
 */
export interface TimelinePalette {
  /** A direction's colour: send blocks, recv outlines, the gutter bar. */
  dir: readonly [string, string];
  /** A direction's pale colour: recv fills and the lane's middle line. */
  soft: readonly [string, string];
  text: string;
  muted: string;
  faint: string;
  /** The time axis strip. */
  axis: string;
  /** A connection's header row, and the one picked in the list. */
  head: string;
  headFocused: string;
  lane: string;
  grid: string;
  border: string;
  hit: string;
  selected: string;
  match: string;
  reset: string;
  close: string;
  /** Behind a mark's label ("close (peer)", "EOF"), so the blocks under it do not hide it. */
  labelBg: string;
  /** The replay's position (the Call flow tab's cursor): its line, and the veil over what came after. */
  replayLine: string;
  replayVeil: string;
}

export const LIGHT_PALETTE: TimelinePalette = {
  dir: ['#2563eb', '#d97706'],
  soft: ['#dbeafe', '#fef3c7'],
  text: '#1b2332',
  muted: '#5f6b7f',
  faint: '#6a768b',
  axis: '#fff',
  head: '#f3f5f9',
  headFocused: '#e8f0ff',
  lane: '#f8fafc',
  grid: '#eef1f5',
  border: '#dfe4ec',
  hit: '#facc15',
  selected: '#0f172a',
  match: '#16a34a',
  reset: '#c92020',
  close: '#5a687d',
  labelBg: 'rgba(255,255,255,0.85)',
  replayLine: '#be185d',
  replayVeil: 'rgba(255,255,255,0.72)',
};

/** The same meanings on the dark ground of styles/dark.css (--panel #171e2c); text at AA contrast or more. */
export const DARK_PALETTE: TimelinePalette = {
  dir: ['#60a5fa', '#f59e0b'],
  soft: ['#1e3a66', '#4a3410'],
  text: '#e4e9f2',
  muted: '#a3afc2',
  faint: '#909cb0',
  axis: '#171e2c',
  head: '#1f2839',
  headFocused: '#1d3157',
  lane: '#131a27',
  grid: '#1f2839',
  border: '#2c3649',
  hit: '#facc15',
  selected: '#f8fafc',
  match: '#4ade80',
  reset: '#f87575',
  close: '#94a3b8',
  labelBg: 'rgba(19,26,39,0.85)',
  replayLine: '#f472b6',
  replayVeil: 'rgba(23,30,44,0.72)',
};

export function timelinePalette(theme: Theme): TimelinePalette {
  return theme === 'dark' ? DARK_PALETTE : LIGHT_PALETTE;
}
