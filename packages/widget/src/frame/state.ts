import type {
  Attachment,
  BuyerTicket,
  Conversation,
  Message,
  ServerEvent,
  WidgetSettings,
} from '@kefu/protocol'
import type { Order } from '@kefu/protocol/shop'
import type { Locale } from '../shared/locale.ts'
import type { ConnectionState } from './socket.ts'

/** A message the buyer wrote that the server has not acknowledged yet (kept in the outbox). */
export interface PendingMessage {
  clientId: string
  /** A real conversation id, or `new_…` until the conversation has been created. */
  conversationId: string
  text: string
  attachments: Attachment[]
  createdAt: string
  /** Refused for good (too long, not allowed): shown with retry / delete. */
  failed?: string
}

/** An order shown in a thread, placed after the message with seq `after` (0: before all). */
export interface OrderCardEntry {
  order: Order
  after: number
}

export type View = { kind: 'home' } | { kind: 'thread'; id: string }

export interface ChatState {
  locale: Locale
  /** The panel is showing. */
  open: boolean
  session: 'idle' | 'opening' | 'open' | 'failed'
  connection: ConnectionState
  settings: WidgetSettings | null
  conversations: Conversation[]
  /** Per conversation, ascending by seq. */
  messages: Record<string, Message[]>
  /** Per conversation: the `before` for the next older page, null when there is none. */
  older: Record<string, number | null>
  view: View | null
  agentTyping: Record<string, boolean>
  outbox: PendingMessage[]
  /** The order the buyer is looking at on the shop page (for the order card slot). */
  order: string | null
  /** Per conversation: the order the buyer looked up there. */
  cards: Record<string, OrderCardEntry>
  /** Per conversation: its newest ticket, in the buyer's safe view. */
  tickets: Record<string, BuyerTicket>
  /** A short problem to show (upload refused, session refused). */
  notice: string | null
}

export const initialState = (locale: Locale): ChatState => ({
  locale,
  open: false,
  session: 'idle',
  connection: 'offline',
  settings: null,
  conversations: [],
  messages: {},
  older: {},
  view: null,
  agentTyping: {},
  outbox: [],
  order: null,
  cards: {},
  tickets: {},
  notice: null,
})

const byUpdated = (a: Conversation, b: Conversation) => b.updatedAt.localeCompare(a.updatedAt)

export function upsertConversation(list: Conversation[], c: Conversation): Conversation[] {
  return [c, ...list.filter((x) => x.id !== c.id)].sort(byUpdated)
}

/** Adds messages to a thread: one copy per id (the newer wins), ordered by seq; internal notes never show. */
export function mergeMessages(thread: Message[] = [], incoming: Message[]): Message[] {
  const byId = new Map(thread.map((m) => [m.id, m]))
  for (const m of incoming) if (!m.internal) byId.set(m.id, m)
  return [...byId.values()].sort((a, b) => a.seq - b.seq)
}

/** A stored message: into its thread, out of the outbox, into the conversation's summary. */
export function applyMessage(state: ChatState, m: Message): ChatState {
  if (m.internal) return state
  const conversations = state.conversations.map((c) =>
    c.id === m.conversationId && m.seq >= c.lastSeq
      ? {
          ...c,
          lastSeq: m.seq,
          lastMessage: { text: m.text, authorType: m.author.type, createdAt: m.createdAt },
        }
      : c,
  )
  return {
    ...state,
    conversations,
    messages: { ...state.messages, [m.conversationId]: mergeMessages(state.messages[m.conversationId], [m]) },
    outbox: m.clientId ? state.outbox.filter((p) => p.clientId !== m.clientId) : state.outbox,
    agentTyping:
      m.author.type === 'agent' ? { ...state.agentTyping, [m.conversationId]: false } : state.agentTyping,
  }
}

/** Keeps each conversation's newest ticket, and each ticket's latest version. */
export function applyTicket(state: ChatState, t: BuyerTicket): ChatState {
  const id = t.conversationId
  const known = id ? state.tickets[id] : undefined
  if (!id || (known && (known.id === t.id ? known.updatedAt > t.updatedAt : known.createdAt > t.createdAt)))
    return state
  return { ...state, tickets: { ...state.tickets, [id]: t } }
}

/** Applies one server event. Durable events are deduplicated by the caller (by eventId). */
export function applyEvent(state: ChatState, e: ServerEvent): ChatState {
  switch (e.type) {
    case 'message.created':
    case 'message.updated':
      return applyMessage(state, e.message)
    case 'conversation.updated':
      return { ...state, conversations: upsertConversation(state.conversations, e.conversation) }
    case 'read':
      return {
        ...state,
        conversations: state.conversations.map((c) =>
          c.id !== e.conversationId
            ? c
            : e.reader === 'agent'
              ? { ...c, readByAgent: Math.max(c.readByAgent, e.seq) }
              : { ...c, readByVisitor: Math.max(c.readByVisitor, e.seq), unread: 0 },
        ),
      }
    case 'ticket.updated':
      // Visitors are sent the buyer's view (with steps); an agent's view is not for this frame.
      return 'steps' in e.ticket ? applyTicket(state, e.ticket) : state
    case 'typing':
      return e.author.type === 'agent'
        ? { ...state, agentTyping: { ...state.agentTyping, [e.conversationId]: e.typing } }
        : state
    default:
      return state
  }
}

export const unreadTotal = (state: ChatState) => state.conversations.reduce((n, c) => n + c.unread, 0)
