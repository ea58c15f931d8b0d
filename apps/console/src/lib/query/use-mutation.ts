'use client';

import { useCallback, useRef, useState } from 'react';
import { ignore } from './query';
import { useQueryClient } from './query-context';

export interface MutationCallbacks<TData, TVariables, TContext> {
  onSuccess?: (data: TData, variables: TVariables, context: TContext | undefined) => unknown;
  onError?: (error: Error, variables: TVariables, context: TContext | undefined) => unknown;
  onSettled?: (
    data: TData | undefined,
    error: Error | null,
    variables: TVariables,
    context: TContext | undefined,
  ) => unknown;
}

export interface UseMutationOptions<TData, TVariables, TContext> extends MutationCallbacks<
  TData,
  TVariables,
  TContext
> {
  mutationFn: (variables: TVariables) => Promise<TData>;
  onMutate?: (variables: TVariables) => TContext | Promise<TContext>;
}

const flags = <S extends 'idle' | 'pending' | 'error' | 'success'>(status: S) => ({
  status,
  isIdle: (status === 'idle') as S extends 'idle' ? true : false,
  isPending: (status === 'pending') as S extends 'pending' ? true : false,
  isError: (status === 'error') as S extends 'error' ? true : false,
  isSuccess: (status === 'success') as S extends 'success' ? true : false,
});

type MutationState<TData, TVariables> =
  | (ReturnType<typeof flags<'idle'>> & { data: undefined; error: null; variables: undefined })
  | (ReturnType<typeof flags<'pending'>> & { data: undefined; error: null; variables: TVariables })
  | (ReturnType<typeof flags<'error'>> & { data: undefined; error: Error; variables: TVariables })
  | (ReturnType<typeof flags<'success'>> & { data: TData; error: null; variables: TVariables });

const IDLE = { ...flags('idle'), data: undefined, error: null, variables: undefined };

/**
 * A change sent to the control plane. The options' callbacks run (and are awaited: an
 * invalidation returned from `onSuccess` refetches before the mutation counts as done) before
 * `mutate`'s own, which run only for the latest call, as a form shows only its latest outcome.
 */
export function useMutation<TData, TVariables = void, TContext = unknown>(
  options: UseMutationOptions<TData, TVariables, TContext>,
) {
  const client = useQueryClient();
  const [state, setState] = useState<MutationState<TData, TVariables>>(IDLE);
  const latestOptions = useRef(options);
  latestOptions.current = options;
  const latestCall = useRef(0);

  const mutateAsync = useCallback(
    async (
      variables: TVariables,
      callbacks: MutationCallbacks<TData, TVariables, TContext> = {},
    ): Promise<TData> => {
      const call = ++latestCall.current;
      const isLatest = () => call === latestCall.current;
      const { mutationFn, onMutate, onSuccess, onError, onSettled } = latestOptions.current;
      setState({ ...flags('pending'), data: undefined, error: null, variables });
      let context: TContext | undefined;
      try {
        context = await onMutate?.(variables);
        const data = await mutationFn(variables);
        await onSuccess?.(data, variables, context);
        await onSettled?.(data, null, variables, context);
        if (isLatest()) {
          setState({ ...flags('success'), data, error: null, variables });
          callbacks.onSuccess?.(data, variables, context);
          callbacks.onSettled?.(data, null, variables, context);
        }
        return data;
      } catch (thrown) {
        const error = thrown as Error;
        client.config.onError(error);
        await onError?.(error, variables, context);
        await onSettled?.(undefined, error, variables, context);
        if (isLatest()) {
          setState({ ...flags('error'), data: undefined, error, variables });
          callbacks.onError?.(error, variables, context);
          callbacks.onSettled?.(undefined, error, variables, context);
        }
        throw error;
      }
    },
    [client],
  );

  const mutate = useCallback(
    (variables: TVariables, callbacks?: MutationCallbacks<TData, TVariables, TContext>) => {
      mutateAsync(variables, callbacks).catch(ignore);
    },
    [mutateAsync],
  );

  const reset = useCallback(() => {
    latestCall.current++;
    setState(IDLE);
  }, []);

  return { ...state, mutate, mutateAsync, reset };
}
