/**
 * Differential test of the application-version messages: a DBOS Transact 5.2.11 executor and
 * a `@podium/sdk` executor whose databases have each seen two versions (an older one launched
 * and stopped first) list them alike, latest first, and make another one latest alike,
 * including a version neither has seen (both answer success and change nothing).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectSameAnswer } from './helpers/comparable';
import { type Executor, type Setup, startDbos, startPodium } from './helpers/executors';

const SETUP: Setup = { appName: 'diff-versions', earlierVersions: ['v-old'], version: 'v-new' };

describe('application-version messages: DBOS Transact 5.2.11 and @podium/sdk answer alike', () => {
  let executors: { dbos: Executor; podium: Executor };
  beforeAll(async () => {
    const [dbos, podium] = await Promise.all([startDbos(SETUP), startPodium(SETUP)]);
    executors = { dbos, podium };
  }, 120_000);
  afterAll(async () => {
    await executors?.dbos.stop();
    await executors?.podium.stop();
  });

  const names = (answer: { output?: { version_name: string }[] | null }) =>
    answer.output?.map((v) => v.version_name);

  it('list_application_versions: the newest launched first', async () => {
    const { dbos, podium } = await expectSameAnswer(executors, 'list_application_versions');
    expect(names(dbos)).toEqual(['v-new', 'v-old']);
    expect(names(podium)).toEqual(['v-new', 'v-old']);
  });

  it('set_latest_application_version, then the list', async () => {
    await expectSameAnswer(executors, 'set_latest_application_version', { version_name: 'v-old' });
    const { dbos, podium } = await expectSameAnswer(executors, 'list_application_versions');
    expect(names(dbos)).toEqual(['v-old', 'v-new']);
    expect(names(podium)).toEqual(['v-old', 'v-new']);
    await expectSameAnswer(executors, 'set_latest_application_version', { version_name: 'v-new' });
    expect(names((await expectSameAnswer(executors, 'list_application_versions')).podium)).toEqual([
      'v-new',
      'v-old',
    ]);
  });

  it('set_latest_application_version of a version never launched', async () => {
    const { podium } = await expectSameAnswer(executors, 'set_latest_application_version', {
      version_name: 'v-never',
    });
    expect(podium.success).toBe(true);
    const after = await expectSameAnswer(executors, 'list_application_versions');
    expect(names(after.podium)).toEqual(['v-new', 'v-old']);
  });
});
