import { createRoute, z } from '@hono/zod-openapi'
import { attachmentSchema, MAX_ATTACHMENT_BYTES } from '@kefu/protocol'
import type { Context } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import type { App } from '../app.ts'
import { readSignedAttachment, storeAttachment } from '../domain/attachments.ts'
import { KefuError } from '../errors.ts'
import { requireAgent } from '../middleware/agent-auth.ts'
import { assertMayWrite, requireVisitor } from '../middleware/visitor-auth.ts'
import type { AppEnv } from '../services.ts'
import { errors, json } from './openapi.ts'

/** Upload routes take files up to the attachment limit; `createApp` applies it in place of the JSON limit. */
export const uploadPaths = new Set(['/v1/widget/attachments', '/v1/attachments'])

export const uploadLimit = bodyLimit({
  maxSize: MAX_ATTACHMENT_BYTES,
  onError: () => {
    throw new KefuError(
      'payload_too_large',
      `Attachments are at most ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB`,
    )
  },
})

const uploadDoc = {
  description:
    'The file is the raw request body (Content-Type: the file type); its name in `?name=`. The type is checked by content: PNG, JPEG, GIF, WebP or PDF, at most 10 MB.',
  request: { query: z.object({ name: z.string().max(200).optional() }) },
  responses: {
    201: json(attachmentSchema, 'Stored; send its id with a message'),
    ...errors(400, 401, 403, 413, 415, 429),
  },
} as const

const visitorUpload = createRoute({
  method: 'post',
  path: '/v1/widget/attachments',
  tags: ['Widget'],
  summary: 'Upload an attachment (evidence screenshot, receipt PDF)',
  middleware: requireVisitor,
  ...uploadDoc,
})

const agentUpload = createRoute({
  method: 'post',
  path: '/v1/attachments',
  tags: ['Conversations'],
  summary: 'Upload an attachment as an agent',
  middleware: requireAgent(),
  ...uploadDoc,
})

const download = createRoute({
  method: 'get',
  path: '/v1/attachments/{id}',
  tags: ['Conversations'],
  summary: 'Download an attachment through the signed link a message carries',
  request: {
    params: z.object({ id: z.string().max(40) }),
    query: z.object({ exp: z.coerce.number().int(), sig: z.string().max(100) }),
  },
  responses: { 200: { description: 'The file' }, ...errors(400, 403, 404) },
})

async function upload<E extends AppEnv>(
  c: Context<E>,
  tenantId: string,
  uploader: { type: 'visitor' | 'agent'; id: string },
) {
  const { services } = c.var
  return storeAttachment(services.db, services.storage, services.secrets, {
    tenantId,
    uploader,
    bytes: new Uint8Array(await c.req.arrayBuffer()),
    declaredType: c.req.header('content-type'),
    name: c.req.query('name'),
  })
}

export function registerAttachments(app: App) {
  app.openapi(visitorUpload, async (c) => {
    const { services, visitor } = c.var
    assertMayWrite(visitor)
    services.limiter.take('upload', visitor.visitorId)
    return c.json(await upload(c, visitor.tenantId, { type: 'visitor', id: visitor.visitorId }), 201)
  })

  app.openapi(agentUpload, async (c) => {
    const { auth } = c.var
    return c.json(await upload(c, auth.tenantId, { type: 'agent', id: auth.agentId }), 201)
  })

  app.openapi(download, async (c) => {
    const { services } = c.var
    const { row, bytes } = await readSignedAttachment(services.db, services.storage, services.secrets, {
      id: c.req.valid('param').id,
      ...c.req.valid('query'),
    })
    const inline = row.contentType.startsWith('image/')
    return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
      'Content-Type': row.contentType,
      'Content-Length': String(row.size),
      'Content-Disposition': `${inline ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(row.name)}`,
      'Cache-Control': 'private, max-age=3600',
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': "default-src 'none'; sandbox",
    })
  })
}
