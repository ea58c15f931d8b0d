import { describe, expect, it } from 'vitest';
import {
  CreateApiKeyRequestSchema,
  CreateApplicationRequestSchema,
  CreateJoinSecretRequestSchema,
  ListAuditLogsQuerySchema,
  RegisterUserRequestSchema,
  UpdateApplicationRequestSchema,
  RegisterApplicationRequestSchema,
} from '../src/index';

const paths = (result: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }) =>
  result.error?.issues.map((i) => i.path.join('.')).sort();

describe('account and tenancy REST schemas', () => {
  it('normalises emails and enforces the password length on registration', () => {
    expect(
      RegisterUserRequestSchema.parse({
        email: ' Ada@Example.COM ',
        password: 'twelve chars',
        displayName: ' Ada ',
      }),
    ).toEqual({ email: 'ada@example.com', password: 'twelve chars', displayName: 'Ada' });
    expect(
      paths(
        RegisterUserRequestSchema.safeParse({ email: 'x', password: 'short', displayName: '' }),
      ),
    ).toEqual(['displayName', 'email', 'password']);
  });

  it('accepts application names executors use (3-256 of a-z 0-9 - _) with default settings', () => {
    expect(CreateApplicationRequestSchema.parse({ name: 'billing_v2-eu' })).toEqual({
      name: 'billing_v2-eu',
      description: '',
      executorTimeoutSecs: 60,
      privateMode: false,
    });
    expect(CreateApplicationRequestSchema.parse({ name: 'a'.repeat(256) }).name).toHaveLength(256);
    for (const name of ['ab', 'Billing', 'a'.repeat(257), 'with space']) {
      expect(CreateApplicationRequestSchema.safeParse({ name }).success).toBe(false);
    }
    expect(UpdateApplicationRequestSchema.safeParse({}).success).toBe(false);
    expect(paths(UpdateApplicationRequestSchema.safeParse({ executorTimeoutSecs: 4 }))).toEqual([
      'executorTimeoutSecs',
    ]);
  });

  it('takes DBOS app settings: a negative threshold clears it, zero and unknown fields are refused', () => {
    expect(
      UpdateApplicationRequestSchema.parse({
        gcTimeThresholdMs: 86_400_000,
        gcRowsThreshold: -1,
        globalTimeoutMs: -5,
        privateMode: true,
      }),
    ).toEqual({
      gcTimeThresholdMs: 86_400_000,
      gcRowsThreshold: null,
      globalTimeoutMs: null,
      privateMode: true,
    });
    expect(paths(UpdateApplicationRequestSchema.safeParse({ gcRowsThreshold: 0 }))).toEqual([
      'gcRowsThreshold',
    ]);
    expect(paths(UpdateApplicationRequestSchema.safeParse({ gcRowsThreshold: 1.5 }))).toEqual([
      'gcRowsThreshold',
    ]);
    expect(
      UpdateApplicationRequestSchema.safeParse({ privateMode: true, executorGracePeriodSeconds: 9 })
        .success,
    ).toBe(false);
    expect(RegisterApplicationRequestSchema.safeParse({ privateMode: true }).success).toBe(true);
    expect(RegisterApplicationRequestSchema.safeParse({ name: 'x' }).success).toBe(false);
  });

  it('refuses unknown or repeated API key permissions', () => {
    const base = { name: 'ci', applications: [] };
    expect(
      CreateApiKeyRequestSchema.safeParse({ ...base, permissions: ['application.read'] }).success,
    ).toBe(true);
    expect(paths(CreateApiKeyRequestSchema.safeParse({ ...base, permissions: [] }))).toEqual([
      'permissions',
    ]);
    expect(
      CreateApiKeyRequestSchema.safeParse({
        ...base,
        permissions: ['application.read', 'application.read'],
      }).success,
    ).toBe(false);
    expect(paths(CreateApiKeyRequestSchema.safeParse({ ...base, permissions: ['root'] }))).toEqual([
      'permissions.0',
    ]);
  });

  it('defaults join secrets to one use', () => {
    expect(CreateJoinSecretRequestSchema.parse({ role: 'VIEWER' })).toEqual({
      role: 'VIEWER',
      maxUses: 1,
    });
  });

  it("reads DBOS's audit-log filters from a query string, and refuses Podium's old ones", () => {
    expect(
      ListAuditLogsQuerySchema.parse({
        limit: '1000',
        status: 'failure',
        startTime: '2026-01-01T00:00:00+02:00',
        subject: 'ci@example.com',
      }),
    ).toEqual({
      limit: 1000,
      offset: 0,
      status: 'failure',
      startTime: '2026-01-01T00:00:00+02:00',
      subject: 'ci@example.com',
    });
    expect(ListAuditLogsQuerySchema.parse({}).limit).toBe(100);
    expect(ListAuditLogsQuerySchema.safeParse({ limit: '1001' }).success).toBe(false);
    expect(ListAuditLogsQuerySchema.safeParse({ since: '2026-01-01T00:00:00Z' }).success).toBe(
      false,
    );
  });
});
