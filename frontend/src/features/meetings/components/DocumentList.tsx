import { useI18n } from '../../../app/i18n/useI18n';
import { Icon } from '../../../components/Icon';
import type { FragmentType } from '../../../gql';
import { getFragmentData, graphql } from '../../../gql';

export const DocumentListFragment = graphql(`
  fragment DocumentList_file on File {
    id
    name
    contentType
    size
    url
  }
`);

export function formatSize(bytes: number, language: string): string {
  const units = ['B', 'KB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const digits = unit === 0 || value >= 10 ? 0 : 1;
  return `${value.toLocaleString(language === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: digits })} ${units[unit] ?? 'B'}`;
}

/**
 * An item's documents as download links (`File.url` is a signed link valid five minutes,
 * refreshed with every query of the meeting).
 */
export function DocumentList(props: { files: readonly FragmentType<typeof DocumentListFragment>[]; large?: boolean }) {
  const { t, language } = useI18n();
  const files = getFragmentData(DocumentListFragment, props.files);
  if (files.length === 0) return <p className="muted m-documents__empty">{t('meetings.documents.none')}</p>;
  return (
    <ul className={props.large ? 'm-documents m-documents--large' : 'm-documents'}>
      {files.map((f) => (
        <li key={f.id}>
          <a className="document-link" href={f.url} target="_blank" rel="noopener" data-testid="document-link">
            <Icon name="file" />
            <span className="document-link__name">{f.name}</span>
            <span className="document-link__size">{formatSize(f.size, language)}</span>
          </a>
        </li>
      ))}
    </ul>
  );
}
