import type { ReactNode } from 'react';
import type { IconName } from './Icon';
import { Icon } from './Icon';

/**
 * A page's heading: its module icon, an optional line above the title (e.g. a link back),
 * the h1 title and a subtitle; `children` (actions) follow the heading.
 */
export function PageHeader(props: {
  icon: IconName;
  title: ReactNode;
  subtitle?: ReactNode;
  eyebrow?: ReactNode;
  headingClassName?: string;
  children?: ReactNode;
}) {
  return (
    <header className="page__header">
      <span className="page__icon">
        <Icon name={props.icon} />
      </span>
      <div className={props.headingClassName}>
        {props.eyebrow}
        <h1 className="page__title">{props.title}</h1>
        {props.subtitle ? <p className="page__subtitle">{props.subtitle}</p> : null}
      </div>
      {props.children}
    </header>
  );
}
