import { attachmentTypes, MAX_ATTACHMENT_BYTES } from '@kefu/protocol'
import { expect, it } from 'vitest'
import { acceptAttribute, MAX_UPLOAD_BYTES, uploadProblem } from './upload-rules.ts'

it('follows the protocol: its types, its size limit', () => {
  expect(MAX_UPLOAD_BYTES).toBe(MAX_ATTACHMENT_BYTES)
  expect(acceptAttribute.split(',')).toEqual([...attachmentTypes])
  expect(uploadProblem({ size: 1000, type: 'image/png' })).toBeUndefined()
  expect(uploadProblem({ size: MAX_ATTACHMENT_BYTES + 1, type: 'image/png' })).toBe('uploadTooBig')
  expect(uploadProblem({ size: 10, type: 'text/html' })).toBe('uploadType')
})
