import { Link } from '../../../components/ui/link';
import { workflowHref } from '../../workflows/workflow-href';
import { describeOutcome, type ScheduleOutcome } from '../schedule-outcome';

/** The last action's result, with a link to the run it started. */
export function OutcomeNote({
  org,
  app,
  outcome,
}: {
  org: string;
  app: string;
  outcome: ScheduleOutcome;
}) {
  return (
    <p className="reason reason-ok" role="status" data-testid="schedule-outcome">
      {describeOutcome(outcome)}
      {outcome.kind === 'triggered' && (
        <>
          {' '}
          <Link className="mono" href={workflowHref(org, app, outcome.workflowId)}>
            {outcome.workflowId}
          </Link>
        </>
      )}
    </p>
  );
}
