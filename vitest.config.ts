import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Per-browser code paths are built per browser; unit tests run Chrome's.
  define: { __BROWSER__: JSON.stringify('chrome') },
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
    environment: 'node',
  },
});
