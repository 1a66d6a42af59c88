import type { CannedReply } from '@kefu/protocol'
import { useEffect, useState } from 'preact/hooks'
import { inbox } from '../inbox/state.ts'
import { api } from '../lib/api.ts'
import { t } from '../lib/i18n.ts'
import { errorText } from '../pages/AuthLayout.tsx'

type Draft = { id?: string; shortcut: string; title: string; text: string }

export function CannedSettings() {
  const [replies, setReplies] = useState<CannedReply[] | null>(null)
  const [draft, setDraft] = useState<Draft | null>(null)
  const [error, setError] = useState<string | null>(null)
  const load = () =>
    void api<{ cannedReplies: CannedReply[] }>('/v1/canned-replies').then((r) => {
      setReplies(r.cannedReplies)
      inbox.set({ cannedReplies: r.cannedReplies })
    })
  useEffect(load, [])

  const save = async (e: Event) => {
    e.preventDefault()
    if (!draft) return
    const { id, ...body } = draft
    try {
      await api(id ? `/v1/canned-replies/${id}` : '/v1/canned-replies', {
        method: id ? 'PATCH' : 'POST',
        body,
      })
      setDraft(null)
      setError(null)
      load()
    } catch (err) {
      setError(errorText(err))
    }
  }

  const remove = async (id: string) => {
    await api(`/v1/canned-replies/${id}`, { method: 'DELETE' })
    load()
  }

  return (
    <div class="card wide">
      <div class="card-head">
        <h2>{t('settings.canned')}</h2>
        {!draft && (
          <button
            type="button"
            class="button primary"
            onClick={() => setDraft({ shortcut: '', title: '', text: '' })}
          >
            {t('canned.add')}
          </button>
        )}
      </div>
      {draft && (
        <form class="form canned-form" onSubmit={save}>
          <div class="form-row">
            <label>
              {t('canned.shortcut')}
              <span class="prefixed">
                <span>/</span>
                <input
                  class="bare"
                  value={draft.shortcut}
                  required
                  maxLength={40}
                  pattern="[\p{L}\p{N}_\-]+"
                  onInput={(e) => setDraft({ ...draft, shortcut: e.currentTarget.value })}
                />
              </span>
            </label>
            <label>
              {t('canned.title')}
              <input
                value={draft.title}
                required
                maxLength={120}
                onInput={(e) => setDraft({ ...draft, title: e.currentTarget.value })}
              />
            </label>
          </div>
          <label>
            {t('canned.text')}
            <textarea
              rows={4}
              value={draft.text}
              required
              maxLength={4000}
              onInput={(e) => setDraft({ ...draft, text: e.currentTarget.value })}
            />
          </label>
          {error && <p class="notice error">{error}</p>}
          <div class="form-actions">
            <button type="submit" class="button primary">
              {t('settings.save')}
            </button>
            <button type="button" class="button ghost" onClick={() => setDraft(null)}>
              {t('canned.cancel')}
            </button>
          </div>
        </form>
      )}
      {replies?.length === 0 && !draft && <p class="muted">{t('canned.empty')}</p>}
      <ul class="canned-list">
        {replies?.map((r) => (
          <li key={r.id}>
            <div>
              <code>/{r.shortcut}</code> <strong>{r.title}</strong>
              <p>{r.text}</p>
            </div>
            <div class="row-actions">
              <button type="button" class="link-button" onClick={() => setDraft({ ...r })}>
                {t('canned.edit')}
              </button>
              <button type="button" class="link-button danger" onClick={() => void remove(r.id)}>
                {t('canned.delete')}
              </button>
            </div>
          </li>
        ))}
      </ul>
    </div>
  )
}
