import { z } from 'zod/mini'

/*
 * What the loader (on the shop's page) and the widget frame (on Kefu's origin) say to each other
 * over postMessage: `{type: 'kefu:…', payload}`. Written with `zod/mini` so the frame can
 * validate what the host page sends without shipping classic zod (the frame budget is 30 KB).
 * The loader (4 KB budget) carries no zod at all: it checks `event.origin` and `event.source`
 * and a hand-written guard (packages/widget/src/loader/guard.ts) that the tests hold to these
 * schemas.
 */

/** Same list as `localeSchema` in widget.ts (a test keeps them equal); mini to stay small. */
export const frameLocaleSchema = z.enum(['zh-CN', 'zh-TW', 'en'])

export const text = (max: number) => z.string().check(z.maxLength(max))

/** What `kefu('identify', {id, hash, name, email})` hands the frame; the server checks the HMAC. */
export const frameIdentitySchema = z.object({
  userId: text(128).check(z.minLength(1)),
  userHash: z.string().check(z.regex(/^[0-9a-fA-F]{64}$/)),
  name: z.optional(text(120)),
  email: z.optional(text(254)),
})
export type FrameIdentity = z.infer<typeof frameIdentitySchema>

export const message = <T extends string, P extends z.core.SomeType>(type: T, payload: P) =>
  z.object({ type: z.literal(type), payload })
export const empty = z.optional(z.object({}))

/** Loader → frame. The first is always `kefu:init`, sent after the frame said `kefu:ready`. */
export const hostToFrameSchema = z.discriminatedUnion('type', [
  message(
    'kefu:init',
    z.object({
      publicKey: z.string().check(z.startsWith('pk_'), z.maxLength(80)),
      locale: z.optional(frameLocaleSchema),
      page: z.object({ url: text(2000), title: z.optional(text(300)) }),
      /** The panel is already open: open the session now rather than lazily. */
      open: z.boolean(),
    }),
  ),
  message('kefu:open', empty),
  message('kefu:close', empty),
  message('kefu:identify', frameIdentitySchema),
  /** The order the buyer is looking at on the shop page (for the order card). */
  message('kefu:order', z.object({ orderId: z.nullable(text(100)) })),
  message('kefu:locale', z.object({ locale: frameLocaleSchema })),
  /** `kefu('reset')`: the shop logged the buyer out. */
  message('kefu:reset', empty),
])
export type HostToFrame = z.infer<typeof hostToFrameSchema>

export type { FrameToHost } from './frame-host.ts'
