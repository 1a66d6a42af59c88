import { useState } from 'preact/hooks'
import { Icon } from '../components/icons.tsx'
import { t } from '../lib/i18n.ts'
import { errorText } from '../pages/AuthLayout.tsx'
import { SaveState, saveShopSettings } from './shared.tsx'

/** The sites the widget may open on; saved as the list changes. */
export function OriginsEditor({ origins }: { origins: string[] }) {
  const [draft, setDraft] = useState('')
  const [state, setState] = useState('idle')

  const save = async (next: string[]) => {
    setState('saving')
    try {
      await saveShopSettings({ allowedOrigins: next })
      setState('saved')
      setDraft('')
    } catch (err) {
      setState(errorText(err))
    }
  }

  const add = (e: Event) => {
    e.preventDefault()
    const value = draft.trim()
    if (!value) return
    void save([...origins, /^https?:\/\//.test(value) ? value : `https://${value}`])
  }

  return (
    <div class="origins">
      <ul>
        {origins.map((o) => (
          <li key={o}>
            <Icon name="globe" size={14} />
            <code>{o}</code>
            <button
              type="button"
              class="link-button danger"
              onClick={() => void save(origins.filter((x) => x !== o))}
            >
              {t('settings.remove')}
            </button>
          </li>
        ))}
      </ul>
      <form class="inline-form" onSubmit={add}>
        <input
          value={draft}
          placeholder="https://shop.example"
          onInput={(e) => setDraft(e.currentTarget.value)}
          aria-label={t('settings.origins')}
        />
        <button type="submit" class="button">
          {t('settings.addOrigin')}
        </button>
        <SaveState state={state} />
      </form>
    </div>
  )
}
