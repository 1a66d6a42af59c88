import { frameToHostSchema } from '@kefu/protocol/frame-host'
import { describe, expect, it } from 'vitest'
import { readFrameMessage } from './guard.ts'

const samples: unknown[] = [
  { type: 'kefu:ready' },
  { type: 'kefu:opened', payload: {} },
  { type: 'kefu:close' },
  { type: 'kefu:unread', payload: { count: 3 } },
  { type: 'kefu:unread', payload: { count: -1 } },
  { type: 'kefu:unread', payload: { count: 1.5 } },
  { type: 'kefu:unread', payload: { count: '3' } },
  { type: 'kefu:theme', payload: { color: '#12abEF', position: 'left' } },
  { type: 'kefu:theme', payload: { color: 'red', position: 'left' } },
  { type: 'kefu:theme', payload: { color: '#123456;background:url(x)', position: 'right' } },
  { type: 'kefu:theme', payload: { color: '#123456', position: 'top' } },
  { type: 'kefu:message', payload: { conversationId: 'cnv_1', author: 'agent' } },
  { type: 'kefu:message', payload: { conversationId: 'cnv_1', author: 'hacker' } },
  { type: 'kefu:message', payload: { author: 'agent' } },
  { type: 'kefu:eval', payload: { code: 'alert(1)' } },
  { type: 42 },
  'kefu:ready',
  null,
]

describe('the loader guard', () => {
  it('accepts exactly what the protocol schema accepts', () => {
    for (const sample of samples) {
      const schema = frameToHostSchema.safeParse(sample)
      const guard = readFrameMessage(sample)
      expect({ sample, accepted: guard !== undefined }).toEqual({ sample, accepted: schema.success })
      if (schema.success) expect(guard).toEqual({ ...schema.data, payload: schema.data.payload ?? {} })
    }
  })

  it('passes on no extra fields the frame might have added', () => {
    const out = readFrameMessage({
      type: 'kefu:message',
      payload: { conversationId: 'c', author: 'agent', text: 'code' },
    })
    expect(out?.payload).toEqual({ conversationId: 'c', author: 'agent' })
  })
})
