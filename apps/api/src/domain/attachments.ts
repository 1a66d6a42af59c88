import { createHash } from 'node:crypto'
import { attachments, type Db } from '@kefu/db'
import { type Attachment, MAX_ATTACHMENT_BYTES, newId } from '@kefu/protocol'
import { and, eq } from 'drizzle-orm'
import { KefuError, notFound } from '../errors.ts'
import type { SecretBox } from '../lib/master-key.ts'
import type { BlobStorage } from '../lib/storage.ts'
import { attachmentUrl } from './dto.ts'

type AllowedType = Attachment['contentType']

/** The file's real type from its first bytes; the declared Content-Type is not trusted. */
export function sniffContentType(bytes: Uint8Array): AllowedType | undefined {
  const starts = (...sig: number[]) => sig.every((b, i) => bytes[i] === b)
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png'
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg'
  if (starts(0x47, 0x49, 0x46, 0x38)) return 'image/gif'
  if (
    starts(0x52, 0x49, 0x46, 0x46) &&
    bytes[8] === 0x57 &&
    bytes[9] === 0x45 &&
    bytes[10] === 0x42 &&
    bytes[11] === 0x50
  ) {
    return 'image/webp'
  }
  if (starts(0x25, 0x50, 0x44, 0x46, 0x2d)) return 'application/pdf'
  return undefined
}

/** A file name safe to show and to put in a Content-Disposition header. */
export function cleanFileName(name: string | undefined, type: AllowedType): string {
  const ext = {
    'image/png': 'png',
    'image/jpeg': 'jpg',
    'image/gif': 'gif',
    'image/webp': 'webp',
    'application/pdf': 'pdf',
  }[type]
  const base = (name ?? '')
    .normalize('NFC')
    // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
    .replace(/[\u0000-\u001f\u007f"\\/<>:|?*]/g, '')
    .trim()
    .slice(0, 100)
  return base || `attachment.${ext}`
}

export async function storeAttachment(
  db: Db,
  storage: BlobStorage,
  secrets: SecretBox,
  input: {
    tenantId: string
    uploader: { type: 'visitor' | 'agent'; id: string }
    bytes: Uint8Array
    declaredType: string | undefined
    name: string | undefined
  },
): Promise<Attachment> {
  if (input.bytes.byteLength === 0)
    throw new KefuError('invalid_request', 'The file is empty', { field: 'body' })
  if (input.bytes.byteLength > MAX_ATTACHMENT_BYTES) {
    throw new KefuError(
      'payload_too_large',
      `Attachments are at most ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB`,
    )
  }
  const type = sniffContentType(input.bytes)
  if (!type) {
    throw new KefuError(
      'unsupported_media_type',
      'Only PNG, JPEG, GIF, WebP images and PDF files can be attached',
    )
  }
  const declared = input.declaredType?.split(';')[0]?.trim().toLowerCase()
  if (declared && declared !== 'application/octet-stream' && declared !== type) {
    throw new KefuError(
      'unsupported_media_type',
      `The file says it is ${declared} but its content is ${type}`,
    )
  }
  const id = newId('attachment')
  const storageKey = `${input.tenantId}/${id}`
  await storage.put(storageKey, input.bytes)
  const name = cleanFileName(input.name, type)
  await db.insert(attachments).values({
    id,
    tenantId: input.tenantId,
    uploaderType: input.uploader.type,
    uploaderId: input.uploader.id,
    name,
    contentType: type,
    size: input.bytes.byteLength,
    sha256: createHash('sha256').update(input.bytes).digest('hex'),
    storageKey,
  })
  return { id, name, contentType: type, size: input.bytes.byteLength, url: attachmentUrl(secrets, id) }
}

/** The bytes behind a signed link, if the signature holds and has not expired. */
export async function readSignedAttachment(
  db: Db,
  storage: BlobStorage,
  secrets: SecretBox,
  input: { id: string; exp: number; sig: string },
) {
  if (
    !(input.exp * 1000 > Date.now()) ||
    !secrets.verify('attachment', `${input.id}.${input.exp}`, input.sig)
  ) {
    throw new KefuError('forbidden', 'This attachment link is invalid or has expired')
  }
  const [row] = await db
    .select()
    .from(attachments)
    .where(and(eq(attachments.id, input.id)))
  const bytes = row && (await storage.get(row.storageKey))
  if (!row || !bytes) throw notFound('Attachment')
  return { row, bytes }
}
