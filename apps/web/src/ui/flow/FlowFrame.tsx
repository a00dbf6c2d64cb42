import { useTranslation } from 'react-i18next';
import { laneInView } from '../../flow/flow-layout.ts';
import type { FlowLane, FlowRow } from '../../flow/flow-types.ts';
import { compactTime, pauseText } from '../../flow/labels.ts';
import type { Geometry } from './FlowShapes.tsx';

/** The frame around the drawing: lane headers (sticky at the top) and the seq/time gutter (sticky left). */

export const GUTTER_WIDTH = 64;
export const HEADER_HEIGHT = 56;

const KIND_TEXT = {
  server: 'calls.flow.kindServer',
  client: 'calls.flow.kindClient',
  'outside-client': 'calls.flow.kindOutside',
  'outside-server': 'calls.flow.kindOutside',
} as const satisfies Record<FlowLane['kind'], string>;

interface HeaderProps {
  lanes: readonly FlowLane[];
  g: Geometry;
  /** The newest row in view: a reused column is headed by the lane it holds there. */
  lastRow: number;
  selectedLane: string | null;
  onSelectLane: (lane: string) => void;
}

export function LaneHeaders({ lanes, g, lastRow, selectedLane, onSelectLane }: HeaderProps) {
  const { t } = useTranslation();
  const byKey = new Map(lanes.map((l) => [l.key, l]));
  const shown = g.layout.columns.map((column) => byKey.get(laneInView(column, byKey, lastRow) ?? '')).filter((l): l is FlowLane => l !== undefined);
  return (
    <>
      <div className="flow-corner" aria-hidden="true">
        <span>#</span>
        <span>{t('calls.flow.cornerTime')}</span>
      </div>
      <div className="flow-lanes" style={{ width: g.layout.width }}>
        {shown.map((lane) => {
          const ended = lane.endRow !== null && lane.endRow < lastRow;
          const cls = `flow-lane lane-${lane.kind}${lane.stepped ? ' lane-stepped' : ''}${ended ? ' lane-ended' : ''}${lane.key === selectedLane ? ' lane-selected' : ''}`;
          return (
            <button
              key={lane.key}
              type="button"
              className={cls}
              style={{ left: g.x(lane.key) - g.laneWidth / 2 + 4, width: g.laneWidth - 8 }}
              data-testid="flow-lane"
              data-lane={lane.key}
              data-kind={lane.kind}
              data-ended={ended ? 'true' : 'false'}
              aria-pressed={lane.key === selectedLane}
              title={t('calls.flow.laneTip', { lane: [lane.title, lane.address, ended ? t('calls.flow.ended') : null].filter(Boolean).join(' · ') })}
              onClick={() => onSelectLane(lane.key)}
            >
              <span className="flow-lane-title">{lane.title}</span>
              <span className="flow-lane-meta">
                <span className="mono">{lane.address ?? '…'}</span>
                <span className={ended ? 'flow-lane-state ended' : 'flow-lane-state'}>{ended ? t('calls.flow.ended') : t(KIND_TEXT[lane.kind])}</span>
              </span>
            </button>
          );
        })}
      </div>
    </>
  );
}

/** "#12  +3.456 s" per row, pauses, and "now" while something is still going on. */
export function FlowGutter({ rows, firstRow, g, originTs, nowLine }: { rows: readonly FlowRow[]; firstRow: number; g: Geometry; originTs: number | null; nowLine: boolean }) {
  const { t } = useTranslation();
  return (
    <svg className="flow-gutter" width={GUTTER_WIDTH} height={g.layout.height} aria-hidden="true">
      {g.layout.pauses.map((p) => (
        <text key={p.y} className="gutter-pause" x={GUTTER_WIDTH - 6} y={p.y} dy="0.35em" textAnchor="end">
          ⋯ {pauseText(p.ms)}
        </text>
      ))}
      {rows.map((row, i) => {
        const y = g.y(firstRow + i);
        return (
          <g key={row.seq}>
            <text className="gutter-seq" x={GUTTER_WIDTH - 6} y={y - 3} textAnchor="end">
              #{row.seq}
            </text>
            <text className="gutter-time" x={GUTTER_WIDTH - 6} y={y + 9} textAnchor="end">
              {compactTime(row.ts, originTs)}
            </text>
          </g>
        );
      })}
      {nowLine && (
        <text className="gutter-now" x={GUTTER_WIDTH - 6} y={g.layout.nowY} dy="0.35em" textAnchor="end">
          {t('calls.flow.now')}
        </text>
      )}
    </svg>
  );
}
