import type {
  CannedReply,
  Conversation,
  ConversationList,
  ConversationStatus,
  MeResponse,
  Message,
  MessagePage,
  ServerEvent,
} from '@kefu/protocol'
import { api } from '../lib/api.ts'
import { t } from '../lib/i18n.ts'
import { notifyNewMessage } from '../lib/notify.ts'
import { emitOrderUpdate } from '../lib/order-events.ts'
import { navigate } from '../lib/router.ts'
import { AgentSocket, type ConnectionState } from '../lib/socket.ts'
import { createStore } from '../lib/store.ts'
import { emitBuyerMessage, emitTicketUpdate } from '../lib/ticket-events.ts'
import { visitorName } from './visitor-name.ts'

export type View = 'unassigned' | 'mine' | 'all'

/** A reply on its way: shown at once, replaced by the stored message when the server answers. */
export interface PendingMessage {
  clientId: string
  text: string
  internal: boolean
  attachmentIds: string[]
  failed: boolean
}

export interface InboxState {
  me: MeResponse | null
  view: View
  status: ConversationStatus | null
  q: string
  conversations: Conversation[]
  nextCursor: string | null
  loadingList: boolean
  selectedId: string | null
  /** Oldest first, per conversation. */
  messages: Record<string, Message[]>
  olderBefore: Record<string, number | null>
  pending: Record<string, PendingMessage[]>
  /** Who is typing where, until when (ms). */
  typing: Record<string, { name: string; until: number }>
  connection: ConnectionState
  assignees: Array<{ id: string; name: string }>
  cannedReplies: CannedReply[]
}

export const inbox = createStore<InboxState>({
  me: null,
  view: 'all',
  status: 'open',
  q: '',
  conversations: [],
  nextCursor: null,
  loadingList: false,
  selectedId: null,
  messages: {},
  olderBefore: {},
  pending: {},
  typing: {},
  connection: 'connecting',
  assignees: [],
  cannedReplies: [],
})

const byActivity = (a: Conversation, b: Conversation) =>
  b.updatedAt.localeCompare(a.updatedAt) || b.id.localeCompare(a.id)

/** Whether a conversation belongs in the list under the current filters (search is the server's job). */
function matchesFilters(c: Conversation, s: InboxState): boolean {
  if (s.status && c.status !== s.status) return false
  if (s.view === 'mine' && c.assignee?.id !== s.me?.agent.id) return false
  if (s.view === 'unassigned' && c.assignee) return false
  return true
}

function upsertConversation(c: Conversation) {
  inbox.set((s) => {
    const others = s.conversations.filter((x) => x.id !== c.id)
    // The open conversation stays in the list even when it stops matching (e.g. just resolved).
    const keep = matchesFilters(c, s) || c.id === s.selectedId
    return { conversations: keep ? [...others, c].sort(byActivity) : others }
  })
}

let listRequest = 0

export async function loadConversations(more = false): Promise<void> {
  const s = inbox.get()
  const request = ++listRequest
  inbox.set({ loadingList: true })
  const page = await api<ConversationList>('/v1/conversations', {
    query: {
      view: s.view,
      status: s.status ?? undefined,
      q: s.q || undefined,
      cursor: more ? (s.nextCursor ?? undefined) : undefined,
    },
  })
  if (request !== listRequest) return
  inbox.set((cur) => ({
    loadingList: false,
    nextCursor: page.nextCursor,
    conversations: more
      ? [
          ...cur.conversations,
          ...page.conversations.filter((c) => !cur.conversations.some((x) => x.id === c.id)),
        ]
      : page.conversations,
  }))
}

export function setFilters(patch: Partial<Pick<InboxState, 'view' | 'status' | 'q'>>) {
  inbox.set(patch)
  void loadConversations()
}

