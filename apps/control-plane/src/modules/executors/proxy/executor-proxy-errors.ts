import { AdminOnlyDetailError } from '../../../common/errors/admin-only-detail-error';

/**
 * What an executor's `error_message` may show an operator. Python executors append a full
 * traceback and JS stacks can slip in; the problem `detail` keeps the context line and the
 * final exception line only, never stack frames, file paths or more than a few short lines.
 */

const MAX_LINES = 3;
const MAX_CHARS = 500;
const PYTHON_TRACEBACK = 'Traceback (most recent call last):';
const STACK_FRAME = /^\s*(at\s|File\s+"|\^+$|~+$)/;

export function summarizeExecutorError(message: string): string {
  const text = message.replace(/\r\n?/g, '\n').trim();
  if (text === '') return 'The executor reported an error without a message.';
  const traceback = text.indexOf(PYTHON_TRACEBACK);
  let lines: string[];
  if (traceback >= 0) {
    const context = text.slice(0, traceback).trim();
    const frames = text.slice(traceback + PYTHON_TRACEBACK.length).split('\n');
    const exception = frames.map((l) => l.trim()).filter((l) => l !== '' && !STACK_FRAME.test(l));
    const last = exception.at(-1);
    lines = [context, ...(last ? [last] : [])].filter((l) => l !== '');
  } else {
    lines = text.split('\n').filter((l) => l.trim() !== '' && !STACK_FRAME.test(l));
  }
  const summary = lines.slice(0, MAX_LINES).join('\n');
  return summary.length > MAX_CHARS ? `${summary.slice(0, MAX_CHARS - 1)}…` : summary;
}

/**
 * An executor's own `error_message` (summarized). Its text can hold what only the app's
 * administrators should see (a database host, a user name): see AdminOnlyDetailError.
 */
export class ExecutorReportedError extends AdminOnlyDetailError {
  constructor(executorMessage: string) {
    super('EXECUTOR_ERROR', summarizeExecutorError(executorMessage));
  }
}
