import type { App } from '../app.ts'
import { renderDocsPage } from './docs-page.ts'

const documentConfig = {
  openapi: '3.1.0',
  info: {
    title: 'Kefu API',
    version: '0.1.0',
    description:
      'Customer support for digital-goods shops. Errors are always `{"error":{"code","message","requestId"}}`; ' +
      'agent routes use the `kefu_session` cookie, shop routes `Authorization: Bearer sk_…`.',
  },
}

export function registerDocs(app: App) {
  app.doc31('/openapi.json', documentConfig)
  app.get('/docs', (c) => c.html(renderDocsPage(app.getOpenAPI31Document(documentConfig))))
}
