import { useI18n } from '../../../app/i18n/useI18n';
import type { MutationProblem } from '../lib/mutationResult';

/** Why a change was refused: the server's message, or the generic one for the error kind. */
export function FormProblem({ problem }: { problem: MutationProblem | null }) {
  const { t } = useI18n();
  if (!problem) return null;
  return (
    <p className="form-problem" role="alert" data-testid="form-problem">
      {problem.kind === 'user' ? problem.message : t(problem.key)}
    </p>
  );
}
