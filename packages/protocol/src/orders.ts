import { z } from 'zod'
import { orderActionTypeSchema, orderNoSchema, orderSchema } from './shop.ts'

/** A buyer looks an order up: order number plus the email/contact used at checkout. */
export const widgetOrderLookupSchema = z
  .object({
    orderNo: orderNoSchema,
    contact: z.string().trim().min(1).max(254),
    /** Link the order to this conversation so the agent sees it beside the thread. */
    conversationId: z.string().max(40).optional(),
  })
  .meta({ id: 'WidgetOrderLookup' })

/** A verified buyer picked one of their orders: put it on the conversation's order card. */
export const widgetOrderLinkSchema = z
  .object({ orderNo: orderNoSchema, conversationId: z.string().max(40) })
  .meta({ id: 'WidgetOrderLink' })

export const orderListSchema = z.object({ orders: z.array(orderSchema) }).meta({ id: 'OrderList' })

/** Whether Kefu can reach the shop right now, in words an agent can act on. */
export const shopStatusSchema = z
  .object({
    state: z.enum(['not_configured', 'ok', 'failing', 'circuit_open']),
    message: z.string(),
    lastError: z.string().nullable(),
    lastCallAt: z.string().nullable(),
    /** While the circuit breaker is open: when Kefu calls the shop again. */
    pausedUntil: z.string().nullable(),
  })
  .meta({ id: 'ShopStatus' })
export type ShopStatus = z.infer<typeof shopStatusSchema>

export const linkedOrderSchema = z.object({
  order: orderSchema,
  source: z.enum(['buyer', 'customer', 'agent', 'shop']),
  updatedAt: z.string(),
})
export type LinkedOrder = z.infer<typeof linkedOrderSchema>

/** The order card beside a conversation. */
export const conversationOrdersSchema = z
  .object({
    orders: z.array(linkedOrderSchema),
    shop: shopStatusSchema,
    /** What this agent may do: refunds are often admin-only. */
    permissions: z.object({
      resend: z.boolean(),
      refund: z.boolean(),
      refundMaxAmount: z.string().nullable(),
    }),
  })
  .meta({ id: 'ConversationOrders' })
export type ConversationOrders = z.infer<typeof conversationOrdersSchema>

export const agentOrderLookupSchema = z.object({ orderNo: orderNoSchema }).meta({ id: 'AgentOrderLookup' })

export const orderActionRequestSchema = z
  .object({
    action: orderActionTypeSchema,
    /** Refunds: decimal string in the order's currency; absent = the full amount. */
    amount: z
      .string()
      .regex(/^\d{1,12}(\.\d{1,2})?$/, 'a decimal amount like 19.90')
      .optional(),
    reason: z.string().trim().min(1).max(500),
    /** The same key never acts twice; reuse it when retrying the same click. */
    idempotencyKey: z.string().min(8).max(80),
  })
  .meta({ id: 'OrderActionRequest' })
export type OrderActionRequest = z.infer<typeof orderActionRequestSchema>

export const orderActionResultSchema = z
  .object({
    ok: z.boolean(),
    status: z.enum(['completed', 'pending', 'rejected', 'failed']),
    message: z.string(),
    order: orderSchema.optional(),
    /** True when this key was seen before and the stored outcome is returned. */
    replayed: z.boolean(),
  })
  .meta({ id: 'OrderActionResult' })
export type OrderActionResult = z.infer<typeof orderActionResultSchema>

export const shopConnectionSchema = z
  .object({
    webhookUrl: z.url({ protocol: /^https?$/ }).max(500),
    refundMinRole: z.enum(['agent', 'admin', 'owner']).default('admin'),
    refundMaxAmount: z
      .string()
      .regex(/^\d{1,12}(\.\d{1,2})?$/)
      .nullable()
      .default(null),
    botMayResend: z.boolean().default(true),
    notifyBuyerOnFailure: z.boolean().default(true),
    events: z
      .array(
        z.enum([
          'conversation.created',
          'message.created',
          'ticket.created',
          'ticket.updated',
          'ticket.resolved',
          'csat.submitted',
        ]),
      )
      .max(10)
      .default([]),
  })
  .meta({ id: 'ShopConnection' })
export type ShopConnection = z.infer<typeof shopConnectionSchema>

export const shopDeliverySchema = z
  .object({
    id: z.string(),
    kind: z.enum(['call', 'event']),
    type: z.string(),
    status: z.enum(['pending', 'ok', 'failed', 'skipped']),
    attempts: z.number().int(),
    httpStatus: z.number().int().nullable(),
    latencyMs: z.number().int().nullable(),
    error: z.string().nullable(),
    nextAttemptAt: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'ShopDelivery' })
export type ShopDelivery = z.infer<typeof shopDeliverySchema>