export async function loadMessages(conversationId: string, older = false): Promise<void> {
  const before = older ? inbox.get().olderBefore[conversationId] : undefined
  if (older && !before) return
  const page = await api<MessagePage>(`/v1/conversations/${conversationId}/messages`, {
    query: { before: before ? String(before) : undefined, limit: '50' },
  })
  inbox.set((s) => {
    const known = older ? (s.messages[conversationId] ?? []) : []
    const merged = mergeMessages(known, page.messages)
    return {
      messages: { ...s.messages, [conversationId]: merged },
      olderBefore: { ...s.olderBefore, [conversationId]: page.nextBefore },
    }
  })
}

function mergeMessages(list: Message[], incoming: Message[]): Message[] {
  const byId = new Map(list.map((m) => [m.id, m]))
  for (const m of incoming) byId.set(m.id, m)
  return [...byId.values()].sort((a, b) => a.seq - b.seq)
}

export function select(conversationId: string | null) {
  inbox.set({ selectedId: conversationId })
  navigate(conversationId ? `/c/${conversationId}` : '/', true)
  if (conversationId) {
    void loadMessages(conversationId).then(() => markRead(conversationId))
    if (!inbox.get().conversations.some((c) => c.id === conversationId)) {
      void api<Conversation>(`/v1/conversations/${conversationId}`).then(upsertConversation)
    }
  }
}

/** j / k: the next or previous conversation in the list. */
export function selectRelative(step: 1 | -1) {
  const { conversations, selectedId } = inbox.get()
  if (conversations.length === 0) return
  const index = conversations.findIndex((c) => c.id === selectedId)
  const next = index === -1 ? 0 : Math.min(conversations.length - 1, Math.max(0, index + step))
  const target = conversations[next]
  if (target && target.id !== selectedId) select(target.id)
}

export function markRead(conversationId: string) {
  const c = inbox.get().conversations.find((x) => x.id === conversationId)
  if (!c || document.visibilityState !== 'visible') return
  if (c.unread === 0 && c.readByAgent >= c.lastSeq) return
  // Optimistically clear the marker; the server's conversation.updated confirms it.
  upsertConversation({ ...c, unread: 0, readByAgent: c.lastSeq })
  if (!socket?.sendNow({ type: 'read', conversationId, seq: c.lastSeq })) {
    void api(`/v1/conversations/${conversationId}/read`, { body: { seq: c.lastSeq } }).catch(() => {})
  }
}

export async function updateConversation(
  id: string,
  change: { status?: ConversationStatus; assigneeId?: string | null },
) {
  upsertConversation(await api<Conversation>(`/v1/conversations/${id}`, { method: 'PATCH', body: change }))
}

export async function sendReply(conversationId: string, pending: PendingMessage): Promise<void> {
  const setPending = (update: (list: PendingMessage[]) => PendingMessage[]) =>
    inbox.set((s) => ({
      pending: { ...s.pending, [conversationId]: update(s.pending[conversationId] ?? []) },
    }))
  setPending((list) => [
    ...list.filter((p) => p.clientId !== pending.clientId),
    { ...pending, failed: false },
  ])
  try {
    const message = await api<Message>(`/v1/conversations/${conversationId}/messages`, {
      body: {
        clientId: pending.clientId,
        text: pending.text,
        internal: pending.internal,
        attachmentIds: pending.attachmentIds,
      },
    })
    addMessage(message)
    setPending((list) => list.filter((p) => p.clientId !== pending.clientId))
  } catch {
    setPending((list) => list.map((p) => (p.clientId === pending.clientId ? { ...p, failed: true } : p)))
  }
}

function addMessage(m: Message) {
  inbox.set((s) => {
    const list = s.messages[m.conversationId]
    if (!list) return {}
    return {
      messages: { ...s.messages, [m.conversationId]: mergeMessages(list, [m]) },
      pending: {
        ...s.pending,
        [m.conversationId]: (s.pending[m.conversationId] ?? []).filter((p) => p.clientId !== m.clientId),
      },
    }
  })
}

let typingSentAt = 0
/** Throttled: at most one "typing" frame every 3 s while the agent types. */
export function sendTyping(conversationId: string, typing: boolean) {
  const now = Date.now()
  if (typing && now - typingSentAt < 3000) return
  typingSentAt = typing ? now : 0
  socket?.sendNow({ type: 'typing', conversationId, typing })
}

