import type { App } from '../app.ts'

type OpenAPIObject = ReturnType<App['getOpenAPI31Document']>

const esc = (s: unknown) => String(s ?? '').replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`)

/** Escapes text, then shows `backticked` spans as code, as the descriptions are written. */
const prose = (s: unknown) => esc(s).replace(/`([^`]+)`/g, '<code>$1</code>')

const methodColours: Record<string, string> = {
  get: '#2563eb',
  post: '#16a34a',
  put: '#d97706',
  patch: '#d97706',
  delete: '#dc2626',
}

/** A self-contained reference page (no CDN): every operation, its body and its answers. */
export function renderDocsPage(doc: OpenAPIObject): string {
  const sections: string[] = []
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const method of ['get', 'post', 'put', 'patch', 'delete'] as const) {
      const op = item[method]
      if (!op) continue
      const body = (op.requestBody as { content?: Record<string, { schema?: unknown }> } | undefined)
        ?.content?.['application/json']?.schema
      const responses = Object.entries(op.responses ?? {})
        .map(
          ([status, r]) =>
            `<li><code>${esc(status)}</code> ${esc((r as { description?: string }).description)}</li>`,
        )
        .join('')
      sections.push(`<section id="${esc(op.operationId ?? `${method}-${path}`)}">
  <h3><span class="m" style="background:${methodColours[method]}">${method.toUpperCase()}</span> <code>${esc(path)}</code></h3>
  <p><strong>${esc(op.summary)}</strong>${op.tags?.length ? ` · <em>${esc(op.tags.join(', '))}</em>` : ''}</p>
  ${op.description ? `<p>${prose(op.description)}</p>` : ''}
  ${body ? `<details><summary>Request body</summary><pre>${esc(JSON.stringify(body, null, 2))}</pre></details>` : ''}
  <ul>${responses}</ul>
</section>`)
    }
  }
  const schemas = Object.entries(doc.components?.schemas ?? {})
    .map(
      ([name, s]) =>
        `<details id="schema-${esc(name)}"><summary>${esc(name)}</summary><pre>${esc(JSON.stringify(s, null, 2))}</pre></details>`,
    )
    .join('')
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(doc.info.title)} reference</title>
<style>
body{font:15px/1.5 system-ui,sans-serif;max-width:960px;margin:2rem auto;padding:0 1rem;color:#111827}
h1{margin-bottom:.25rem}section{border-top:1px solid #e5e7eb;padding:.5rem 0}
.m{color:#fff;border-radius:4px;padding:1px 6px;font-size:12px;vertical-align:middle}
pre{background:#f3f4f6;padding:.75rem;border-radius:6px;overflow:auto;font-size:13px}code{font-size:14px}
</style></head><body>
<h1>${esc(doc.info.title)}</h1><p>${prose(doc.info.description)}</p>
<p>Machine-readable: <a href="/openapi.json">/openapi.json</a></p>
<h2>Operations</h2>${sections.join('\n')}
<h2>Schemas</h2>${schemas}
</body></html>`
}
