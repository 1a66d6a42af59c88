import { useEffect, useState } from 'preact/hooks'
import { type MessageKey, t } from '../lib/i18n.ts'
import { Icon } from './icons.tsx'

const shortcuts: Array<[string, MessageKey]> = [
  ['j', 'help.next'],
  ['k', 'help.prev'],
  ['r', 'help.reply'],
  ['n', 'help.note'],
  ['e', 'help.resolve'],
  ['/', 'help.canned'],
  ['?', 'help.help'],
  ['Enter', 'help.send'],
  ['Shift + Enter', 'help.newline'],
]

/** `?` anywhere outside a text field opens it; Escape closes it. */
export function useHelpDialog() {
  const [visible, setVisible] = useState(false)
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') setVisible(false)
      if (e.key !== '?' || isTyping(e)) return
      e.preventDefault()
      setVisible((v) => !v)
    }
    addEventListener('keydown', onKey)
    return () => removeEventListener('keydown', onKey)
  }, [])
  return { visible, open: () => setVisible(true), close: () => setVisible(false) }
}

export function isTyping(e: KeyboardEvent): boolean {
  const el = e.target as HTMLElement | null
  return (
    !!el &&
    (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || el.isContentEditable)
  )
}

export function HelpDialog({ onClose }: { onClose: () => void }) {
  return (
    <div class="overlay">
      <button type="button" class="overlay-close" aria-label={t('help.close')} onClick={onClose} />
      <div class="dialog" role="dialog" aria-modal="true" aria-label={t('help.title')}>
        <div class="dialog-head">
          <h2>{t('help.title')}</h2>
          <button type="button" class="icon-button" onClick={onClose} aria-label={t('help.close')}>
            <Icon name="x" />
          </button>
        </div>
        <dl class="shortcuts">
          {shortcuts.map(([key, label]) => (
            <div key={key}>
              <dt>
                <kbd>{key}</kbd>
              </dt>
              <dd>{t(label)}</dd>
            </div>
          ))}
        </dl>
      </div>
    </div>
  )
}
