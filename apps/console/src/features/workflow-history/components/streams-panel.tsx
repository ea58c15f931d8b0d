'use client';

import { useQuery } from '@tanstack/react-query';
import { CopyButton } from '../../../components/ui/copy-button';
import { EmptyState } from '../../../components/ui/empty-state';
import { Panel } from '../../../components/ui/panel';
import { QueryList } from '../../../components/ui/query-list';
import { HISTORY_REFRESH_MS } from '../refresh';
import { workflowHistoryQueries } from '../queries';

/** Each stream the workflow wrote, its values in order, one by one or all at once copyable. */
export function StreamsPanel({
  org,
  app,
  workflowId,
}: {
  org: string;
  app: string;
  workflowId: string;
}) {
  const streams = useQuery({
    ...workflowHistoryQueries.streams(org, app, workflowId),
    refetchInterval: HISTORY_REFRESH_MS,
  });
  return (
    <Panel
      title={`Streams${streams.data ? ` (${streams.data.length})` : ''}`}
      testId="streams-panel"
    >
      <QueryList
        items={streams.data}
        error={streams.error}
        empty={<EmptyState title="It wrote no streams" />}
      >
        {(items) =>
          items.map((stream) => (
            <section
              key={stream.key}
              className="payload"
              data-testid="workflow-stream"
              data-key={stream.key}
              aria-label={`Stream ${stream.key}`}
            >
              <div className="payload-tools">
                <h3 className="subheading mono">{stream.key}</h3>
                <span className="muted-inline">
                  {stream.values.length} value{stream.values.length === 1 ? '' : 's'}
                </span>
                <CopyButton
                  text={stream.values.join('\n')}
                  label={`Copy every value of stream ${stream.key}`}
                />
              </div>
              <ol className="stream-values">
                {stream.values.map((value, index) => (
                  <li key={index}>
                    <pre className="value" data-testid="stream-value">
                      {value}
                    </pre>
                    <CopyButton
                      text={value}
                      label={`Copy value ${index + 1} of stream ${stream.key}`}
                      compact
                    />
                  </li>
                ))}
              </ol>
            </section>
          ))
        }
      </QueryList>
    </Panel>
  );
}
