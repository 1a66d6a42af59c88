import type { MeResponse } from '@kefu/protocol'
import { useEffect } from 'preact/hooks'
import { inbox, select, selectRelative, updateConversation } from '../inbox/state.ts'
import { useStore } from '../lib/store.ts'
import { SidePanel } from '../side/SidePanel.tsx'
import { ConversationList } from './ConversationList.tsx'
import { composerControl } from './composer-control.ts'
import { isTyping } from './HelpDialog.tsx'
import { Thread } from './Thread.tsx'

/** List, thread and side panel, with the keyboard shortcuts that move between them. */
export function InboxPage({ me, path }: { me: MeResponse; path: string }) {
  const { selectedId, conversations } = useStore(inbox)
  const selected = conversations.find((c) => c.id === selectedId) ?? null

  useEffect(() => {
    const id = path.match(/^\/c\/([\w-]+)$/)?.[1] ?? null
    if (id && id !== inbox.get().selectedId) select(id)
  }, [path])

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (isTyping(e) || e.metaKey || e.ctrlKey || e.altKey) return
      const open = inbox.get().selectedId
      const actions: Record<string, () => void> = {
        j: () => selectRelative(1),
        k: () => selectRelative(-1),
        r: () => composerControl.focus('reply'),
        n: () => composerControl.focus('note'),
        '/': () => composerControl.openCanned(),
        e: () => {
          if (open) void updateConversation(open, { status: 'resolved' })
        },
      }
      const action = actions[e.key]
      if (!action) return
      e.preventDefault()
      action()
    }
    addEventListener('keydown', onKey)
    return () => removeEventListener('keydown', onKey)
  }, [])

  return (
    <div class="inbox">
      <ConversationList me={me} />
      <Thread me={me} conversation={selected} />
      <SidePanel conversation={selected} />
    </div>
  )
}
