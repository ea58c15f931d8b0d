import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageDir, prismaWasm } from './cli';

describe('migrate check (no database needed)', () => {
  it('passes when the migrations capture schema.prisma', () => {
    const result = prismaWasm(['migrate', 'check']);
    expect(result.output).toContain('agree');
    expect(result.status).toBe(0);
  });

  it('fails with exit 2 and the missing SQL when schema.prisma changed without a migration', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'podium-schema-'));
    const schema = path.join(dir, 'schema.prisma');
    const original = fs.readFileSync(path.join(packageDir, 'schema.prisma'), 'utf8');
    fs.writeFileSync(schema, `${original}\nmodel Uncaptured {\n  id Int @id\n}\n`);
    try {
      const result = prismaWasm(['migrate', 'check', '--schema', schema]);
      expect(result.status).toBe(2);
      expect(result.output).toContain('CREATE TABLE "Uncaptured"');
      expect(result.output).toContain('no migration captures');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
