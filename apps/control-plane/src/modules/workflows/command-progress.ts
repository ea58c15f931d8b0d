import { AppError } from '@podium/protocol';
import { AdminOnlyDetailError } from '../../common/errors/admin-only-detail-error';

/** What a partly carried out command did, in the control plane's words: for every caller. */
export interface CommandProgress {
  readonly sentence: string;
  readonly extra: Record<string, unknown>;
}

/**
 * The error that stopped a command part-way, with what it had done by then. An executor's own
 * words stay withheld from callers without organization.write: an AdminOnlyDetailError stays
 * one, and its withheld form still carries the progress.
 */
export function withProgress(error: AppError, progress: CommandProgress): AppError {
  if (error instanceof AdminOnlyDetailError) return new PartlyCarriedOutError(error, progress);
  return new AppError(error.code, `${error.message} ${progress.sentence}`, {
    ...error.extra,
    ...progress.extra,
  });
}

/** Still an AdminOnlyDetailError; its withheld form keeps the progress (only the cause is hidden). */
class PartlyCarriedOutError extends AdminOnlyDetailError {
  declare readonly extra: Record<string, unknown>;

  constructor(
    private readonly original: AdminOnlyDetailError,
    private readonly progress: CommandProgress,
  ) {
    super(original.code, `${original.message} ${progress.sentence}`);
    this.extra = { ...original.extra, ...progress.extra };
  }

  override withheld(reference: string): AppError {
    const withheld = this.original.withheld(reference);
    return new AppError(withheld.code, `${withheld.message} ${this.progress.sentence}`, {
      ...this.extra,
      ...withheld.extra,
    });
  }
}
