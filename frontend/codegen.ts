import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * GraphQL code generation (client preset).
 *
 * Reads the backend's committed schema (../schema.graphql) and every `graphql()` call in
 * src/, and writes typed documents to src/gql/ (committed). `npm run codegen:check` sets
 * CODEGEN_OUT to a temporary folder and compares the result with src/gql/.
 */
const out = process.env.CODEGEN_OUT ?? './src/gql/';

const config: CodegenConfig = {
  schema: '../schema.graphql',
  documents: ['src/**/*.{ts,tsx}', '!src/gql/**/*'],
  ignoreNoDocuments: false,
  generates: {
    [out.endsWith('/') ? out : `${out}/`]: {
      preset: 'client',
      presetConfig: {
        gqlTagName: 'graphql',
        fragmentMasking: { unmaskFunctionName: 'getFragmentData' },
      },
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        strictScalars: true,
        scalars: {
          ID: 'string',
          DateTime: 'string',
          Date: 'string',
          JSON: 'unknown',
          Upload: 'File',
        },
        avoidOptionals: false,
        skipTypename: false,
      },
    },
  },
};

export default config;
