/**
 * Wire formats between Kefu and a shop backend (DESIGN.md "Shop contract" and "Shop API").
 *
 * - Kefu → shop: signed webhook envelopes (`order.lookup`, `order.action`, events) and the
 *   answers the shop gives (`OrderLookupResponse`, `OrderActionResponse`).
 * - Shop → Kefu: bodies of the Shop API (`/v1/shop/...`, `Authorization: Bearer sk_…`).
 *
 * Everything a shop sends is untrusted text (it may carry HTML or prompt injection), so every
 * string and array here is bounded. Objects strip unknown keys on parse: a shop that returns
 * more than the contract (say, a full code) does not leak it further.
 */
import { z } from 'zod'

// ---------------------------------------------------------------------------
// Building blocks
// ---------------------------------------------------------------------------

/** An ISO 8601 date-time, `Z` or a numeric offset (shops in China often send `+08:00`). */
export const isoDateTimeSchema = z.iso.datetime({ offset: true })

/** A decimal amount as a string, never a float: `"19.90"`, `"0"`, `"1200.5"`. */
export const decimalStringSchema = z
  .string()
  .regex(/^\d{1,12}(\.\d{1,8})?$/, 'expected a non-negative decimal string like "19.90"')

/** An amount of money in one currency (ISO 4217 code, upper case). */
export const moneySchema = z.object({
  value: decimalStringSchema,
  currency: z.string().regex(/^[A-Z]{3}$/, 'expected a 3-letter upper-case currency code'),
})
export type Money = z.infer<typeof moneySchema>

/** The shop's order number (dujiaoka: 16 characters; acg-faka: ~18 digits). */
export const orderNoSchema = z.string().trim().min(1).max(64)

/** The shop's own id for a buyer account, as passed to `kefu('identify', { id })`. */
export const customerIdSchema = z.string().min(1).max(128)

/** A Kefu id (ticket, conversation, message, …). */
const kefuIdSchema = z.string().min(1).max(64)

/** HMAC-SHA256 as 64 lower-case hex characters. */
export const hexSha256Schema = z.string().regex(/^[0-9a-f]{64}$/, 'expected 64 lower-case hex')

// ---------------------------------------------------------------------------
// Order (what the shop answers to order.lookup)
// ---------------------------------------------------------------------------

export const orderStatusSchema = z.enum([
  'unpaid',
  'paid_pending',
  'delivered',
  'delivery_failed',
  'refunded',
  'cancelled',
  'expired',
])
export type OrderStatus = z.infer<typeof orderStatusSchema>

export const orderItemSchema = z.object({
  sku: z.string().min(1).max(128).optional(),
  title: z.string().min(1).max(300),
  quantity: z.int().min(1).max(100_000),
  unitPrice: moneySchema,
  /** `auto`: codes from stock; `manual`: the shop fulfils by hand (top-ups). */
  delivery: z.enum(['auto', 'manual']),
})
export type OrderItem = z.infer<typeof orderItemSchema>

/** A delivered code as Kefu may see it: masked, plus a fingerprint to match pasted codes. */
export const orderCodeSchema = z.object({
  /** e.g. `AB****9Z1Q` (shop-sdk `maskCode`). */
  masked: z.string().min(1).max(64),
  /** hex HMAC-SHA256(whsec, normalised code) (shop-sdk `fingerprintCode`). */
  fingerprint: hexSha256Schema,
  status: z.enum(['delivered', 'used', 'invalid']).optional(),
})
export type OrderCode = z.infer<typeof orderCodeSchema>

