import { Writable } from 'node:stream';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { NestPinoLogger } from './logger';

describe('NestPinoLogger', () => {
  it("logs Nest's route mapping and module wiring at debug, its other news at info", () => {
    const records: { level: number; msg: string }[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        records.push(JSON.parse(chunk.toString()) as { level: number; msg: string });
        done();
      },
    });
    const nest = new NestPinoLogger(pino({ level: 'trace' }, sink));
    nest.log('Mapped {/v2/orgs, GET} route', 'RouterExplorer');
    nest.log('OrganizationsController {/v2/orgs}:', 'RoutesResolver');
    nest.log('AppModule dependencies initialized', 'InstanceLoader');
    nest.log('Nest application successfully started', 'NestApplication');
    expect(records.map((r) => [r.level, r.msg])).toEqual([
      [20, 'Mapped {/v2/orgs, GET} route'],
      [20, 'OrganizationsController {/v2/orgs}:'],
      [20, 'AppModule dependencies initialized'],
      [30, 'Nest application successfully started'],
    ]);
  });
});
