import type { Conversation, MeResponse } from '@kefu/protocol'
import { inbox, updateConversation } from '../inbox/state.ts'
import { visitorName } from '../inbox/visitor-name.ts'
import { t } from '../lib/i18n.ts'
import { useStore } from '../lib/store.ts'
import { TicketBadge } from '../tickets/badges.tsx'
import { useLoadedTicket } from '../tickets/conversation-ticket.ts'
import { Icon } from './icons.tsx'

export function ThreadHeader({ conversation: c, me }: { conversation: Conversation; me: MeResponse }) {
  const { assignees } = useStore(inbox)
  const ticket = useLoadedTicket(c.id)
  const assign = (assigneeId: string | null) => void updateConversation(c.id, { assigneeId })
  return (
    <header class="thread-head">
      <div class="thread-title">
        <h1 title={visitorName(c.visitor)}>{visitorName(c.visitor)}</h1>
        <span class={`status-pill status-${c.status}`} data-testid="thread-status">
          {t(`status.${c.status}`)}
        </span>
        {ticket && (
          <TicketBadge
            ticket={ticket}
            onClick={() =>
              document.querySelector('[data-testid=ticket-panel]')?.scrollIntoView({ behavior: 'smooth' })
            }
          />
        )}
      </div>
      <div class="thread-actions">
        <label class="assign">
          <Icon name="user" size={15} />
          <select
            aria-label={t('thread.assignee')}
            value={c.assignee?.id ?? ''}
            onChange={(e) => assign(e.currentTarget.value || null)}
          >
            <option value="">{t('thread.unassigned')}</option>
            {assignees.map((a) => (
              <option key={a.id} value={a.id}>
                {a.id === me.agent.id ? `${a.name} (${t('team.you')})` : a.name}
              </option>
            ))}
          </select>
        </label>
        {!c.assignee && (
          <button type="button" class="button ghost" onClick={() => assign(me.agent.id)}>
            {t('thread.assignMe')}
          </button>
        )}
        {c.status === 'open' && (
          <button
            type="button"
            class="button ghost"
            title={t('thread.markPending')}
            onClick={() => void updateConversation(c.id, { status: 'pending' })}
          >
            <Icon name="clock" size={15} />
            {t('status.pending')}
          </button>
        )}
        {c.status === 'resolved' ? (
          <button
            type="button"
            class="button"
            onClick={() => void updateConversation(c.id, { status: 'open' })}
          >
            {t('thread.reopen')}
          </button>
        ) : (
          <button
            type="button"
            class="button success"
            data-testid="resolve"
            onClick={() => void updateConversation(c.id, { status: 'resolved' })}
          >
            <Icon name="check" size={15} />
            {t('thread.resolve')}
            <kbd>E</kbd>
          </button>
        )}
      </div>
    </header>
  )
}
