export default { root: '/work/main/pujiang-web/dev-scene', publicDir: '/work/main/pujiang-web/public', base: '/',
  build: { outDir: '/tmp/scene-dist', emptyOutDir: true, chunkSizeWarningLimit: 5000 } };
