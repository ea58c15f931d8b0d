#!/usr/bin/env node
// Another process that sends every message straight back, two ways: over Redis pub/sub
// (`<prefix>:ping` answered on `<prefix>:pong`) and over a WebSocket it accepts. A replica's
// half of a routed command with no work in it. Exits when its parent goes away.
import { Redis } from 'ioredis';
import { WebSocketServer } from 'ws';

const [url, prefix] = process.argv.slice(2);
const subscriber = new Redis(url);
const publisher = new Redis(url);
subscriber.on('message', (_channel, message) => void publisher.publish(`${prefix}:pong`, message));
await subscriber.subscribe(`${prefix}:ping`);
const sockets = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: false });
sockets.on('connection', (socket) => socket.on('message', (data) => socket.send(data)));
await new Promise((resolve) => sockets.once('listening', resolve));
process.send({ port: sockets.address().port });
process.on('disconnect', () => process.exit(0));
