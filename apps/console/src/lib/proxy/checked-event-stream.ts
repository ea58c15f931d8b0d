// A server-sent event stream checked on its way through the /api proxy: each event's data is
// parsed with a protocol schema here, on the console's server, and sent on as parsed; an event
// that does not parse is dropped, as the browser would drop it. Blocks without data (comments,
// the control plane's heartbeats) pass as they are. Events end with a blank line (`\n\n`, as the
// control plane writes them).
import type { z } from 'zod';

/** `block` with its data parsed by `schema`; null when the data does not parse. */
export function checkedEvent(block: string, schema: z.ZodType): string | null {
  const lines = block.split('\n');
  const isData = (line: string) => line.startsWith('data:');
  const data = lines.filter(isData).map((line) => line.slice('data:'.length).replace(/^ /, ''));
  if (data.length === 0) return block;
  let parsed;
  try {
    parsed = schema.safeParse(JSON.parse(data.join('\n')));
  } catch {
    return null;
  }
  if (!parsed.success) return null;
  return [...lines.filter((line) => !isData(line)), `data: ${JSON.stringify(parsed.data)}`].join(
    '\n',
  );
}

/**
 * An event longer than this ends the stream (the browser's EventSource reconnects): what waits
 * for its end is held in memory. The control plane drops a client 16 MiB behind, too.
 */
export const MAX_EVENT_CHARS = 16 * 1024 * 1024;

/** `body`, an event stream, with every event checked by `schema` (see `checkedEvent`). */
export function checkEventStream(
  body: ReadableStream<Uint8Array>,
  schema: z.ZodType,
  maxEventChars = MAX_EVENT_CHARS,
): ReadableStream<Uint8Array> {
  const decoder = new TextDecoder();
  const encoder = new TextEncoder();
  let pending = '';
  // Where the search for an event's end resumes: what came before held none (a large event
  // arriving in many chunks is not searched again from its start each time).
  let searchFrom = 0;
  return body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        pending += decoder.decode(chunk, { stream: true });
        let end = pending.indexOf('\n\n', searchFrom);
        while (end !== -1) {
          const event = checkedEvent(pending.slice(0, end), schema);
          pending = pending.slice(end + 2);
          if (event !== null) controller.enqueue(encoder.encode(`${event}\n\n`));
          end = pending.indexOf('\n\n');
        }
        // Its last character may be the first half of a blank line.
        searchFrom = Math.max(0, pending.length - 1);
        if (pending.length > maxEventChars) {
          controller.error(new Error(`an event longer than ${maxEventChars} characters`));
        }
      },
    }),
  );
}
