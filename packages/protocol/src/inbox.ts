import { z } from 'zod'
import { roleSchema } from './auth.ts'
import { conversationStatusSchema } from './conversations.ts'
import { localeSchema } from './widget.ts'

/** Passwords are at least this long; the server checks it too. */
export const MIN_PASSWORD_LENGTH = 10

const password = z.string().min(MIN_PASSWORD_LENGTH, `at least ${MIN_PASSWORD_LENGTH} characters`).max(200)

// ---------------------------------------------------------------- sign-up and passwords

export const signupRequestSchema = z
  .object({
    email: z.email().max(254),
    password,
    name: z.string().trim().min(1).max(120),
    shopName: z.string().trim().min(1).max(120),
    /** The shop's site, added to the allowed origins. */
    origin: z.string().max(200).optional(),
  })
  .meta({ id: 'SignupRequest' })
export type SignupRequest = z.infer<typeof signupRequestSchema>

export const signupStatusSchema = z.object({ enabled: z.boolean() }).meta({ id: 'SignupStatus' })

export const passwordResetRequestSchema = z
  .object({ email: z.email().max(254) })
  .meta({ id: 'PasswordResetRequest' })

export const passwordResetConfirmSchema = z
  .object({ token: z.string().min(10).max(200), password })
  .meta({ id: 'PasswordResetConfirm' })

export const acceptInviteSchema = z
  .object({ token: z.string().min(10).max(200), name: z.string().trim().min(1).max(120), password })
  .meta({ id: 'AcceptInvite' })

// ---------------------------------------------------------------- settings

export const hexColorSchema = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'a colour like #2563eb')

export const widgetAppearanceSchema = z
  .object({
    color: hexColorSchema,
    logoUrl: z
      .url({ protocol: /^https?$/ })
      .max(500)
      .nullable(),
    greeting: z.partialRecord(localeSchema, z.string().max(500)),
    position: z.enum(['right', 'left']),
  })
  .meta({ id: 'WidgetAppearance' })
export type WidgetAppearance = z.infer<typeof widgetAppearanceSchema>

export const shopSettingsSchema = z
  .object({
    shopName: z.string(),
    widget: widgetAppearanceSchema,
    allowedOrigins: z.array(z.string()),
    requireVerifiedIdentity: z.boolean(),
    install: z.object({
      publicKey: z.string().nullable(),
      /** Where Kefu is reached (the snippet's script host). */
      kefuUrl: z.string(),
      snippet: z.string(),
    }),
  })
  .meta({ id: 'ShopSettings' })
export type ShopSettings = z.infer<typeof shopSettingsSchema>

export const updateShopSettingsSchema = z
  .object({
    shopName: z.string().trim().min(1).max(120).optional(),
    widget: widgetAppearanceSchema.partial().optional(),
    allowedOrigins: z.array(z.string().max(200)).max(50).optional(),
    requireVerifiedIdentity: z.boolean().optional(),
  })
  .meta({ id: 'UpdateShopSettings' })
export type UpdateShopSettings = z.infer<typeof updateShopSettingsSchema>

export const rotatableKeySchema = z.enum(['public', 'secret', 'webhook', 'identity'])
export type RotatableKey = z.infer<typeof rotatableKeySchema>

export const shopKeysSchema = z
  .object({
    publicKey: z.string().nullable(),
    /** The start of the live secret key(s); the key itself is stored hashed. */
    secretKeys: z.array(
      z.object({ start: z.string(), createdAt: z.string(), expiresAt: z.string().nullable() }),
    ),
    webhookSecret: z.object({ live: z.number().int() }),
    /** Kefu keeps it encrypted and can show it; the shop's backend signs `identify` with it. */
    identitySecret: z.string().nullable(),
  })
  .meta({ id: 'ShopKeys' })
export type ShopKeys = z.infer<typeof shopKeysSchema>

export const rotatedKeySchema = z
  .object({
    kind: rotatableKeySchema,
    /** Shown once: store it now. */
    key: z.string(),
    previousExpireAt: z.string(),
  })
  .meta({ id: 'RotatedKey' })
export type RotatedKey = z.infer<typeof rotatedKeySchema>

// ---------------------------------------------------------------- team

export const memberStatusSchema = z.enum(['active', 'invited', 'deactivated'])

export const teamMemberSchema = z
  .object({
    agentId: z.string(),
    email: z.string(),
    name: z.string(),
    role: roleSchema,
    status: memberStatusSchema,
    joinedAt: z.string(),
  })
  .meta({ id: 'TeamMember' })
export type TeamMember = z.infer<typeof teamMemberSchema>

export const teamSchema = z.object({ members: z.array(teamMemberSchema) }).meta({ id: 'Team' })

export const inviteMemberSchema = z
  .object({ email: z.email().max(254), role: roleSchema, name: z.string().trim().max(120).optional() })
  .meta({ id: 'InviteMember' })

export const updateMemberSchema = z
  .object({ role: roleSchema.optional(), active: z.boolean().optional() })
  .refine((u) => u.role !== undefined || u.active !== undefined, { message: 'nothing to change' })
  .meta({ id: 'UpdateMember' })

/** Who a conversation can be assigned to: every agent can read this. */
export const assigneesSchema = z
  .object({ agents: z.array(z.object({ id: z.string(), name: z.string() })) })
  .meta({ id: 'Assignees' })

// ---------------------------------------------------------------- canned replies

export const cannedReplySchema = z
  .object({
    id: z.string(),
    /** What an agent types after `/` to find it, e.g. `resend`. */
    shortcut: z.string(),
    title: z.string(),
    text: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'CannedReply' })
export type CannedReply = z.infer<typeof cannedReplySchema>

export const cannedReplyListSchema = z
  .object({ cannedReplies: z.array(cannedReplySchema) })
  .meta({ id: 'CannedReplyList' })

export const createCannedReplySchema = z
  .object({
    shortcut: z
      .string()
      .min(1)
      .max(40)
      .regex(/^[\p{L}\p{N}_-]+$/u, 'letters, digits, _ and - only'),
    title: z.string().trim().min(1).max(120),
    text: z.string().trim().min(1).max(4000),
  })
  .meta({ id: 'CreateCannedReply' })

export const updateCannedReplySchema = createCannedReplySchema
  .partial()
  .refine((u) => Object.values(u).some((v) => v !== undefined), { message: 'nothing to change' })
  .meta({ id: 'UpdateCannedReply' })

// ---------------------------------------------------------------- visitor context (side panel)

export const visitorPageSchema = z.object({ url: z.string(), title: z.string().optional(), at: z.string() })

export const visitorContextSchema = z
  .object({
    visitor: z.object({
      id: z.string(),
      name: z.string().nullable(),
      email: z.string().nullable(),
      verified: z.boolean(),
      externalId: z.string().nullable(),
      locale: z.string().nullable(),
      firstSeenAt: z.string(),
      lastSeenAt: z.string(),
    }),
    /** Newest first; the first is the page the buyer is on (or was last). */
    pages: z.array(visitorPageSchema),
    /** The visitor's other conversations with this shop, newest first. */
    pastConversations: z.array(
      z.object({
        id: z.string(),
        status: conversationStatusSchema,
        lastMessage: z.string().nullable(),
        createdAt: z.string(),
        updatedAt: z.string(),
      }),
    ),
  })
  .meta({ id: 'VisitorContext' })
export type VisitorContext = z.infer<typeof visitorContextSchema>
