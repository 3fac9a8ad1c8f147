import { useEffect, useState } from 'react';
import { useQuery } from 'urql';
import { UserSearchQuery } from '../operations';

/** The people search of the pickers: debounced, 20 results, paused until `enabled`. */
export function useUserSearch(enabled = true) {
  const [search, setSearch] = useState('');
  const [debounced, setDebounced] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => {
      setDebounced(search.trim());
    }, 250);
    return () => {
      clearTimeout(timer);
    };
  }, [search]);
  const [{ data, fetching }] = useQuery({
    query: UserSearchQuery,
    variables: { first: 20, search: debounced || null },
    pause: !enabled,
  });
  return { search, setSearch, results: data?.users?.nodes ?? [], fetching };
}
