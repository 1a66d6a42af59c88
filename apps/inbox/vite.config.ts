import preact from '@preact/preset-vite'
import { defineConfig } from 'vite'

// The API serves this build at /inbox/; in development Vite proxies the API to it.
const api = process.env.KEFU_API_URL ?? 'http://localhost:3000'

export default defineConfig({
  base: '/inbox/',
  plugins: [preact()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    rollupOptions: { input: { main: 'index.html', preview: 'preview.html' } },
  },
  server: {
    proxy: {
      '/v1/ws': { target: api.replace(/^http/, 'ws'), ws: true },
      '/v1': api,
      '/widget.js': api,
      '/widget/': api,
    },
  },
})
