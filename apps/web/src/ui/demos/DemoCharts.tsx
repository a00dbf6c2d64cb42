import type { DemoSummary } from '@socket-playground/protocol';
import { useMemo } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { queueChart, stairCharts, type Plot, type StairChart } from '../../demos/demo-charts.ts';
import { bytesTextIn, count, msText, serverName } from '../../demos/demo-sentences.ts';
import { currentLang } from '../../i18n/i18n.ts';

/* The results' charts, hand-written SVG from the geometry in demos/demo-charts.ts. */

const QUEUE_PLOT: Plot = { width: 640, height: 236, left: 62, right: 18, top: 24, bottom: 30 };

type SendallSummary = Extract<DemoSummary, { demo: 'sendall' }>;

/**
 * The sendall demonstration over time. The coloured bands are the bytes written but not read
 * yet, stacked by where they wait (the reader's kernel, the sender's kernel, Node); the line is
 * what the reader has read. Same scale for all, 0 to everything sent.
 */
export function QueueChart({ summary }: { summary: SendallSummary }) {
  const { t, i18n } = useTranslation();
  const lang = currentLang(i18n);
  const chart = useMemo(() => queueChart(summary, QUEUE_PLOT), [summary]);
  const { plot } = chart;
  const bottom = plot.height - plot.bottom;
  const right = plot.width - plot.right;
  // The marker's label (about 140 units wide) goes left of the line when it would not fit right of it.
  const nearRight = chart.readerX + 145 > plot.width;
  return (
    <figure className="demo-chart" data-testid="demo-chart" data-chart="queues">
      <figcaption className="demo-chart-title">
        {t('demos.chart.where', { bytes: bytesTextIn(summary.totalBytes, lang) })} <span className="muted">{t('demos.chart.bands')}</span>
      </figcaption>
      <svg
        className="demo-svg"
        viewBox={`0 0 ${plot.width} ${plot.height}`}
        role="img"
        aria-label={t('demos.chart.queuesAria', { bytes: bytesTextIn(summary.maxAppQueued, lang), ms: Math.round(summary.readerStartedMs) })}
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
            <title>{t(`demos.queue.${a.key}`)}</title>
          </polygon>
        ))}
        <polyline className="demo-read" points={chart.readLine}>
          <title>{t('demos.chart.readerRead')}</title>
        </polyline>
        <line className="demo-axis" x1={plot.left} x2={right} y1={bottom} y2={bottom} />
        <g className="demo-marker">
          <line x1={chart.readerX} x2={chart.readerX} y1={plot.top - 6} y2={bottom} />
          <text x={chart.readerX + (nearRight ? -5 : 5)} y={plot.top - 10} textAnchor={nearRight ? 'end' : 'start'}>
            {t('demos.chart.readerWakes', { ms: Math.round(summary.readerStartedMs) })}
          </text>
        </g>
      </svg>
      <ul className="demo-legend">
        {[...chart.areas].reverse().map((a) => (
          <li key={a.key}>
            <span className={`demo-swatch demo-swatch-${a.key}`} aria-hidden="true" />
            {t(`demos.queue.${a.key}`)}
          </li>
        ))}
        <li>
          <span className="demo-swatch demo-swatch-read" aria-hidden="true" />
          {t('demos.chart.readerRead')}
        </li>
        {!chart.kernelKnown && <li className="muted">{t('demos.chart.noKernel')}</li>}
      </ul>
    </figure>
  );
}

const STAIR_PLOT: Plot = { width: 320, height: 184, left: 52, right: 14, top: 26, bottom: 28 };

type ManyClientsSummary = Extract<DemoSummary, { demo: 'many-clients' }>;
type Run = ManyClientsSummary['runs'][number];

function Stairs({ chart, run }: { chart: StairChart; run: Run }) {
  const { t, i18n } = useTranslation();
  const name = serverName(run.server, currentLang(i18n));
  const { plot } = chart;
  const bottom = plot.height - plot.bottom;
  const right = plot.width - plot.right;
  return (
    <figure className={`demo-chart demo-stairs demo-stairs-${run.server}`} data-testid="demo-chart" data-chart="stairs" data-server={run.server}>
      <figcaption>
        <strong>{name}</strong>
        <span className="demo-stairs-numbers" data-testid="demo-run-numbers">
          <span>
            <Trans i18nKey="demos.chart.total" values={{ ms: msText(run.totalMs) }} components={{ b: <b /> }} />
          </span>
          <span>
            <Trans i18nKey="demos.chart.max" values={{ n: count(run.maxConcurrent) }} components={{ b: <b /> }} />
          </span>
          {run.failed > 0 && <span className="demo-failed">{t('demos.chart.failed', { n: count(run.failed) })}</span>}
        </span>
      </figcaption>
      <svg
        className="demo-svg"
        viewBox={`0 0 ${plot.width} ${plot.height}`}
        role="img"
        aria-label={t('demos.chart.lastAria', { server: name, ms: chart.last.label })}
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
          {t('demos.chart.order')}
        </text>
        <text className="demo-stair-last" x={right - 2} y={chart.last.y - 7} textAnchor="end">
          {t('demos.chart.lastEcho', { ms: chart.last.label })}
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
