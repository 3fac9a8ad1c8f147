import type { ReactNode } from 'react';
import type { IconName } from './Icon';
import { Icon } from './Icon';

/** A centred message card: logged out, access denied, not found, login problems. */
export function StatusPage(props: {
  icon: IconName;
  title: string;
  tone?: 'neutral' | 'warning' | 'danger';
  children?: ReactNode;
  actions?: ReactNode;
  headingLevel?: 1 | 2;
}) {
  const Heading = props.headingLevel === 2 ? 'h2' : 'h1';
  return (
    <section className={`status-page status-page--${props.tone ?? 'neutral'}`} aria-labelledby="status-page-title">
      <span className="status-page__icon">
        <Icon name={props.icon} />
      </span>
      <Heading id="status-page-title" className="status-page__title">
        {props.title}
      </Heading>
      {props.children ? <div className="status-page__body">{props.children}</div> : null}
      {props.actions ? <div className="status-page__actions">{props.actions}</div> : null}
    </section>
  );
}
