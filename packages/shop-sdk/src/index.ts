/**
 * `@kefu/shop-sdk`: what a shop backend needs to integrate with Kefu.
 * Runs on Node 20+, Workers, Deno and Bun (Web Crypto and fetch only).
 */

export type {
  Money,
  Order,
  OrderActionData,
  OrderActionEnvelope,
  OrderActionResponse,
  OrderCode,
  OrderItem,
  OrderLookupData,
  OrderLookupEnvelope,
  OrderLookupResponse,
  OrderStatus,
  ShopEraseResponse,
  ShopEventRequest,
  ShopEventResponse,
  ShopMessageRequest,
  ShopMessageResponse,
  ShopTicket,
  ShopTicketsResponse,
  WebhookEnvelope,
  WebhookEventEnvelope,
} from '@kefu/protocol/shop'
export { KefuApiError } from './api-error.ts'
export { type CallOptions, createKefuClient, type KefuClient, type KefuClientOptions } from './client.ts'
export { fingerprintCode, maskCode, normaliseCode } from './codes.ts'
export {
  createWebhookHandler,
  DELIVERY_HEADER,
  type WebhookHandler,
  type WebhookHandlerOptions,
} from './handler.ts'
export { signIdentity } from './identity.ts'
export { type NodeListener, type NodeListenerOptions, toNodeListener } from './node.ts'
export {
  createMemoryReplayStore,
  type MemoryReplayStoreOptions,
  REPLAY_TTL_SECONDS,
  type ReplayRecord,
  type ReplayStore,
} from './replay-store.ts'
export {
  DEFAULT_TOLERANCE_SECONDS,
  SIGNATURE_HEADER,
  type SignatureCheck,
  type SignatureErrorCode,
  signPayload,
  type VerifySignatureOptions,
  verifySignature,
} from './signature.ts'
