import { useCallback, useEffect, useRef, useState } from 'react';
import type { AnyVariables, CombinedError, DocumentInput } from 'urql';
import { useClient } from 'urql';

export interface UserErrorLike {
  code: string;
  message: string;
  field?: readonly string[] | null;
}

export type ActionProblem =
  { kind: 'user'; errors: readonly UserErrorLike[] } | { kind: 'request'; error: CombinedError };

interface Payload {
  errors: readonly UserErrorLike[];
}

/**
 * Runs mutations for a page: which one is under way (to disable its button), and what went
 * wrong — the payload's UserErrors (already in the user's language) or a request error.
 * Mutations are never retried automatically (the client only retries queries).
 * `onSuccess` runs after each successful mutation — pages re-query there: urql's document
 * cache only refreshes queries whose results already contained the changed type (an empty
 * list of votes does not), and not every change sends a meeting event.
 */
export function useAction(onSuccess?: () => void) {
  const client = useClient();
  const onSuccessRef = useRef(onSuccess);
  useEffect(() => {
    onSuccessRef.current = onSuccess;
  }, [onSuccess]);
  const [pending, setPending] = useState<string | null>(null);
  const [problem, setProblem] = useState<ActionProblem | null>(null);

  const run = useCallback(
    async <D, V extends AnyVariables>(
      key: string,
      document: DocumentInput<D, V>,
      variables: V,
      pick: (data: D) => Payload | null | undefined,
    ): Promise<D | null> => {
      setPending(key);
      setProblem(null);
      try {
        const result = await client.mutation(document, variables).toPromise();
        if (result.error) {
          setProblem({ kind: 'request', error: result.error });
          return null;
        }
        if (!result.data) return null;
        const payload = pick(result.data);
        if (payload && payload.errors.length > 0) {
          setProblem({ kind: 'user', errors: payload.errors });
          return null;
        }
        onSuccessRef.current?.();
        return result.data;
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
