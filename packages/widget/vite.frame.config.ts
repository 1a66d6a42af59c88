import preact from '@preact/preset-vite'
import { defineConfig } from 'vite'

/** The chat frame: `dist/frame.html` plus hashed `dist/assets/*` (served under /widget/, cached for a year). */
export default defineConfig({
  base: './',
  plugins: [preact()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2020',
    modulePreload: false,
    cssCodeSplit: false,
    reportCompressedSize: false,
    rollupOptions: { input: 'frame.html' },
  },
})
