import { readFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

const examplePage = new URL('../../../examples/html/index.html', import.meta.url)

export interface ShopPage {
  /** `http://localhost:<port>`: another origin than Kefu's `http://127.0.0.1:<port>`. */
  origin: string
  /** Points the page at a Kefu and a shop key (the server is started before the shop exists). */
  use(kefuUrl: string, key: string): void
  close(): Promise<void>
}

/**
 * Serves examples/html/index.html the way a shop would: `/` with the snippet (placeholders
 * replaced), `/no-widget` without it and `/no-prefetch` with `data-prefetch="false"` (for comparisons). Read per request so edits show at once.
 */
export async function serveShopPage(): Promise<ShopPage> {
  let kefuUrl = 'http://127.0.0.1:1'
  let key = 'pk_unset'
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname
    if (path !== '/' && path !== '/no-widget' && path !== '/no-prefetch') {
      res.writeHead(404).end()
      return
    }
    let html = readFileSync(examplePage, 'utf8').replaceAll('KEFU_URL', kefuUrl).replaceAll('KEFU_KEY', key)
    if (path === '/no-widget') html = html.replace(/<script async src="[^"]*widget\.js"[^>]*><\/script>/, '')
    if (path === '/no-prefetch') html = html.replace('data-key=', 'data-prefetch="false" data-key=')
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(html)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    origin: `http://localhost:${port}`,
    use(url, k) {
      kefuUrl = url
      key = k
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
}