export const orderSchema = z
  .object({
    orderNo: orderNoSchema,
    status: orderStatusSchema,
    /** The shop's own status value, shown to agents as-is (e.g. dujiaoka `6`). */
    rawStatus: z.string().max(64).optional(),
    createdAt: isoDateTimeSchema,
    paidAt: isoDateTimeSchema.optional(),
    amount: moneySchema,
    /** e.g. `alipay`, `wxpay`, `usdt`. */
    payChannel: z.string().max(64).optional(),
    buyer: z.object({
      emailMasked: z.string().max(254).optional(),
      contactMasked: z.string().max(128).optional(),
    }),
    /** Set by consignment marketplaces (寄售) with many sellers. */
    seller: z.object({ id: z.string().min(1).max(128), name: z.string().min(1).max(200) }).optional(),
    items: z.array(orderItemSchema).max(100),
    codes: z.array(orderCodeSchema).max(1000),
    /** Codes delivered so far vs. codes ordered: `delivered < expected` is the out-of-stock case. */
    delivered: z.int().min(0).max(1_000_000),
    expected: z.int().min(0).max(1_000_000),
    /** What the shop allows Kefu to do with this order right now. */
    actions: z.object({ resend: z.boolean(), refund: z.boolean() }),
  })
  .meta({ id: 'Order' })
export type Order = z.infer<typeof orderSchema>

// ---------------------------------------------------------------------------
// Webhooks (Kefu → shop)
// ---------------------------------------------------------------------------

/** Delivery id, the same on every retry of one delivery (also in the `Kefu-Delivery` header). */
export const deliveryIdSchema = z.string().regex(/^dlv_[A-Za-z0-9_-]{1,64}$/, 'expected dlv_…')
export const tenantIdSchema = z.string().regex(/^ten_[A-Za-z0-9_-]{1,64}$/, 'expected ten_…')

/**
 * `order.lookup` data: by order number (+ the contact the buyer typed), or by the shop's
 * customer id, which Kefu sends only for a visitor whose identity hash it verified.
 * A wrong contact must answer `{orders: []}`, exactly like an unknown order.
 */
export const orderLookupDataSchema = z.union([
  z.object({ orderNo: orderNoSchema, contact: z.string().trim().min(1).max(254).optional() }),
  z.object({ customerId: customerIdSchema }),
])
export type OrderLookupData = z.infer<typeof orderLookupDataSchema>

export const orderActionTypeSchema = z.enum(['resend', 'refund', 'note'])
export type OrderActionType = z.infer<typeof orderActionTypeSchema>

/** `order.action` data. The shop must never act twice for one `idempotencyKey`. */
export const orderActionDataSchema = z.object({
  orderNo: orderNoSchema,
  action: orderActionTypeSchema,
  /** Partial refund amount; absent means the whole order. */
  amount: moneySchema.optional(),
  reason: z.string().max(2000),
  actor: z.object({ type: z.enum(['bot', 'agent']), id: z.string().min(1).max(64) }),
  idempotencyKey: z.string().min(1).max(128),
})
export type OrderActionData = z.infer<typeof orderActionDataSchema>

export const ticketStatusSchema = z.enum(['new', 'open', 'pending', 'on_hold', 'solved', 'closed'])
export type TicketStatus = z.infer<typeof ticketStatusSchema>

// Event data is loose: Kefu may add fields later and a shop on an older SDK keeps them.
const ticketEventDataSchema = z.looseObject({
  ticketId: kefuIdSchema,
  status: ticketStatusSchema,
  conversationId: kefuIdSchema.optional(),
  customerId: customerIdSchema.optional(),
  category: z.string().max(64).optional(),
  priority: z.string().max(32).optional(),
  orderNos: z.array(orderNoSchema).max(50).optional(),
})

export const ticketCreatedDataSchema = ticketEventDataSchema
export const ticketUpdatedDataSchema = ticketEventDataSchema.extend({
  /** Names of the fields that changed, e.g. `["status", "assignee"]`. */
  changed: z.array(z.string().max(64)).max(50).optional(),
})
export const ticketResolvedDataSchema = ticketEventDataSchema.extend({
  status: z.enum(['solved', 'closed']),
  resolvedAt: isoDateTimeSchema,
})
export const conversationCreatedDataSchema = z.looseObject({
  conversationId: kefuIdSchema,
  status: z.string().max(32).optional(),
  customerId: customerIdSchema.optional(),
  orderNo: orderNoSchema.optional(),
})
export const messageCreatedDataSchema = z.looseObject({
  messageId: kefuIdSchema,
  conversationId: kefuIdSchema,
  author: z.looseObject({
    type: z.enum(['visitor', 'agent', 'bot', 'system']),
    id: z.string().max(64).optional(),
  }),
  customerId: customerIdSchema.optional(),
  text: z.string().max(4000).optional(),
})
export const csatSubmittedDataSchema = z.looseObject({
  conversationId: kefuIdSchema,
  ticketId: kefuIdSchema.optional(),
  customerId: customerIdSchema.optional(),
  rating: z.int().min(1).max(5),
  comment: z.string().max(2000).optional(),
})

