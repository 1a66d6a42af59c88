import type { Conversation, MeResponse } from '@kefu/protocol'
import { select } from '../inbox/state.ts'
import { visitorName } from '../inbox/visitor-name.ts'
import { t, useLocale } from '../lib/i18n.ts'
import { duration, shortTime } from '../lib/time.ts'
import { VisitorAvatar } from './Avatar.tsx'
import { Icon } from './icons.tsx'

/** Minutes a buyer may wait before the marker turns amber, then red. */
const WARN_AFTER_MIN = 5
const LATE_AFTER_MIN = 15

/** Waiting = the buyer wrote last and the conversation is still open. */
function waitingSince(c: Conversation): string | null {
  if (c.status === 'resolved' || !c.lastMessage || c.lastMessage.authorType !== 'visitor') return null
  return c.lastMessage.createdAt
}

export function ConversationRow({
  conversation: c,
  selected,
  me,
  now,
}: {
  conversation: Conversation
  selected: boolean
  me: MeResponse
  now: number
}) {
  const locale = useLocale()
  const name = visitorName(c.visitor)
  const since = waitingSince(c)
  const minutes = since ? (now - Date.parse(since)) / 60_000 : 0
  const prefix =
    c.lastMessage?.authorType === 'agent'
      ? t('list.you')
      : c.lastMessage?.authorType === 'bot'
        ? `${t('thread.bot')}: `
        : ''
  return (
    <li>
      <button
        type="button"
        class={`row ${selected ? 'selected' : ''} ${c.unread > 0 ? 'unread' : ''}`}
        data-testid="conversation-row"
        data-id={c.id}
        onClick={() => select(c.id)}
      >
        <VisitorAvatar visitor={c.visitor} />
        <span class="row-body">
          <span class="row-top">
            <span class="row-name">
              {name}
              {c.visitor.verified && (
                <span class="verified-dot" title={t('side.verified')}>
                  <Icon name="check" size={10} stroke-width="3" />
                </span>
              )}
            </span>
            <time class="row-time">
              {shortTime(c.lastMessage?.createdAt ?? c.updatedAt, locale, new Date(now))}
            </time>
          </span>
          <span class="row-preview">
            {prefix}
            {c.lastMessage?.text || '—'}
          </span>
          <span class="row-meta">
            <span class={`status-pill status-${c.status}`}>{t(`status.${c.status}`)}</span>
            {since && (
              <span
                class={`waiting ${minutes >= LATE_AFTER_MIN ? 'late' : minutes >= WARN_AFTER_MIN ? 'warn' : ''}`}
                data-testid="waiting"
              >
                <Icon name="clock" size={12} />
                {t('list.waiting', { t: duration(since, now) })}
              </span>
            )}
            <span class="row-assignee">
              {c.assignee
                ? c.assignee.id === me.agent.id
                  ? t('team.you')
                  : c.assignee.name
                : t('list.unassigned')}
            </span>
            {c.unread > 0 && (
              <span class="unread-badge" data-testid="unread">
                {c.unread}
              </span>
            )}
          </span>
        </span>
      </button>
    </li>
  )
}
