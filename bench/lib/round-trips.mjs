// The floor under what routing a command to another replica adds: a message to another
// process and back with no work in it (lib/echo-process.mjs), through Redis pub/sub as routed
// commands travel, and over a WebSocket straight to that process (no Redis in between).
import { fork } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import WebSocket from 'ws';

const here = path.dirname(fileURLToPath(import.meta.url));

/**
 * Starts the echo process; each `send(i)` resolves when its message is back. `takeWriteMs()`
 * returns (and forgets) how long each WebSocket send so far held this thread: the write
 * system call, in which the kernel delivers the message over loopback and wakes the echo.
 */
export async function roundTripClients(redisUrl, prefix) {
  const echo = fork(path.join(here, 'echo-process.mjs'), [redisUrl, prefix], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const { port } = await new Promise((resolve) => echo.once('message', resolve));
  const subscriber = new Redis(redisUrl);
  const publisher = new Redis(redisUrl);
  const socket = new WebSocket(`ws://127.0.0.1:${port}`, { perMessageDeflate: false });
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  const pending = new Map();
  const answered = (message) => {
    pending.get(message)?.();
    pending.delete(message);
  };
  subscriber.on('message', (_channel, message) => answered(message));
  socket.on('message', (data) => answered(data.toString()));
  await subscriber.subscribe(`${prefix}:pong`);
  let next = 0;
  let writeMs = [];
  const sender = (write) => () =>
    new Promise((resolve, reject) => {
      const id = String(next++);
      pending.set(id, resolve);
      write(id, reject);
    });
  return {
    pid: echo.pid,
    redis: sender((id, reject) => publisher.publish(`${prefix}:ping`, id).catch(reject)),
    socket: sender((id, reject) => {
      const started = performance.now();
      socket.send(id, (error) => error && reject(error));
      writeMs.push(performance.now() - started);
    }),
    takeWriteMs: () => {
      const taken = writeMs;
      writeMs = [];
      return taken;
    },
    close: () => {
      echo.kill();
      socket.terminate();
      subscriber.disconnect();
      publisher.disconnect();
    },
  };
}
