import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { checkEventStream } from './checked-event-stream';

const schema = z.object({ n: z.number() });

/** A stream of `chunks`, read through the check to its end (or its error). */
async function through(chunks: string[], maxEventChars?: number) {
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(encoder.encode(chunk));
      controller.close();
    },
  });
  const reader = checkEventStream(body, schema, maxEventChars).getReader();
  const decoder = new TextDecoder();
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return text;
    text += decoder.decode(value);
  }
}

describe('checkEventStream', () => {
  it('assembles an event split across many chunks, a blank line split between two included', async () => {
    const event = 'event: x\ndata: {"n":1,"extra":"dropped"}\n\n';
    // One character a chunk; the blank line ending it comes in two.
    const chunks = [...event.slice(0, -1), '\n', ': heartbeat\n\n'];
    expect(await through(chunks)).toBe('event: x\ndata: {"n":1}\n\n: heartbeat\n\n');
  });

  it('ends the stream with an error past the longest event it holds', async () => {
    const big = `data: {"n":1,"pad":"${'x'.repeat(200)}"}`;
    await expect(through([big.slice(0, 100), big.slice(100), '\n\n'], 150)).rejects.toThrow(
      'an event longer than 150 characters',
    );
    expect(await through([big, '\n\n'], 1_000)).toBe('data: {"n":1}\n\n');
  });
});
