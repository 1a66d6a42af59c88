import type { Attachment, BuyerTicket, Conversation, Message, WidgetSettings } from '@kefu/protocol'
import { useEffect, useRef } from 'preact/hooks'
import type { Locale } from '../../shared/locale.ts'
import type { strings } from '../i18n.ts'
import type { OrderCardEntry, PendingMessage } from '../state.ts'
import { Composer } from './Composer.tsx'
import { Greeting } from './Greeting.tsx'
import { MessageItem } from './MessageItem.tsx'
import { OrderLookup } from './OrderLookup.tsx'
import { PendingItem } from './PendingItem.tsx'
import { OrderCard } from './slots/OrderCard.tsx'
import { TicketTimeline } from './slots/TicketTimeline.tsx'
import { TypingIndicator } from './TypingIndicator.tsx'

interface ThreadProps {
  conversation: Conversation | undefined
  messages: Message[]
  pending: PendingMessage[]
  settings: WidgetSettings | null
  locale: Locale
  t: ReturnType<typeof strings>
  agentTyping: boolean
  card: OrderCardEntry | undefined
  /** The conversation's newest ticket, shown as a strip above the messages. */
  ticket: BuyerTicket | undefined
  /** The order-lookup bar (form or picker) above the composer. */
  lookup: Omit<Parameters<typeof OrderLookup>[0], 't'>
  /** `before` for an older page, or null when the whole history is here. */
  olderBefore: number | null | undefined
  canUpload: boolean
  onLoadOlder(before: number): void
  onSend(text: string, attachments: Attachment[]): void
  onTyping(typing: boolean): void
  upload(file: File): Promise<Attachment>
  onRetry(clientId: string): void
  onDiscard(clientId: string): void
}

/** One conversation: its ticket's status, greeting, messages and the order card (a polite live log), what is still sending, typing, order look-up, composer. */
export function Thread(props: ThreadProps) {
  const { conversation, messages, pending, locale, t } = props
  const log = useRef<HTMLDivElement>(null)
  const count = messages.length + pending.length
  const { card } = props
  // The order card sits where it was looked up: after the messages that were there then.
  const after = card ? messages.findIndex((m) => m.seq > card.after) : -1
  const cut = after < 0 ? messages.length : after
  const item = (m: Message, i: number) => (
    <MessageItem
      key={m.id}
      message={m}
      showAuthor={
        messages[i - 1]?.author.type !== m.author.type || messages[i - 1]?.author.id !== m.author.id
      }
      readByAgent={conversation?.readByAgent ?? 0}
      locale={locale}
      t={t}
    />
  )

  // Scroll to the newest whenever something new shows.
  useEffect(() => {
    const el = log.current
    if (el) el.scrollTop = el.scrollHeight
  }, [count, props.agentTyping, props.card])

  return (
    <>
      {props.ticket && <TicketTimeline ticket={props.ticket} locale={locale} t={t} />}
      <div class="body" ref={log}>
        <Greeting settings={props.settings} locale={locale} t={t} />
        {typeof props.olderBefore === 'number' && (
          <button
            type="button"
            class="link-btn earlier"
            onClick={() => props.onLoadOlder(props.olderBefore as number)}
          >
            {t.earlier}
          </button>
        )}
        <div class="log" role="log" aria-live="polite" aria-label={t.messages}>
          {messages.slice(0, cut).map(item)}
          {card && <OrderCard order={card.order} locale={locale} t={t} />}
          {messages.slice(cut).map((m, i) => item(m, i + cut))}
          {pending.map((p) => (
            <PendingItem
              key={p.clientId}
              item={p}
              t={t}
              onRetry={props.onRetry}
              onDiscard={props.onDiscard}
            />
          ))}
        </div>
        {props.agentTyping && <TypingIndicator label={t.typing} />}
      </div>
      <OrderLookup t={t} {...props.lookup} />
      <Composer
        t={t}
        onSend={props.onSend}
        onTyping={props.onTyping}
        upload={props.upload}
        canUpload={props.canUpload}
      />
    </>
  )
}
