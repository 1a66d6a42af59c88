import type { TicketCategory, TicketStatus } from '@kefu/protocol'

const categoryNames: Record<TicketCategory, [zh: string, en: string]> = {
  code_not_received: ['未收到卡密', 'code not received'],
  code_invalid: ['卡密无效或已使用', 'code invalid or used'],
  wrong_item: ['商品不符', 'wrong item'],
  refund: ['退款', 'refund'],
  payment_not_credited: ['付款未到账', 'payment not credited'],
  account: ['账号问题', 'account problem'],
  how_to_use: ['使用方法', 'how to use'],
  other: ['其他问题', 'other'],
}

/** What the buyer is told in the chat; one notice per change the buyer can see. */
export function createdNotice(number: number, category: TicketCategory): string {
  const [zh, en] = categoryNames[category]
  return (
    `已为您创建工单 #${number}（${zh}），处理进度会在这里更新。\n` +
    `We opened ticket #${number} (${en}) for you; you'll see its progress here.`
  )
}

/** The buyer sees new and open alike ("in progress"); a change between them says nothing new. */
export const buyerStage = (status: TicketStatus) => (status === 'new' ? 'open' : status)

export function statusNotice(number: number, status: TicketStatus): string {
  switch (buyerStage(status)) {
    case 'pending':
      return `工单 #${number} 正在等待您的回复，请直接在这里回复。\nTicket #${number} is waiting for your reply; just answer here.`
    case 'on_hold':
      return `工单 #${number} 已挂起，正在等待处理（例如等待供货），有进展会第一时间通知您。\nTicket #${number} is on hold while we wait on a supplier; we'll tell you as soon as it moves.`
    case 'solved':
      return `工单 #${number} 已解决。如果问题仍在，直接回复即可重新打开。\nTicket #${number} is solved. If the problem is still there, just reply to reopen it.`
    case 'closed':
      return `工单 #${number} 已关闭。\nTicket #${number} is closed.`
    default:
      return `工单 #${number} 正在处理中。\nTicket #${number} is in progress.`
  }
}
