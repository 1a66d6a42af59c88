import { existsSync, readFileSync } from 'node:fs'
import { extname, join, normalize } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { App } from '../app.ts'
import { KefuError } from '../errors.ts'

/** The built widget and inbox, found from this file so the working directory does not matter. */
export const widgetDist = fileURLToPath(new URL('../../../../packages/widget/dist', import.meta.url))
export const inboxDist = fileURLToPath(new URL('../../../inbox/dist', import.meta.url))

const types: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
}

/** Hashed file names never change content: cache them for a year. Everything else briefly. */
const isHashed = (path: string) => /[.-][A-Za-z0-9_-]{8,}\.(js|css|woff2|png|svg)$/.test(path)

function fileResponse(root: string, relative: string, extraHeaders: Record<string, string> = {}): Response {
  const path = normalize(join(root, relative))
  if (!path.startsWith(root) || !existsSync(path)) throw new KefuError('not_found', `No file ${relative}`)
  const body = readFileSync(path)
  return new Response(body, {
    headers: {
      'Content-Type': types[extname(path)] ?? 'application/octet-stream',
      'Cache-Control': isHashed(path) ? 'public, max-age=31536000, immutable' : 'public, max-age=300',
      'Access-Control-Allow-Origin': '*',
      ...extraHeaders,
    },
  })
}

/**
 * The chat frame is embedded by shop pages on any origin (which shop may use it is decided when the
 * frame opens a session: the server checks the page origin against the shop's allowed origins).
 * `frame-ancestors *` lets it be framed; browsers then ignore the global `X-Frame-Options:
 * SAMEORIGIN`. Everything else is locked to Kefu's origin: its own scripts, styles and API,
 * images from anywhere over https (shop logos) and blob: (previews of screenshots being attached).
 */
const frameHeaders = {
  'Content-Security-Policy': [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' https: data: blob:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    'frame-ancestors *',
  ].join('; '),
}

/**
 * Serves the widget (`/widget.js`, the frame and its hashed assets under `/widget/`) and the
 * inbox SPA under `/inbox`. Plain files: a CDN can serve the same folders.
 */
export function registerStatic(app: App) {
  app.get('/widget.js', () => {
    if (!existsSync(join(widgetDist, 'widget.js'))) {
      throw new KefuError('not_found', 'The widget is not built: run pnpm --filter @kefu/widget build')
    }
    return fileResponse(widgetDist, 'widget.js')
  })
  app.get('/widget/*', (c) => {
    const file = c.req.path.slice('/widget/'.length)
    return fileResponse(widgetDist, file, file === 'frame.html' ? frameHeaders : {})
  })
  app.get('/inbox', (c) => c.redirect('/inbox/'))
  app.get('/inbox/*', (c) => {
    const rest = c.req.path.slice('/inbox/'.length)
    // Client-side routes fall back to the SPA's index.html.
    if (rest && existsSync(join(inboxDist, rest)) && extname(rest)) return fileResponse(inboxDist, rest)
    if (!existsSync(join(inboxDist, 'index.html'))) {
      throw new KefuError('not_found', 'The inbox is not built: run pnpm --filter @kefu/inbox build')
    }
    return new Response(readFileSync(join(inboxDist, 'index.html')), {
      headers: { 'Content-Type': types['.html']!, 'Cache-Control': 'no-cache' },
    })
  })
}
