import { useEffect, useRef } from 'preact/hooks'
import type { Chat } from '../chat.ts'
import { trapFocus } from '../focus.ts'
import { strings } from '../i18n.ts'
import { useStore } from '../store.ts'
import { brandVariables } from '../theme.ts'
import { Header } from './Header.tsx'
import { Home } from './Home.tsx'
import { Thread } from './Thread.tsx'

/** The panel: header, then the conversation list or one thread, with connection and error notices. */
export function App({ chat, onOpened }: { chat: Chat; onOpened(): void }) {
  const state = useStore(chat.store)
  const root = useRef<HTMLDivElement>(null)
  const t = strings(state.locale)
  const { view, settings } = state
  const ready = state.open && state.session === 'open' && view !== null

  useEffect(() => {
    document.documentElement.lang = state.locale
    document.title = t.support
  }, [state.locale, t])

  useEffect(() => (root.current ? trapFocus(root.current, () => chat.close()) : undefined), [chat])

  // Each time the panel opens (or the view changes while open), focus lands on its main control.
  useEffect(() => {
    if (!ready) return
    root.current?.querySelector<HTMLElement>('[data-autofocus]')?.focus()
    onOpened()
  }, [ready, view?.kind, onOpened])

  const threadId = view?.kind === 'thread' ? view.id : undefined
  const style = brandVariables(settings?.color ?? '#2563eb')
  return (
    <div class="app" ref={root} style={style}>
      <Header
        settings={settings}
        t={t}
        onClose={() => chat.close()}
        {...(threadId && state.conversations.length > 0 && { onBack: () => chat.showHome() })}
      />
      {state.connection !== 'online' && state.session === 'open' && (
        <p class="banner" role="status">
          {t.offline}
        </p>
      )}
      {state.notice && (
        <p class="banner error" role="alert">
          {t[state.notice as 'unavailable']}
        </p>
      )}
      {state.session === 'opening' && !view && <div class="body loading" aria-busy="true" />}
      {view?.kind === 'home' && (
        <Home
          conversations={state.conversations}
          settings={settings}
          locale={state.locale}
          t={t}
          onSelect={(id) => chat.select(id)}
          onNew={() => chat.startNew()}
        />
      )}
      {threadId && (
        <Thread
          conversation={state.conversations.find((c) => c.id === threadId)}
          messages={state.messages[threadId] ?? []}
          pending={state.outbox.filter((p) => p.conversationId === threadId)}
          settings={settings}
          locale={state.locale}
          t={t}
          agentTyping={state.agentTyping[threadId] ?? false}
          card={state.cards[threadId]}
          ticket={state.tickets[threadId]}
          lookup={{
            orderNo: state.order,
            identified: chat.identified(),
            lookup: (orderNo, contact) => chat.orders.lookup(orderNo, contact),
            mine: () => chat.orders.mine(),
            onPick: (order) => void chat.orders.pick(order),
          }}
          olderBefore={state.older[threadId]}
          canUpload={state.connection === 'online'}
          onLoadOlder={(before) => void chat.loadHistory(threadId, before)}
          onSend={(text, attachments) => chat.send(text, attachments)}
          onTyping={(typing) => chat.typing(typing)}
          upload={(file) => chat.upload(file)}
          onRetry={(id) => chat.outbox.retry(id)}
          onDiscard={(id) => chat.outbox.discard(id)}
        />
      )}
    </div>
  )
}