function envelopeOf<T extends string, D extends z.ZodType>(type: T, data: D) {
  return z.object({
    id: deliveryIdSchema,
    type: z.literal(type),
    tenant: tenantIdSchema,
    /** Unix seconds when Kefu created the delivery (retries keep it). */
    created: z.int().min(0),
    data,
  })
}

export const orderLookupEnvelopeSchema = envelopeOf('order.lookup', orderLookupDataSchema)
export const orderActionEnvelopeSchema = envelopeOf('order.action', orderActionDataSchema)
export const webhookEventEnvelopeSchema = z.discriminatedUnion('type', [
  envelopeOf('ticket.created', ticketCreatedDataSchema),
  envelopeOf('ticket.updated', ticketUpdatedDataSchema),
  envelopeOf('ticket.resolved', ticketResolvedDataSchema),
  envelopeOf('conversation.created', conversationCreatedDataSchema),
  envelopeOf('message.created', messageCreatedDataSchema),
  envelopeOf('csat.submitted', csatSubmittedDataSchema),
])

/** Every request Kefu sends to the shop's webhook URL. */
export const webhookEnvelopeSchema = z
  .discriminatedUnion('type', [
    orderLookupEnvelopeSchema,
    orderActionEnvelopeSchema,
    ...webhookEventEnvelopeSchema.options,
  ])
  .meta({ id: 'WebhookEnvelope' })
export type WebhookEnvelope = z.infer<typeof webhookEnvelopeSchema>
export type OrderLookupEnvelope = z.infer<typeof orderLookupEnvelopeSchema>
export type OrderActionEnvelope = z.infer<typeof orderActionEnvelopeSchema>
export type WebhookEventEnvelope = z.infer<typeof webhookEventEnvelopeSchema>
export type WebhookType = WebhookEnvelope['type']
export type WebhookEventType = WebhookEventEnvelope['type']

export const webhookTypes = webhookEnvelopeSchema.options.map(
  (option) => option.shape.type.value,
) as readonly WebhookType[]

/** The shop's answer to `order.lookup`. */
export const orderLookupResponseSchema = z
  .object({ orders: z.array(orderSchema).max(50) })
  .meta({ id: 'OrderLookupResponse' })
export type OrderLookupResponse = z.infer<typeof orderLookupResponseSchema>

/**
 * The shop's answer to `order.action`. `status` is the outcome of the action: `completed`
 * (done now), `pending` (accepted, finishes later, e.g. a refund awaiting the payment provider)
 * or `rejected` (`ok: false`). `message` is shown to the agent or relayed by the bot.
 * Repeating an `idempotencyKey` must return the first outcome without acting again.
 */
export const orderActionResponseSchema = z
  .object({
    ok: z.boolean(),
    status: z.enum(['completed', 'pending', 'rejected']),
    message: z.string().max(1000),
    /** The order after the action, to refresh the agent's order card. */
    order: orderSchema.optional(),
  })
  .refine((answer) => answer.ok === (answer.status !== 'rejected'), {
    message: 'ok must be false exactly when status is "rejected"',
    path: ['ok'],
  })
  .meta({ id: 'OrderActionResponse' })
export type OrderActionResponse = z.infer<typeof orderActionResponseSchema>

// ---------------------------------------------------------------------------
// Shop API (shop → Kefu), Authorization: Bearer sk_…
// ---------------------------------------------------------------------------

export const shopOrderEventTypeSchema = z.enum([
  'order.paid',
  'order.delivered',
  'order.delivery_failed',
  'order.refunded',
])
export type ShopOrderEventType = z.infer<typeof shopOrderEventTypeSchema>

