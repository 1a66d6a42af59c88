import type { Db } from '@kefu/db'
import type { OrderActionResult } from '@kefu/protocol'
import type { SecretBox } from '../../lib/master-key.ts'
import { buyerLocale, inLanguage, orderActionDone } from '../buyer-notices.ts'
import type { Published } from '../conversations.ts'
import { sendMessage } from '../messages.ts'

/**
 * Leaves the outcome of an order action in the conversation: an internal note for the team
 * (who did what, and what the shop said), and a short system message for the buyer when a
 * re-send or refund went through. The shop's own words stay internal (untrusted text).
 */
export async function recordActionInThread(
  db: Db,
  secrets: SecretBox,
  input: {
    tenantId: string
    conversationId: string
    orderNo: string
    action: string
    result: OrderActionResult
    actorName: string
  },
): Promise<Array<Published<unknown>>> {
  const writes: Array<Published<unknown>> = []
  writes.push(
    await sendMessage(db, secrets, {
      tenantId: input.tenantId,
      conversationId: input.conversationId,
      author: { type: 'system', id: null, name: 'Kefu' },
      clientId: null,
      internal: true,
      text: `${input.actorName} → ${input.action} ${input.orderNo}: ${input.result.status}. ${input.result.message}`.slice(
        0,
        4000,
      ),
    }),
  )
  const notice = orderActionDone[input.action]
  if (notice && (input.result.status === 'completed' || input.result.status === 'pending')) {
    writes.push(
      await sendMessage(db, secrets, {
        tenantId: input.tenantId,
        conversationId: input.conversationId,
        author: { type: 'system', id: null, name: null },
        clientId: null,
        text: inLanguage(notice, await buyerLocale(db, input.conversationId)),
      }),
    )
  }
  return writes
}
