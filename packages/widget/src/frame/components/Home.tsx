import type { Conversation, WidgetSettings } from '@kefu/protocol'
import type { Locale } from '../../shared/locale.ts'
import type { strings } from '../i18n.ts'
import { messageTime } from '../time.ts'
import { Greeting } from './Greeting.tsx'
import { Icon } from './Icon.tsx'

interface HomeProps {
  conversations: Conversation[]
  settings: WidgetSettings | null
  locale: Locale
  t: ReturnType<typeof strings>
  onSelect(id: string): void
  onNew(): void
}

/** The greeting, the buyer's earlier conversations (newest first) and a way to start another. */
export function Home({ conversations, settings, locale, t, onSelect, onNew }: HomeProps) {
  return (
    <div class="body">
      <Greeting settings={settings} locale={locale} t={t} />
      <button type="button" class="primary" data-autofocus onClick={onNew}>
        <Icon name="plus" size={18} />
        {t.newConversation}
      </button>
      {conversations.length > 0 && (
        <section aria-labelledby="kefu-convs">
          <h2 id="kefu-convs" class="section-title">
            {t.conversations}
          </h2>
          <ul class="list">
            {conversations.map((c) => (
              <li key={c.id}>
                <button type="button" class="conv" onClick={() => onSelect(c.id)}>
                  <span class="conv-main">
                    <span class="conv-top">
                      <span class={`status ${c.status}`}>
                        {c.status === 'resolved' ? t.resolved : t.openStatus}
                      </span>
                      {c.lastMessage && (
                        <time dateTime={c.lastMessage.createdAt}>
                          {messageTime(c.lastMessage.createdAt, locale)}
                        </time>
                      )}
                    </span>
                    <span class="conv-text">
                      {c.lastMessage
                        ? `${c.lastMessage.authorType === 'visitor' ? `${t.you}: ` : ''}${c.lastMessage.text}`
                        : t.noMessagesYet}
                    </span>
                  </span>
                  {c.unread > 0 && (
                    <span class="unread">
                      {c.unread}
                      <span class="sr-only"> {t.unread}</span>
                    </span>
                  )}
                  <Icon name="chevron" size={16} />
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  )
}
