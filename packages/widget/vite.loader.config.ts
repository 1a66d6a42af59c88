import { defineConfig } from 'vite'

/** The loader: one small IIFE, `dist/widget.js`, that shop pages include with one tag. */
export default defineConfig({
  build: {
    outDir: 'dist',
    emptyOutDir: false,
    target: 'es2019',
    reportCompressedSize: false,
    lib: {
      entry: 'src/loader/tag.ts',
      formats: ['iife'],
      name: 'kefuLoader',
      fileName: () => 'widget.js',
    },
  },
})
