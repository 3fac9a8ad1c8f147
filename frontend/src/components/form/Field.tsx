import type { ReactNode } from 'react';
import './form.css';

/**
 * One field of a form: its label, the control (which the caller gives `id={id}` and, with a
 * hint, `aria-describedby={`${id}-hint`}`), and the hint below it.
 */
export function Field({
  id,
  label,
  hint,
  className,
  children,
}: {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  className?: string;
  children: ReactNode;
}) {
  return (
    <div className={className ? `field ${className}` : 'field'}>
      <label htmlFor={id}>{label}</label>
      {children}
      {hint ? (
        <p id={`${id}-hint`} className="field__hint">
          {hint}
        </p>
      ) : null}
    </div>
  );
}
