import { conversations, type Db, visitors } from '@kefu/db'
import type { Locale, TicketCategory, TicketStatus } from '@kefu/protocol'
import { eq } from 'drizzle-orm'

/**
 * What Kefu itself tells a buyer in the chat (ticket opened, code re-sent, delivery failed), in
 * the buyer's language: the one their widget opened the session with. A buyer whose language is
 * unknown gets Simplified Chinese and English, one per line.
 */
export type Notice = Record<Locale, string>

export function inLanguage(notice: Notice, locale: string | null | undefined): string {
  if (locale === 'zh-CN' || locale === 'zh-TW' || locale === 'en') return notice[locale]
  return `${notice['zh-CN']}\n${notice.en}`
}

/** The language of the buyer in a conversation, as their widget last said. */
export async function buyerLocale(db: Db, conversationId: string): Promise<string | null> {
  const [row] = await db
    .select({ locale: visitors.locale })
    .from(conversations)
    .innerJoin(visitors, eq(visitors.id, conversations.visitorId))
    .where(eq(conversations.id, conversationId))
  return row?.locale ?? null
}

const categories: Record<TicketCategory, Notice> = {
  code_not_received: { 'zh-CN': '未收到卡密', 'zh-TW': '未收到卡密', en: 'code not received' },
  code_invalid: { 'zh-CN': '卡密无效或已使用', 'zh-TW': '卡密無效或已使用', en: 'code invalid or used' },
  wrong_item: { 'zh-CN': '商品不符', 'zh-TW': '商品不符', en: 'wrong item' },
  refund: { 'zh-CN': '退款', 'zh-TW': '退款', en: 'refund' },
  payment_not_credited: { 'zh-CN': '付款未到账', 'zh-TW': '付款未入帳', en: 'payment not credited' },
  account: { 'zh-CN': '账号问题', 'zh-TW': '帳號問題', en: 'account problem' },
  how_to_use: { 'zh-CN': '使用方法', 'zh-TW': '使用方法', en: 'how to use' },
  other: { 'zh-CN': '其他问题', 'zh-TW': '其他問題', en: 'other' },
}

export function ticketCreated(number: number, category: TicketCategory): Notice {
  const c = categories[category]
  return {
    'zh-CN': `已为您创建工单 #${number}（${c['zh-CN']}），处理进度会在这里更新。`,
    'zh-TW': `已為您建立工單 #${number}（${c['zh-TW']}），處理進度會在這裡更新。`,
    en: `We opened ticket #${number} (${c.en}) for you; you'll see its progress here.`,
  }
}

/** The buyer sees new and open alike ("in progress"); a change between them says nothing new. */
export const buyerStage = (status: TicketStatus) => (status === 'new' ? 'open' : status)

export function ticketStatus(number: number, status: TicketStatus): Notice {
  switch (buyerStage(status)) {
    case 'pending':
      return {
        'zh-CN': `工单 #${number} 正在等待您的回复，请直接在这里回复。`,
        'zh-TW': `工單 #${number} 正在等待您的回覆，請直接在這裡回覆。`,
        en: `Ticket #${number} is waiting for your reply; just answer here.`,
      }
    case 'on_hold':
      return {
        'zh-CN': `工单 #${number} 已挂起，正在等待处理（例如等待供货），有进展会第一时间通知您。`,
        'zh-TW': `工單 #${number} 已暫緩，正在等待處理（例如等待供貨），有進展會第一時間通知您。`,
        en: `Ticket #${number} is on hold while we wait on a supplier; we'll tell you as soon as it moves.`,
      }
    case 'solved':
      return {
        'zh-CN': `工单 #${number} 已解决。如果问题仍在，直接回复即可重新打开。`,
        'zh-TW': `工單 #${number} 已解決。如果問題仍在，直接回覆即可重新開啟。`,
        en: `Ticket #${number} is solved. If the problem is still there, just reply to reopen it.`,
      }
    case 'closed':
      return {
        'zh-CN': `工单 #${number} 已关闭。`,
        'zh-TW': `工單 #${number} 已關閉。`,
        en: `Ticket #${number} is closed.`,
      }
    default:
      return {
        'zh-CN': `工单 #${number} 正在处理中。`,
        'zh-TW': `工單 #${number} 正在處理中。`,
        en: `Ticket #${number} is in progress.`,
      }
  }
}

/** After a re-send or refund the shop carried out (or accepted). */
export const orderActionDone: Partial<Record<string, Notice>> = {
  resend: {
    'zh-CN': '我们已重新发送您的卡密，请查收邮件。',
    'zh-TW': '我們已重新寄送您的卡密，請查收郵件。',
    en: 'We have re-sent your code(s); please check your email.',
  },
  refund: {
    'zh-CN': '您的退款已提交，将原路退回。',
    'zh-TW': '您的退款已提交，將原路退回。',
    en: 'Your refund has been issued to the original payment method.',
  },
}

export function deliveryFailed(orderNo: string): Notice {
  return {
    'zh-CN': `订单 ${orderNo} 暂时未能发货（可能库存不足），客服会尽快为您补发或退款，无需重复下单。`,
    'zh-TW': `訂單 ${orderNo} 暫時未能出貨（可能庫存不足），客服會盡快為您補發或退款，無需重複下單。`,
    en: `Order ${orderNo} could not be delivered yet (likely out of stock). Our team will re-deliver or refund it shortly; no need to order again.`,
  }
}