function handleEvent(event: ServerEvent) {
  const s = inbox.get()
  switch (event.type) {
    case 'message.created': {
      const m = event.message
      addMessage(m)
      if (m.author.type === 'visitor') {
        emitBuyerMessage(m.conversationId)
        inbox.set((cur) => {
          const { [m.conversationId]: _, ...rest } = cur.typing
          return { typing: rest }
        })
        const openHere = s.selectedId === m.conversationId && document.visibilityState === 'visible'
        if (openHere) markRead(m.conversationId)
        else {
          const c = s.conversations.find((x) => x.id === m.conversationId)
          notifyNewMessage(
            t('notify.title', { name: c ? visitorName(c.visitor) : t('thread.visitor') }),
            m.text,
            () => select(m.conversationId),
          )
        }
      }
      break
    }
    case 'conversation.updated':
      upsertConversation(event.conversation)
      if (event.conversation.id === s.selectedId && event.conversation.unread > 0)
        markRead(event.conversation.id)
      break
    case 'read': {
      const c = s.conversations.find((x) => x.id === event.conversationId)
      if (c) {
        const patch =
          event.reader === 'visitor'
            ? { readByVisitor: Math.max(c.readByVisitor, event.seq) }
            : { readByAgent: Math.max(c.readByAgent, event.seq) }
        upsertConversation({ ...c, ...patch })
      }
      break
    }
    case 'typing': {
      if (event.author.type === 'agent' && event.author.id === s.me?.agent.id) break
      const name =
        event.author.type === 'visitor'
          ? visitorNameFor(event.conversationId)
          : (event.author.name ?? t('side.buyer'))
      inbox.set((cur) => {
        const { [event.conversationId]: _, ...rest } = cur.typing
        return {
          typing: event.typing
            ? { ...rest, [event.conversationId]: { name, until: Date.now() + 6000 } }
            : rest,
        }
      })
      break
    }
    case 'order.updated':
      emitOrderUpdate({ conversationId: event.conversationId, order: event.order })
      break
    case 'ticket.updated':
      // Agents get the full ticket; the buyer's safe view (no priority) is never meant for us.
      if ('priority' in event.ticket) emitTicketUpdate(event.ticket)
      break
    default:
      break
  }
}

function visitorNameFor(conversationId: string): string {
  const c = inbox.get().conversations.find((x) => x.id === conversationId)
  return c ? visitorName(c.visitor) : t('thread.visitor')
}

let socket: AgentSocket | undefined

/** Opens the live connection and loads what the inbox shows first. */
export function startInbox(me: MeResponse, onUnauthorized: () => void) {
  inbox.set({ me })
  socket?.close()
  socket = new AgentSocket({
    onEvent: handleEvent,
    onState: (connection) => inbox.set({ connection }),
    onResumed: () => {
      // A long outage can outrun one catch-up page: refresh the list and the open thread too.
      void loadConversations()
      const open = inbox.get().selectedId
      if (open) void loadMessages(open)
      emitOrderUpdate(null)
      emitTicketUpdate(null)
    },
    onUnauthorized,
  })
  socket.connect()
  void loadConversations()
  void api<{ agents: Array<{ id: string; name: string }> }>('/v1/assignees').then((r) =>
    inbox.set({ assignees: r.agents }),
  )
  void api<{ cannedReplies: CannedReply[] }>('/v1/canned-replies').then((r) =>
    inbox.set({ cannedReplies: r.cannedReplies }),
  )
  addEventListener('online', () => socket?.reconnect())
  document.addEventListener('visibilitychange', () => {
    const open = inbox.get().selectedId
    if (open) markRead(open)
  })
}

export function stopInbox() {
  socket?.close()
  socket = undefined
}
/** For tests and debugging in the console: drop the socket to exercise reconnect and resume. */
;(globalThis as { kefuInbox?: unknown }).kefuInbox = { reconnect: () => socket?.reconnect() }
