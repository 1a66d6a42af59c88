import { z } from 'zod'
import { conversationSchema } from './conversations.ts'

export const localeSchema = z.enum(['zh-CN', 'zh-TW', 'en'])
export type Locale = z.infer<typeof localeSchema>

/** What the widget shows of the shop: public by design. */
export const widgetSettingsSchema = z
  .object({
    shopName: z.string(),
    color: z.string(),
    logoUrl: z.string().nullable(),
    greeting: z.partialRecord(localeSchema, z.string().max(500)),
    position: z.enum(['right', 'left']),
    requireVerifiedIdentity: z.boolean(),
  })
  .meta({ id: 'WidgetSettings' })
export type WidgetSettings = z.infer<typeof widgetSettingsSchema>

export const openSessionSchema = z
  .object({
    publicKey: z.string().startsWith('pk_').max(80),
    /**
     * The shop page's origin. When the request comes from Kefu's own frame, the frame vouches for
     * it (it checked the parent's origin on postMessage); otherwise it must equal the Origin header.
     */
    hostOrigin: z.string().max(200).optional(),
    /** A token from an earlier session in this browser, to come back as the same visitor. */
    visitorToken: z.string().max(200).optional(),
    locale: localeSchema.optional(),
    page: z.object({ url: z.string().max(2000), title: z.string().max(300).optional() }).optional(),
  })
  .meta({ id: 'OpenSession' })

export const visitorSchema = z.object({
  id: z.string(),
  name: z.string().nullable(),
  email: z.string().nullable(),
  verified: z.boolean(),
})

export const sessionSchema = z
  .object({
    visitorToken: z.string(),
    visitor: visitorSchema,
    settings: widgetSettingsSchema,
    conversations: z.array(conversationSchema),
  })
  .meta({ id: 'WidgetSession' })
export type WidgetSession = z.infer<typeof sessionSchema>

export const identifySchema = z
  .object({
    userId: z.string().min(1).max(128),
    /** hex(HMAC-SHA256(identitySecret, userId)) computed by the shop's backend. */
    userHash: z.string().regex(/^[0-9a-fA-F]{64}$/, 'a 64-character hex HMAC-SHA256'),
    name: z.string().max(120).optional(),
    email: z.email().max(254).optional(),
  })
  .meta({ id: 'Identify' })
export type Identify = z.infer<typeof identifySchema>
