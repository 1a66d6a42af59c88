import type { strings } from '../i18n.ts'
import type { PendingMessage } from '../state.ts'
import { AttachmentList } from './AttachmentList.tsx'
import { MessageText } from './MessageText.tsx'

interface PendingItemProps {
  item: PendingMessage
  t: ReturnType<typeof strings>
  onRetry(clientId: string): void
  onDiscard(clientId: string): void
}

/** A message in the outbox: "sending…" until the server has stored it, or refused with retry/delete. */
export function PendingItem({ item, t, onRetry, onDiscard }: PendingItemProps) {
  return (
    <div class={`msg-row mine ${item.failed ? 'failed' : 'pending'}`} data-client-id={item.clientId}>
      {item.text && (
        <div class="bubble">
          <MessageText text={item.text} />
        </div>
      )}
      <AttachmentList attachments={item.attachments} t={t} />
      <div class="meta">
        {item.failed ? (
          <>
            <span class="error-text">{t.failed}</span>
            <button type="button" class="link-btn" onClick={() => onRetry(item.clientId)}>
              {t.retry}
            </button>
            <button type="button" class="link-btn" onClick={() => onDiscard(item.clientId)}>
              {t.discard}
            </button>
          </>
        ) : (
          <span class="sending">{t.sending}</span>
        )}
      </div>
    </div>
  )
}
