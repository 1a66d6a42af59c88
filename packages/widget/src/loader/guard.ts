import type { FrameToHost } from '@kefu/protocol/frame'

/*
 * The loader has a 4 KB budget, so it carries no zod. Trust comes first from the caller's check
 * that `event.origin` is Kefu's and `event.source` is our own iframe's window; this guard then
 * checks the shape by hand, field by field, the way `frameToHostSchema` in @kefu/protocol/frame-host
 * describes it (guard.test.ts holds the two together).
 */
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null

export function readFrameMessage(data: unknown): FrameToHost | undefined {
  if (!isObject(data) || typeof data.type !== 'string') return
  const p = isObject(data.payload) ? data.payload : {}
  switch (data.type) {
    case 'kefu:ready':
    case 'kefu:opened':
    case 'kefu:close':
      return { type: data.type, payload: {} }
    case 'kefu:unread':
      return Number.isInteger(p.count) && (p.count as number) >= 0
        ? { type: data.type, payload: { count: p.count as number } }
        : undefined
    case 'kefu:theme':
      return typeof p.color === 'string' &&
        /^#[0-9a-f]{6}$/i.test(p.color) &&
        (p.position === 'left' || p.position === 'right')
        ? { type: data.type, payload: { color: p.color, position: p.position } }
        : undefined
    case 'kefu:message':
      return typeof p.conversationId === 'string' &&
        ['visitor', 'agent', 'bot', 'system'].includes(p.author as string)
        ? {
            type: data.type,
            payload: {
              conversationId: p.conversationId,
              author: p.author as 'visitor' | 'agent' | 'bot' | 'system',
            },
          }
        : undefined
  }
}
