import type { DemoSummary } from '@socket-playground/protocol';
import { useMemo } from 'react';
import { queueChart, queueLabel, stairCharts, type Plot, type StairChart } from '../../demos/demo-charts.ts';
import { bytesText, count, msText, serverName } from '../../demos/demo-sentences.ts';

/* The results' charts, hand-written SVG from the geometry in demos/demo-charts.ts. */

const QUEUE_PLOT: Plot = { width: 640, height: 236, left: 62, right: 18, top: 24, bottom: 30 };

type SendallSummary = Extract<DemoSummary, { demo: 'sendall' }>;

/**
 * The sendall demonstration over time. The coloured bands are the bytes written but not read
 * yet, stacked by where they wait (the reader's kernel, the sender's kernel, Node); the line is
 * what the reader has read. Same scale for all, 0 to everything sent.
 */
export function QueueChart({ summary }: { summary: SendallSummary }) {
  const chart = useMemo(() => queueChart(summary, QUEUE_PLOT), [summary]);
  const { plot } = chart;
  const bottom = plot.height - plot.bottom;
  const right = plot.width - plot.right;
  // The marker's label (about 140 units wide) goes left of the line when it would not fit right of it.
  const nearRight = chart.readerX + 145 > plot.width;
  return (
    <figure className="demo-chart" data-testid="demo-chart" data-chart="queues">
      <figcaption className="demo-chart-title">
        Where the {bytesText(summary.totalBytes)} were, over time <span className="muted">· bands: written but not read yet, by where they wait</span>
      </figcaption>
      <svg
        className="demo-svg"
        viewBox={`0 0 ${plot.width} ${plot.height}`}
        role="img"
        aria-label={`Queues over time: Node's queue up to ${bytesText(summary.maxAppQueued)}; the reader wakes at ${Math.round(summary.readerStartedMs)} ms`}
      >
        {chart.yTicks.map((t) => (
          <g key={`y${t.label}`} className="demo-grid">
            <line x1={plot.left} x2={right} y1={t.at} y2={t.at} />
            <text x={plot.left - 6} y={t.at} dy="0.32em" textAnchor="end">
              {t.label}
            </text>
          </g>
        ))}
        {chart.xTicks.map((t) => (
          <text key={`x${t.label}`} className="demo-axis-label" x={t.at} y={bottom + 18} textAnchor="middle">
            {t.label}
          </text>
        ))}
        {chart.areas.map((a) => (
          <polygon key={a.key} className={`demo-area demo-area-${a.key}`} points={a.points}>
            <title>{a.label}</title>
          </polygon>
        ))}
        <polyline className="demo-read" points={chart.readLine}>
          <title>bytes the reader has read</title>
        </polyline>
        <line className="demo-axis" x1={plot.left} x2={right} y1={bottom} y2={bottom} />
        <g className="demo-marker">
          <line x1={chart.readerX} x2={chart.readerX} y1={plot.top - 6} y2={bottom} />
          <text x={chart.readerX + (nearRight ? -5 : 5)} y={plot.top - 10} textAnchor={nearRight ? 'end' : 'start'}>
            reader wakes, {Math.round(summary.readerStartedMs)} ms
          </text>
        </g>
      </svg>
      <ul className="demo-legend">
        {[...chart.areas].reverse().map((a) => (
          <li key={a.key}>
            <span className={`demo-swatch demo-swatch-${a.key}`} aria-hidden="true" />
            {queueLabel(a.key)}
          </li>
        ))}
        <li>
          <span className="demo-swatch demo-swatch-read" aria-hidden="true" />
          bytes the reader has read
        </li>
        {!chart.kernelKnown && <li className="muted">the kernel’s queues cannot be read on this system</li>}
      </ul>
    </figure>
  );
}

const STAIR_PLOT: Plot = { width: 320, height: 184, left: 52, right: 14, top: 26, bottom: 28 };

type ManyClientsSummary = Extract<DemoSummary, { demo: 'many-clients' }>;
type Run = ManyClientsSummary['runs'][number];

function Stairs({ chart, run }: { chart: StairChart; run: Run }) {
  const { plot } = chart;
  const bottom = plot.height - plot.bottom;
  const right = plot.width - plot.right;
  return (
    <figure className={`demo-chart demo-stairs demo-stairs-${run.server}`} data-testid="demo-chart" data-chart="stairs" data-server={run.server}>
      <figcaption>
        <strong>{serverName(run.server)}</strong>
        <span className="demo-stairs-numbers" data-testid="demo-run-numbers">
          <span>
            <b>{msText(run.totalMs)}</b> in all
          </span>
          <span>
            at most <b>{count(run.maxConcurrent)}</b> at once
          </span>
          {run.failed > 0 && <span className="demo-failed">{count(run.failed)} failed</span>}
        </span>
      </figcaption>
      <svg
        className="demo-svg"
        viewBox={`0 0 ${plot.width} ${plot.height}`}
        role="img"
        aria-label={`${serverName(run.server)}: the last echo came back after ${chart.last.label}`}
      >
        {chart.yTicks.map((t) => (
          <g key={t.label} className="demo-grid">
            <line x1={plot.left} x2={right} y1={t.at} y2={t.at} />
            <text x={plot.left - 6} y={t.at} dy="0.32em" textAnchor="end">
              {t.label}
            </text>
          </g>
        ))}
        <polygon className="demo-stair-area" points={chart.area} />
        <polyline className="demo-stair-line" points={chart.line} />
        <line className="demo-axis" x1={plot.left} x2={right} y1={bottom} y2={bottom} />
        <text className="demo-axis-label" x={plot.left} y={bottom + 17}>
          1
        </text>
        <text className="demo-axis-label" x={right} y={bottom + 17} textAnchor="end">
          {count(chart.clients)}
        </text>
        <text className="demo-axis-label" x={(plot.left + right) / 2} y={bottom + 17} textAnchor="middle">
          clients, in the order served →
        </text>
        <text className="demo-stair-last" x={right - 2} y={chart.last.y - 7} textAnchor="end">
          last echo {chart.last.label}
        </text>
      </svg>
    </figure>
  );
}

/** The many-clients runs side by side on one time scale: a staircase, and a flat line. */
export function StairCharts({ summary }: { summary: ManyClientsSummary }) {
  const charts = useMemo(() => stairCharts(summary.runs, STAIR_PLOT), [summary]);
  return (
    <div className="demo-stairs-row">
      <p className="demo-strips-title">Milliseconds until each client got its echo, sorted (same scale for both)</p>
      {charts.map((chart, i) => {
        const run = summary.runs[i];
        return run ? <Stairs key={run.server} chart={chart} run={run} /> : null;
      })}
    </div>
  );
}
