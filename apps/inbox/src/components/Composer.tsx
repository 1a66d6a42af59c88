import { type Attachment, type Conversation, MAX_MESSAGE_LENGTH } from '@kefu/protocol'
import { useEffect, useRef, useState } from 'preact/hooks'
import { sendReply, sendTyping } from '../inbox/state.ts'
import { api } from '../lib/api.ts'
import { newClientId } from '../lib/client-id.ts'
import { t } from '../lib/i18n.ts'
import { CannedPicker } from './CannedPicker.tsx'
import { composerControl } from './composer-control.ts'
import { Icon } from './icons.tsx'

type Mode = 'reply' | 'note'

/** Reply or internal note: Enter sends, Shift+Enter breaks the line, `/` finds a canned reply. */
export function Composer({ conversation }: { conversation: Conversation }) {
  const [mode, setMode] = useState<Mode>('reply')
  const [text, setText] = useState('')
  const [files, setFiles] = useState<Attachment[]>([])
  const [uploading, setUploading] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [canned, setCanned] = useState<string | null>(null)
  const area = useRef<HTMLTextAreaElement>(null)
  const fileInput = useRef<HTMLInputElement>(null)
  const drafts = useRef(new Map<string, string>())

  // Each conversation keeps its own draft while the agent hops between them.
  useEffect(() => {
    setText(drafts.current.get(conversation.id) ?? '')
    setFiles([])
    setCanned(null)
    return () => {
      if (area.current) drafts.current.set(conversation.id, area.current.value)
    }
  }, [conversation.id])

  useEffect(() => {
    composerControl.focus = (m) => {
      setMode(m)
      area.current?.focus()
    }
    composerControl.openCanned = () => {
      setMode('reply')
      setText('/')
      setCanned('')
      area.current?.focus()
    }
  }, [])

  const submit = () => {
    const body = text.trim()
    if ((!body && files.length === 0) || uploading) return
    if (body.length > MAX_MESSAGE_LENGTH) {
      setError(t('composer.tooLong', { n: MAX_MESSAGE_LENGTH }))
      return
    }
    void sendReply(conversation.id, {
      clientId: newClientId(),
      text: body,
      internal: mode === 'note',
      attachmentIds: files.map((f) => f.id),
      failed: false,
    })
    sendTyping(conversation.id, false)
    setText('')
    setFiles([])
    setError(null)
    drafts.current.delete(conversation.id)
  }

  const upload = async (list: FileList | null) => {
    if (!list?.length) return
    setUploading(true)
    setError(null)
    try {
      for (const file of Array.from(list)) {
        const stored = await api<Attachment>('/v1/attachments', { raw: file, query: { name: file.name } })
        setFiles((prev) => [...prev, stored])
      }
    } catch (err) {
      setError(t('err.generic', { message: (err as Error).message }))
    } finally {
      setUploading(false)
      if (fileInput.current) fileInput.current.value = ''
    }
  }

  const onInput = (value: string) => {
    setText(value)
    // A leading "/" starts a canned-reply search; the rest of the line is the query.
    const m = value.match(/^\/(\S*)$/)
    setCanned(m && mode === 'reply' ? (m[1] ?? '') : null)
    if (value) sendTyping(conversation.id, true)
  }

  const insertCanned = (reply: string) => {
    setText(reply)
    setCanned(null)
    area.current?.focus()
  }

  return (
    <div class={`composer ${mode === 'note' ? 'note-mode' : ''}`} data-testid="composer">
      {canned !== null && (
        <CannedPicker query={canned} onPick={insertCanned} onClose={() => setCanned(null)} anchor={area} />
      )}
      <div class="composer-tabs">
        <button type="button" class={mode === 'reply' ? 'on' : ''} onClick={() => setMode('reply')}>
          {t('composer.reply')}
          <kbd>R</kbd>
        </button>
        <button
          type="button"
          class={mode === 'note' ? 'on note' : ''}
          onClick={() => setMode('note')}
          data-testid="note-tab"
        >
          <Icon name="note" size={13} />
          {t('composer.note')}
          <kbd>N</kbd>
        </button>
      </div>
      <textarea
        ref={area}
        rows={3}
        value={text}
        placeholder={mode === 'note' ? t('composer.notePlaceholder') : t('composer.replyPlaceholder')}
        aria-label={mode === 'note' ? t('composer.note') : t('composer.reply')}
        onInput={(e) => onInput(e.currentTarget.value)}
        onBlur={() => sendTyping(conversation.id, false)}
        onKeyDown={(e) => {
          if (canned !== null && ['ArrowUp', 'ArrowDown', 'Enter', 'Escape', 'Tab'].includes(e.key)) return
          if (e.key === 'Escape') e.currentTarget.blur()
          if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
            e.preventDefault()
            submit()
          }
        }}
      />
      {files.length > 0 && (
        <div class="composer-files">
          {files.map((f) => (
            <span class="file-chip" key={f.id}>
              <Icon name="file" size={13} />
              {f.name}
              <button
                type="button"
                aria-label="remove"
                onClick={() => setFiles((prev) => prev.filter((x) => x.id !== f.id))}
              >
                <Icon name="x" size={12} />
              </button>
            </span>
          ))}
        </div>
      )}
      <div class="composer-bar">
        <div class="composer-tools">
          <input
            ref={fileInput}
            type="file"
            hidden
            multiple
            accept="image/png,image/jpeg,image/gif,image/webp,application/pdf"
            onChange={(e) => void upload(e.currentTarget.files)}
          />
          <button
            type="button"
            class="icon-button"
            title={t('composer.attach')}
            onClick={() => fileInput.current?.click()}
          >
            <Icon name="clip" size={17} />
          </button>
          <button
            type="button"
            class="icon-button"
            title={t('composer.canned')}
            onClick={() => composerControl.openCanned()}
          >
            <Icon name="zap" size={17} />
          </button>
          <span class="composer-hint">
            {uploading ? t('composer.uploading') : (error ?? t('composer.hint'))}
          </span>
        </div>
        <button
          type="button"
          class={`button ${mode === 'note' ? 'warning' : 'primary'}`}
          onClick={submit}
          data-testid="send"
        >
          <Icon name={mode === 'note' ? 'note' : 'send'} size={15} />
          {mode === 'note' ? t('composer.addNote') : t('composer.send')}
        </button>
      </div>
    </div>
  )
}
