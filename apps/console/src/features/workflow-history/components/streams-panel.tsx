'use client';

import { CopyButton } from '../../../components/ui/copy-button';
import { workflowHistoryQueries } from '../queries';
import { HistoryListPanel, type HistoryPanelProps } from './history-list-panel';

/** Each stream the workflow wrote, its values in order, one by one or all at once copyable. */
export function StreamsPanel({ org, app, workflowId }: HistoryPanelProps) {
  return (
    <HistoryListPanel
      title="Streams"
      testId="streams-panel"
      empty="It wrote no streams"
      query={workflowHistoryQueries.streams(org, app, workflowId)}
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
    </HistoryListPanel>
  );
}
