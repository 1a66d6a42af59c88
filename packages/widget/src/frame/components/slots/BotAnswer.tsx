import type { Message } from '@kefu/protocol'
import type { strings } from '../../i18n.ts'
import { MessageText } from '../MessageText.tsx'

export interface BotAnswerProps {
  message: Message
  t: ReturnType<typeof strings>
  /** Offered when the bot answered: hand the conversation to a person. Filled by the bot issue. */
  onTalkToHuman?: () => void
}

/** Slot: a bot's answer. Today it shows the text marked as automated; the bot issue adds sources and the hand-off. */
export function BotAnswer({ message, t, onTalkToHuman }: BotAnswerProps) {
  return (
    <div class="msg-row theirs" data-author="bot">
      <div class="author">{t.bot}</div>
      <div class="bubble">
        <MessageText text={message.text} />
      </div>
      {onTalkToHuman && (
        <button type="button" class="link-btn" onClick={onTalkToHuman}>
          {t.talkToHuman}
        </button>
      )}
    </div>
  )
}
