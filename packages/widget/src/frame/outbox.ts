import type { ClientFrame, Message, ServerEvent } from '@kefu/protocol'
import { ApiError, asApiError } from './api.ts'
import { sleep } from './backoff.ts'
import { applyMessage, type ChatState, type PendingMessage } from './state.ts'
import type { Store } from './store.ts'

const ACK_TIMEOUT_MS = 20_000
/** The pause before trying again after a rate limit or a missing ack. */
const RETRY_MS = 3000

export interface Outbox {
  /** Queues a message and sends the queue if online. */
  add(item: PendingMessage): void
  /** Sends a refused message again, with the same clientId. */
  retry(clientId: string): void
  discard(clientId: string): void
  /** Sends the queue if online; call again when the socket is back. */
  flush(): Promise<void>
  /** The server's answer to a sent message: its `ack`, or an `error` naming its clientId. */
  settle(e: Extract<ServerEvent, { type: 'ack' | 'error' }>): void
  /** The socket closed: messages awaiting their ack stay queued for the next flush. */
  closed(): void
}

/**
 * The buyer's messages the server has not acknowledged, and their sender: one at a time, oldest
 * first, over the socket, each awaiting its ack before the next, so order is kept and a retry
 * (same clientId) is deduplicated by the server. Refused for good: marked `failed`, then the next.
 */
export function createOutbox(
  /** Holds the queue (`outbox`) and the connection; acknowledged messages go into their threads. */
  store: Store<ChatState>,
  /** Sends a frame over the socket; false when it is not open. */
  send: (frame: ClientFrame) => boolean,
  /** The server's id for a thread's conversation, starting the conversation if the thread is new. */
  conversationId: (threadId: string) => Promise<string>,
): Outbox {
  const acks = new Map<string, { resolve(m: Message): void; reject(e: ApiError): void }>()
  let flushing = false

  const flush = async () => {
    if (flushing) return
    flushing = true
    try {
      for (;;) {
        const s = store.get()
        const item = s.outbox.find((p) => !p.failed)
        if (s.connection !== 'online' || !item) return
        try {
          const message = await sendOne({
            ...item,
            conversationId: await conversationId(item.conversationId),
          })
          store.update((st) => applyMessage(st, message))
        } catch (err) {
          const e = asApiError(err)
          if (e.transient) {
            if (e.code === 'rate_limited' || e.code === 'timeout') await sleep(RETRY_MS)
            else return
          } else {
            store.update((st) => ({
              ...st,
              outbox: st.outbox.map((p) => (p.clientId === item.clientId ? { ...p, failed: e.code } : p)),
            }))
          }
        }
      }
    } finally {
      flushing = false
    }
  }

  const sendOne = (item: PendingMessage) =>
    new Promise<Message>((resolve, reject) => {
      const done = () => {
        clearTimeout(timer)
        acks.delete(item.clientId)
      }
      const timer = setTimeout(() => {
        done()
        reject(new ApiError(0, 'timeout', 'no ack'))
      }, ACK_TIMEOUT_MS)
      acks.set(item.clientId, {
        resolve: (m) => {
          done()
          resolve(m)
        },
        reject: (e) => {
          done()
          reject(e)
        },
      })
      const sent = send({
        type: 'message.send',
        conversationId: item.conversationId,
        clientId: item.clientId,
        text: item.text,
        attachmentIds: item.attachments.map((a) => a.id),
      })
      if (!sent) acks.get(item.clientId)?.reject(new ApiError(0, 'closed', 'socket closed'))
    })

  return {
    add(item) {
      store.update((s) => ({ ...s, outbox: [...s.outbox, item] }))
      void flush()
    },
    retry(clientId) {
      store.update((s) => ({
        ...s,
        outbox: s.outbox.map((p) => (p.clientId === clientId ? { ...p, failed: undefined } : p)),
      }))
      void flush()
    },
    discard(clientId) {
      store.update((s) => ({ ...s, outbox: s.outbox.filter((p) => p.clientId !== clientId) }))
    },
    flush,
    settle(e) {
      if (e.type === 'ack') acks.get(e.clientId)?.resolve(e.message)
      else if (e.clientId) acks.get(e.clientId)?.reject(new ApiError(400, e.code, e.message))
    },
    closed() {
      for (const ack of acks.values()) ack.reject(new ApiError(0, 'closed', 'socket closed'))
    },
  }
}
