// @ts-check
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The server's Content-Security-Policy allows scripts and styles from its own origin only: the build has
// no inline script (no module-preload polyfill) and one external stylesheet.
export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 1500,
    rollupOptions: {
      // zod places pure-call comments where Rollup cannot use them; Rollup drops them, harmlessly.
      onwarn(warning, warn) {
        if (warning.code !== 'INVALID_ANNOTATION') warn(warning);
      },
    },
  },
  server: { proxy: { '/api': 'http://127.0.0.1:8080' } },
});
