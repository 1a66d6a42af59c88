import preact from '@preact/preset-vite'
import { defineConfig } from 'vite'

/** The chat frame: `dist/frame.html` plus hashed `dist/assets/*` (served under /widget/, cached for a year). */
export default defineConfig({
  base: './',
  plugins: [preact()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The frame already needs ES2022 at run time (Array.prototype.at: Chrome 92, Safari 15.4), so
    // lowering class fields to ES2020 bought no browser and cost ~370 B of helpers and system-ui fallbacks.
    target: 'es2022',
    modulePreload: false,
    cssCodeSplit: false,
    reportCompressedSize: false,
    rollupOptions: { input: 'frame.html' },
  },
})
