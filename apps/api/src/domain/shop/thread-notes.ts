import type { Db } from '@kefu/db'
import type { OrderActionResult } from '@kefu/protocol'
import type { SecretBox } from '../../lib/master-key.ts'
import type { Published } from '../conversations.ts'
import { sendMessage } from '../messages.ts'

const buyerText: Record<string, string> = {
  resend: '我们已重新发送您的卡密，请查收邮件。We have re-sent your code(s); please check your email.',
  refund: '您的退款已提交，将原路退回。Your refund has been issued to the original payment method.',
}

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
  const text = buyerText[input.action]
  if (text && (input.result.status === 'completed' || input.result.status === 'pending')) {
    writes.push(
      await sendMessage(db, secrets, {
        tenantId: input.tenantId,
        conversationId: input.conversationId,
        author: { type: 'system', id: null, name: null },
        clientId: null,
        text,
      }),
    )
  }
  return writes
}
