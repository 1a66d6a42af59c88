import type { Conversation } from '@kefu/protocol'
import { avatarColor, initials } from '../inbox/visitor-name.ts'
import { Icon } from './icons.tsx'

/** The buyer's circle: their initial in a colour of their own, or a person icon when anonymous. */
export function VisitorAvatar({ visitor, size }: { visitor: Conversation['visitor']; size?: 'large' }) {
  const letter = initials(visitor)
  return (
    <span class={`avatar ${size ?? ''}`} style={{ background: avatarColor(visitor.id) }}>
      {letter ?? <Icon name="user" size={size === 'large' ? 22 : 17} />}
    </span>
  )
}
