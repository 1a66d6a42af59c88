import type { Attachment } from '@kefu/protocol'
import { useEffect, useRef, useState } from 'preact/hooks'
import type { ApiError } from '../api.ts'
import type { StringKey, strings } from '../i18n.ts'
import { acceptAttribute } from '../upload-rules.ts'
import { Icon } from './Icon.tsx'

interface ComposerProps {
  t: ReturnType<typeof strings>
  onSend(text: string, attachments: Attachment[]): void
  onTyping(typing: boolean): void
  upload(file: File): Promise<Attachment>
  /** Attachments need a connection; text can wait in the outbox. */
  canUpload: boolean
}

interface Draft {
  key: string
  name: string
  preview: string | null
  attachment: Attachment | null
}

const TYPING_REPEAT_MS = 3000
const TYPING_IDLE_MS = 4000

/** Text box (Enter sends, Shift+Enter breaks the line), attachments with previews, send button. */
export function Composer({ t, onSend, onTyping, upload, canUpload }: ComposerProps) {
  const [text, setText] = useState('')
  const [drafts, setDrafts] = useState<Draft[]>([])
  const [problem, setProblem] = useState<string | null>(null)
  const input = useRef<HTMLTextAreaElement>(null)
  const picker = useRef<HTMLInputElement>(null)
  const typing = useRef({ sentAt: 0, idle: 0 as unknown as ReturnType<typeof setTimeout> })

  useEffect(() => {
    const el = input.current
    if (!el) return
    el.style.height = 'auto'
    el.style.height = `${Math.min(el.scrollHeight, 120)}px`
  }, [text])

  const uploading = drafts.some((d) => !d.attachment)
  const ready = drafts.filter((d) => d.attachment).map((d) => d.attachment as Attachment)
  const canSend = !uploading && (text.trim().length > 0 || ready.length > 0)

  const send = () => {
    if (!canSend) return
    onSend(text, ready)
    for (const d of drafts) if (d.preview) URL.revokeObjectURL(d.preview)
    setText('')
    setDrafts([])
    setProblem(null)
    clearTimeout(typing.current.idle)
    typing.current.sentAt = 0
    input.current?.focus()
  }

  const onInput = (value: string) => {
    setText(value)
    const now = Date.now()
    if (now - typing.current.sentAt > TYPING_REPEAT_MS) {
      typing.current.sentAt = now
      onTyping(true)
    }
    clearTimeout(typing.current.idle)
    typing.current.idle = setTimeout(() => {
      typing.current.sentAt = 0
      onTyping(false)
    }, TYPING_IDLE_MS)
  }

  const addFiles = async (files: FileList | null) => {
    setProblem(null)
    for (const file of Array.from(files ?? [])) {
      const key = `${file.name}-${file.size}-${Date.now()}`
      const preview = file.type.startsWith('image/') ? URL.createObjectURL(file) : null
      setDrafts((d) => [...d, { key, name: file.name, preview, attachment: null }])
      try {
        const attachment = await upload(file)
        setDrafts((d) => d.map((x) => (x.key === key ? { ...x, attachment } : x)))
      } catch (err) {
        setDrafts((d) => d.filter((x) => x.key !== key))
        setProblem(t[(err as ApiError).code as StringKey] ?? t.uploadFailed)
      }
    }
    if (picker.current) picker.current.value = ''
  }

  return (
    <div class="composer">
      {problem && (
        <p class="notice" role="alert">
          {problem}
        </p>
      )}
      {drafts.length > 0 && (
        <ul class="drafts" aria-label={t.attachment}>
          {drafts.map((d) => (
            <li key={d.key} class="draft">
              {d.preview ? <img src={d.preview} alt={d.name} /> : <span class="draft-file">{d.name}</span>}
              {!d.attachment && <span class="draft-busy">{t.uploading}</span>}
              <button
                type="button"
                aria-label={`${t.remove} ${d.name}`}
                onClick={() => setDrafts((all) => all.filter((x) => x.key !== d.key))}
              >
                <Icon name="close" size={12} />
              </button>
            </li>
          ))}
        </ul>
      )}
      <div class="composer-row">
        <button
          type="button"
          class="icon-btn attach"
          aria-label={t.attach}
          title={t.attach}
          disabled={!canUpload}
          onClick={() => picker.current?.click()}
        >
          <Icon name="attach" />
        </button>
        <input
          ref={picker}
          type="file"
          accept={acceptAttribute}
          multiple
          hidden
          onChange={(e) => void addFiles(e.currentTarget.files)}
        />
        <textarea
          ref={input}
          rows={1}
          data-autofocus
          aria-label={t.placeholder}
          placeholder={t.placeholder}
          maxLength={4000}
          value={text}
          onInput={(e) => onInput(e.currentTarget.value)}
          onBlur={() => onTyping(false)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
              e.preventDefault()
              send()
            }
          }}
        />
        <button type="button" class="send" aria-label={t.send} disabled={!canSend} onClick={send}>
          <Icon name="send" />
        </button>
      </div>
    </div>
  )
}
