import net from 'node:net';

/** A plain TCP connection to a server under test, for what `fetch` cannot send or observe. */
export interface RawConnection {
  readonly socket: net.Socket;
  /** Everything the server sent so far. */
  received(): string;
  /** Resolves once the server closed the connection (or it failed), with what it sent. */
  readonly closed: Promise<string>;
}

/** Connects to `serverUrl`'s host and port and, when given, sends `text` at once. */
export async function openRawConnection(serverUrl: string, text?: string): Promise<RawConnection> {
  const { hostname, port } = new URL(serverUrl);
  const socket = net.connect({ host: hostname, port: Number(port) });
  let received = '';
  socket.on('data', (chunk: Buffer) => (received += chunk.toString()));
  const closed = new Promise<string>((resolve) => {
    socket.once('close', () => resolve(received));
    socket.on('error', () => undefined); // a reset is a close too
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  if (text !== undefined) socket.write(text);
  return { socket, received: () => received, closed };
}

/** The status, headers (lower-cased names) and body of a raw HTTP/1.1 response. */
export function parseRawResponse(text: string): {
  status: number;
  headers: Record<string, string>;
  body: string;
} {
  const split = text.indexOf('\r\n\r\n');
  const [statusLine = '', ...headerLines] = text.slice(0, split).split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of headerLines) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return {
    status: Number(statusLine.split(' ')[1]),
    headers,
    body: text.slice(split + 4),
  };
}
