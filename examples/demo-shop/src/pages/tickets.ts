/** "我的工单 / My support tickets" on the account page: the buyer's Kefu tickets, as text. */
import type { TicketStatus } from '@kefu/protocol/shop'
import { type Html, html } from '../html.ts'
import type { TicketList } from '../kefu-tickets.ts'
import { formatTime } from './format.ts'

// The buyer's words for where a ticket stands (the chat widget says the same).
const statuses: Record<TicketStatus, [zh: string, en: string, tone: string]> = {
  new: ['处理中', 'In progress', 'info'],
  open: ['处理中', 'In progress', 'info'],
  pending: ['等待您回复', 'Waiting for your reply', 'warn'],
  on_hold: ['等待处理', 'On hold', ''],
  solved: ['已解决', 'Solved', 'ok'],
  closed: ['已关闭', 'Closed', ''],
}

const categories: Record<string, string> = {
  code_not_received: '未收到卡密',
  code_invalid: '卡密无效或已使用',
  wrong_item: '商品不符',
  refund: '退款',
  payment_not_credited: '付款未到账',
  account: '账号问题',
  how_to_use: '使用方法',
  other: '其他问题',
}

function statusBadge(status: TicketStatus): Html {
  const [zh, en, tone] = statuses[status]
  return html`<span class="badge ${tone}">${zh} · ${en}</span>`
}

export function ticketsSection(list: TicketList): Html {
  const body = !list.ok
    ? html`<p class="hint">暂时无法读取工单，请稍后再试。Support tickets can't be loaded right now.</p>`
    : list.tickets.length === 0
      ? html`<p class="hint">还没有工单 No tickets yet.</p>`
      : html`<table><tr><th>工单</th><th>问题</th><th>类型</th><th>状态</th><th>订单</th><th>更新时间</th></tr>
        ${list.tickets.map(
          (t) => html`<tr><td>${t.number ? `#${t.number}` : '—'}</td><td>${t.subject || '—'}</td>
            <td>${t.category ? (categories[t.category] ?? t.category) : '—'}</td>
            <td>${statusBadge(t.status)}</td>
            <td>${t.orderNos.join(', ') || '—'}</td>
            <td>${formatTime(new Date(t.updatedAt))}</td></tr>`,
        )}</table>`
  return html`<section class="card" id="tickets" style="margin-top:20px"><strong>我的工单 My support tickets</strong>
    ${body}</section>`
}
