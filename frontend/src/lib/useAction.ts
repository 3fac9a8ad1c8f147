import { useCallback, useEffect, useRef, useState } from 'react';
import type { AnyVariables, DocumentInput } from 'urql';
import { useClient } from 'urql';
import type { MutationProblem, PayloadLike } from './mutations';
import { runMutation } from './mutations';

/**
 * Runs a page's mutations (uploads included): which one is under way (`pending`, to disable
 * its button) and what went wrong (`problem`, for <FormProblem/>). Mutations are never retried
 * automatically (the client only retries queries). `onSuccess` runs after each successful
 * mutation — pages re-query there: urql's document cache only refreshes queries whose results
 * already contained the changed type (an empty list of votes does not), and not every change
 * sends a live event.
 */
export function useAction(onSuccess?: () => void) {
  const client = useClient();
  const onSuccessRef = useRef(onSuccess);
  useEffect(() => {
    onSuccessRef.current = onSuccess;
  }, [onSuccess]);
  const [pending, setPending] = useState<string | null>(null);
  const [problem, setProblem] = useState<MutationProblem | null>(null);

  const run = useCallback(
    async <D, V extends AnyVariables>(
      key: string,
      document: DocumentInput<D, V>,
      variables: V,
      pick: (data: D) => PayloadLike | null | undefined,
    ): Promise<D | null> => {
      setPending(key);
      setProblem(null);
      try {
        const outcome = await runMutation(client, document, variables, pick);
        if (outcome.problem) {
          setProblem(outcome.problem);
          return null;
        }
        onSuccessRef.current?.();
        return outcome.data;
      } finally {
        setPending(null);
      }
    },
    [client],
  );

  const clear = useCallback(() => {
    setProblem(null);
  }, []);

  return { run, pending, problem, clear, setProblem };
}
