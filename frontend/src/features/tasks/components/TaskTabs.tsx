import type { KeyboardEvent } from 'react';
import { useRef } from 'react';
import { useI18n } from '../../../app/i18n/useI18n';
import type { TaskTab } from '../lib/listState';

/** Lead (chủ trì) / Coordinating (phối hợp) / All I can see — ARIA tabs with arrow keys. */
export function TaskTabs({
  tabs,
  value,
  onChange,
  panelId,
}: {
  tabs: readonly TaskTab[];
  value: TaskTab;
  onChange: (tab: TaskTab) => void;
  panelId: string;
}) {
  const { t } = useI18n();
  const refs = useRef<(HTMLButtonElement | null)[]>([]);
  const onKeyDown = (e: KeyboardEvent<HTMLButtonElement>, index: number) => {
    let next: number;
    if (e.key === 'ArrowRight') next = (index + 1) % tabs.length;
    else if (e.key === 'ArrowLeft') next = (index - 1 + tabs.length) % tabs.length;
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = tabs.length - 1;
    else return;
    e.preventDefault();
    const tab = tabs[next];
    if (tab) {
      onChange(tab);
      refs.current[next]?.focus();
    }
  };
  return (
    <div className="tabs" role="tablist" aria-label={t('tasks.tabs.label')}>
      {tabs.map((tab, i) => (
        <button
          key={tab}
          ref={(el) => {
            refs.current[i] = el;
          }}
          type="button"
          role="tab"
          id={`task-tab-${tab}`}
          className="tabs__tab"
          aria-selected={tab === value}
          aria-controls={panelId}
          tabIndex={tab === value ? 0 : -1}
          data-testid={`task-tab-${tab}`}
          onClick={() => {
            onChange(tab);
          }}
          onKeyDown={(e) => {
            onKeyDown(e, i);
          }}
        >
          {t(`tasks.tabs.${tab}`)}
        </button>
      ))}
    </div>
  );
}
