import { useEffect } from 'react';

/** Sets document.title to "<page> · e-Cabinet" while the page is shown. */
export function usePageTitle(title: string | null | undefined): void {
  useEffect(() => {
    document.title = title ? `${title} · e-Cabinet` : 'e-Cabinet';
  }, [title]);
}
