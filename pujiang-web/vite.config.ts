import { defineConfig } from 'vite';

// The build lands in target/classes/web, so Maven packages it into pujiang-web.jar under web/,
// and the server serves it from the classpath at /.
const pujiangServer = process.env.PUJIANG_SERVER ?? 'http://127.0.0.1:8080';

export default defineConfig({
  base: '/',
  build: {
    outDir: 'target/classes/web',
    emptyOutDir: true,
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 1500,
    sourcemap: false,
  },
  server: {
    // `npm run dev` against a running server: PUJIANG_SERVER=http://127.0.0.1:8080 (the default)
    proxy: {
      '/api': pujiangServer,
      '/ws': { target: pujiangServer.replace(/^http/, 'ws'), ws: true },
    },
  },
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
  },
});
