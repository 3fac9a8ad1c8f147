import { useCallback, useRef, useState } from 'react';
import type { MutationProblem } from '../../lib/mutations';

/**
 * A form's submit: one at a time, the problem (if any) kept for <FormProblem/>, and `onDone`
 * after a success (to clear the fields or close the form). `run` returns what
 * `mutationProblem`/`runMutation` (lib/mutations.ts) made of the answer.
 */
export function useFormSubmit(run: () => Promise<MutationProblem | null>, onDone?: () => void) {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<MutationProblem | null>(null);
  const running = useRef(false);
  const submit = useCallback(
    (e?: { preventDefault: () => void }) => {
      e?.preventDefault();
      if (running.current) return;
      running.current = true;
      setBusy(true);
      setProblem(null);
      void run()
        .then((p) => {
          setProblem(p);
          if (!p) onDone?.();
        })
        .finally(() => {
          running.current = false;
          setBusy(false);
        });
    },
    [run, onDone],
  );
  return { busy, problem, submit, setProblem };
}
