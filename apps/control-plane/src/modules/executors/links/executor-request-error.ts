/** Why a request to an executor produced no usable answer. */
export type ExecutorRequestFailure =
  /** The link closed before the answer came (or before the request could be sent). */
  | 'EXECUTOR_DISCONNECTED'
  /** No answer within the request's timeout. */
  | 'EXECUTOR_NO_ANSWER'
  /** An answer came that does not fit the protocol. */
  | 'EXECUTOR_INVALID_RESPONSE'
  /**
   * A frame bigger than the frame limit came, which closed the link (1009). It cannot be read,
   * so every request pending on that link fails with this (one of them asked for too much).
   */
  | 'EXECUTOR_ANSWER_TOO_LARGE';

export class ExecutorRequestError extends Error {
  override readonly name = 'ExecutorRequestError';
  constructor(
    readonly code: ExecutorRequestFailure,
    message: string,
    /**
     * Whether the frame was handed to the socket. `false` means the executor cannot have seen
     * the request (safe to send it elsewhere, even a mutation); `true` means it may have.
     */
    readonly delivered: boolean,
  ) {
    super(message);
  }
}
