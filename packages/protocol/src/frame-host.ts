import { z } from 'zod/mini'
import { empty, message, text } from './frame.ts'

// Its own module so the frame, which only sends these, does not bundle the schema's checks
// (zod/mini's `.check()` calls cannot be tree-shaken); the loader's guard is tested against it.

/**
 * Frame → loader. Nothing here carries message text, orders or codes: scripts on the host page
 * can read these, so they learn only that something happened.
 */
export const frameToHostSchema = z.discriminatedUnion('type', [
  message('kefu:ready', empty),
  /** The panel shows and the composer (or list) has focus. */
  message('kefu:opened', empty),
  /** The buyer closed the panel from inside (close button or Esc). */
  message('kefu:close', empty),
  message('kefu:unread', z.object({ count: z.number().check(z.int(), z.minimum(0)) })),
  message(
    'kefu:theme',
    z.object({
      color: z.string().check(z.regex(/^#[0-9a-fA-F]{6}$/)),
      position: z.enum(['right', 'left']),
    }),
  ),
  message(
    'kefu:message',
    z.object({ conversationId: text(40), author: z.enum(['visitor', 'agent', 'bot', 'system']) }),
  ),
])
export type FrameToHost = z.infer<typeof frameToHostSchema>
