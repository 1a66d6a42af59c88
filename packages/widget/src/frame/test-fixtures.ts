import type { Conversation } from '@kefu/protocol'

/** An open, empty conversation of visitor `vis_1`, for the frame's unit tests. */
export const testConversation = (over: Partial<Conversation> = {}): Conversation => ({
  id: 'cnv_1',
  status: 'open',
  visitor: { id: 'vis_1', name: null, email: null, verified: false, externalId: null },
  assignee: null,
  lastMessage: null,
  lastSeq: 0,
  unread: 0,
  readByVisitor: 0,
  readByAgent: 0,
  createdAt: '2025-01-01T00:00:00Z',
  updatedAt: '2025-01-01T00:00:00Z',
  ...over,
})
