import { useState } from 'react';
import { RouterProvider } from 'react-router';
import { Provider as UrqlProvider } from 'urql';
import { createRouter } from './router';
import { graphqlClient } from './services';

export function App() {
  const [router] = useState(createRouter);
  return (
    <UrqlProvider value={graphqlClient}>
      <RouterProvider router={router} />
    </UrqlProvider>
  );
}
