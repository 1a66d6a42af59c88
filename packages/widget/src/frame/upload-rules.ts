import type { attachmentTypes } from '@kefu/protocol'

/*
 * Type-only imports: a value import from @kefu/protocol would pull classic zod into the frame.
 * `satisfies` keeps the type list equal to the protocol's; upload-rules.test.ts checks the size.
 */
const accepted = [
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'application/pdf',
] as const satisfies typeof attachmentTypes
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024

/** For the file picker. */
export const acceptAttribute = accepted.join(',')

/** Why a file cannot be sent, checked before uploading (the server checks again, by content). */
export function uploadProblem(file: {
  size: number
  type: string
}): 'uploadTooBig' | 'uploadType' | undefined {
  if (file.size > MAX_UPLOAD_BYTES) return 'uploadTooBig'
  if (!(accepted as readonly string[]).includes(file.type)) return 'uploadType'
}
