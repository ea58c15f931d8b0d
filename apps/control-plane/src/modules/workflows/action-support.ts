import { MESSAGE_SUPPORT, OPTION_SUPPORT } from '../executors/message-support';
import type { SendOptions } from '../executors/proxy/executor-proxy';

type Only = NonNullable<SendOptions['only']>;

/**
 * Only executors that know the type, among those holding the workflow (`getHeldWorkflow`).
 * None of them knows it: 501 naming what is needed.
 */
export function supportedBy(type: keyof typeof MESSAGE_SUPPORT): Only {
  const { accepts, needs } = MESSAGE_SUPPORT[type];
  const action = type === 'rewind_workflow' ? 'rewind' : type;
  return {
    accepts,
    refusal: `${action} needs ${needs}; none of the connected executors holding this workflow is one.`,
    refusalCode: 'EXECUTOR_UNSUPPORTED',
  };
}

/**
 * Only executors that read `option`, when it was asked for (an older one would ignore it and
 * answer success); none of them connected: 501 naming what is needed. Undefined when not asked.
 */
export function readersOf(option: keyof typeof OPTION_SUPPORT, asked: unknown): Only | undefined {
  if (asked === undefined || asked === false) return undefined;
  const { accepts, needs } = OPTION_SUPPORT[option];
  return {
    accepts,
    refusal: `${option} needs ${needs}; no connected executor holding the workflows is one.`,
    refusalCode: 'EXECUTOR_UNSUPPORTED',
  };
}
