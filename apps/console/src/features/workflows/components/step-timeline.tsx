'use client';

import type { WorkflowStep } from '@podium/protocol/rest';
import { Link } from '../../../components/ui/link';
import { Timestamp } from '../../../components/ui/timestamp';
import { formatElapsed } from '../../../lib/format';
import { layoutTimeline, timelineTicks, type TimelineBar } from '../step-timeline';
import { workflowHref } from '../workflow-href';

interface StepTimelineProps {
  org: string;
  app: string;
  steps: WorkflowStep[];
}

const STATE_WORDS: Record<TimelineBar['state'], string> = {
  done: 'done',
  failed: 'failed',
  running: 'running',
  sleeping: 'sleeping',
};

/**
 * The steps on one time axis: when each ran and for how long, failures in red, a sleep up to
 * its wake-up time, child workflows as links. Beside the steps table, which has the values.
 */
export function StepTimeline({ org, app, steps }: StepTimelineProps) {
  const { startMs, spanMs, bars, untimed } = layoutTimeline(steps, Date.now());
  if (bars.length === 0) {
    return <p className="muted">No step reported a start time yet.</p>;
  }
  return (
    <figure className="timeline" data-testid="step-timeline">
      <figcaption className="muted">
        From <Timestamp value={new Date(startMs).toISOString()} />, over{' '}
        {formatElapsed(spanMs) ?? '—'}
      </figcaption>
      <ol className="timeline-rows">
        {bars.map((bar) => (
          <li
            key={bar.step.stepId}
            className="timeline-row"
            data-testid="timeline-step"
            data-step-name={bar.step.stepName}
            data-state={bar.state}
          >
            <span className="timeline-label mono" title={bar.step.stepName}>
              {bar.step.stepId} · {bar.step.stepName}
            </span>
            <span className="timeline-track" aria-hidden="true">
              <span
                className={`timeline-bar timeline-${bar.state}`}
                style={{ left: `${bar.left}%`, width: `${bar.width}%` }}
              />
            </span>
            <span className="timeline-meta">
              <span data-testid="timeline-duration">{formatElapsed(bar.durationMs)}</span>
              {bar.state !== 'done' && (
                <span className={`timeline-word timeline-word-${bar.state}`}>
                  {STATE_WORDS[bar.state]}
                </span>
              )}
              {bar.wakeUpAt && (
                <span data-testid="timeline-wake-up">
                  wakes <Timestamp value={bar.wakeUpAt} />
                </span>
              )}
              {bar.step.childWorkflowId && (
                <Link
                  className="mono"
                  href={workflowHref(org, app, bar.step.childWorkflowId)}
                  aria-label={`Child workflow ${bar.step.childWorkflowId}`}
                >
                  child
                </Link>
              )}
            </span>
          </li>
        ))}
      </ol>
      <div className="timeline-axis" aria-hidden="true">
        <span />
        <span className="timeline-ticks">
          {timelineTicks(spanMs).map((offset) => (
            <span key={offset} style={{ left: `${(offset / Math.max(1, spanMs)) * 100}%` }}>
              +{formatElapsed(offset)}
            </span>
          ))}
        </span>
      </div>
      {untimed.length > 0 && (
        <p className="muted">
          Not timed: {untimed.map((s) => `${s.stepId} · ${s.stepName}`).join(', ')}
        </p>
      )}
    </figure>
  );
}
