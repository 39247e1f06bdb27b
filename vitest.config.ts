import { defaultClientConditions, defaultServerConditions } from 'vite';
import { defineConfig } from 'vitest/config';

// Workspace packages resolve to their TypeScript sources in tests through the `@bonemet/source`
// export condition, so tests never run against a stale build.
export default defineConfig({
  resolve: { conditions: ['@bonemet/source', ...defaultClientConditions] },
  ssr: { resolve: { conditions: ['@bonemet/source', ...defaultServerConditions] } },
  test: {
    include: ['packages/*/src/**/*.test.ts', 'apps/*/src/**/*.test.ts'],
    environment: 'node',
    pool: 'threads',
  },
});
