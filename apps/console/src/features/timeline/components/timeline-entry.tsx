import type { TimelineEvent } from '@podium/protocol/rest';
import { Link } from '../../../components/ui/link';
import { useTimeZone } from '../../../lib/time-zone';
import { KIND_DISPLAY, timeOfDay, timelineLink } from '../timeline-entries';

/** One event on the axis: its time, kind (icon and words), application, summary and link. */
export function TimelineEntry({
  org,
  event,
  showApplication,
}: {
  org: string;
  event: TimelineEvent;
  showApplication: boolean;
}) {
  const zone = useTimeZone();
  const display = KIND_DISPLAY[event.kind];
  const link = timelineLink(org, event);
  return (
    <li className="timeline-entry" data-testid="timeline-entry" data-kind={event.kind}>
      <span className={`timeline-marker tone-${display.tone}`} aria-hidden="true">
        {display.icon}
      </span>
      <time dateTime={event.at} className="timeline-time mono">
        {timeOfDay(event.at, zone)}
      </time>
      <span className={`badge badge-${display.tone}`}>{display.label}</span>
      {showApplication && event.application && (
        <span className="mono timeline-app" data-testid="timeline-application">
          {event.application}
        </span>
      )}
      <span className="timeline-summary">{event.summary}</span>
      {link && (
        <Link href={link.href} className="timeline-link">
          {link.label}
        </Link>
      )}
    </li>
  );
}