/**
 * `POST /v1/shop/events`: something happened to an order. Kefu refreshes the order card and,
 * with `notifyBuyer` (default: the tenant's setting), may message the buyer proactively.
 * `order`, when given, is the order as it is now and must have the same `orderNo`.
 */
export const shopEventRequestSchema = z
  .object({
    type: shopOrderEventTypeSchema,
    orderNo: orderNoSchema,
    customerId: customerIdSchema.optional(),
    occurredAt: isoDateTimeSchema.optional(),
    order: orderSchema.optional(),
    notifyBuyer: z.boolean().optional(),
  })
  .refine((event) => event.order === undefined || event.order.orderNo === event.orderNo, {
    message: 'order.orderNo must equal orderNo',
    path: ['order', 'orderNo'],
  })
  .meta({ id: 'ShopEventRequest' })
export type ShopEventRequest = z.infer<typeof shopEventRequestSchema>

/** Answer to `POST /v1/shop/events`. `notified`: a message to the buyer was queued. */
export const shopEventResponseSchema = z
  .object({
    ok: z.literal(true),
    notified: z.boolean(),
  })
  .meta({ id: 'ShopEventResponse' })
export type ShopEventResponse = z.infer<typeof shopEventResponseSchema>

/**
 * `POST /v1/shop/messages`: a proactive message to a customer, shown as from the shop.
 * Without `conversationId` it goes to the customer's latest open conversation (or a new one).
 */
export const shopMessageRequestSchema = z
  .object({
    customerId: customerIdSchema,
    text: z.string().trim().min(1).max(4000),
    conversationId: kefuIdSchema.optional(),
  })
  .meta({ id: 'ShopMessageRequest' })
export type ShopMessageRequest = z.infer<typeof shopMessageRequestSchema>

export const shopMessageResponseSchema = z
  .object({
    conversationId: kefuIdSchema,
    messageId: kefuIdSchema,
  })
  .meta({ id: 'ShopMessageResponse' })
export type ShopMessageResponse = z.infer<typeof shopMessageResponseSchema>

/** Query of `GET /v1/shop/tickets?customerId=`. */
export const shopTicketsQuerySchema = z.object({ customerId: customerIdSchema })
export type ShopTicketsQuery = z.infer<typeof shopTicketsQuerySchema>

/** One ticket as the shop sees it (the buyer-safe summary, no internal notes). */
export const shopTicketSchema = z
  .object({
    id: kefuIdSchema,
    /** The number the buyer sees in the chat (#1024). */
    number: z.int().min(1).optional(),
    status: ticketStatusSchema,
    subject: z.string().max(300).optional(),
    category: z.string().max(64).optional(),
    priority: z.string().max(32).optional(),
    conversationId: kefuIdSchema.optional(),
    orderNos: z.array(orderNoSchema).max(50),
    createdAt: isoDateTimeSchema,
    updatedAt: isoDateTimeSchema,
  })
  .meta({ id: 'ShopTicket' })
export type ShopTicket = z.infer<typeof shopTicketSchema>

/** Answer to `GET /v1/shop/tickets?customerId=`, newest first. */
export const shopTicketsResponseSchema = z
  .object({ tickets: z.array(shopTicketSchema).max(500) })
  .meta({ id: 'ShopTicketsResponse' })
export type ShopTicketsResponse = z.infer<typeof shopTicketsResponseSchema>

/**
 * Answer to `POST /v1/shop/customers/:id/erase` (privacy request). Erasing is idempotent:
 * erasing an unknown or already-erased customer answers with zero counts.
 */
export const shopEraseResponseSchema = z
  .object({
    customerId: customerIdSchema,
    erased: z.object({
      conversations: z.int().min(0),
      messages: z.int().min(0),
      tickets: z.int().min(0),
      attachments: z.int().min(0),
    }),
  })
  .meta({ id: 'ShopEraseResponse' })
export type ShopEraseResponse = z.infer<typeof shopEraseResponseSchema>
