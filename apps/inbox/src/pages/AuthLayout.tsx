import type { ComponentChildren } from 'preact'
import { Icon } from '../components/icons.tsx'
import { ApiError } from '../lib/api.ts'
import { type Locale, locales, setLocale, t, useLocale } from '../lib/i18n.ts'
import { navigate } from '../lib/router.ts'

const labels: Record<Locale, string> = { 'zh-CN': '中文', en: 'English' }

/** A person-readable line for an API error, naming the field when the server did. */
export function errorText(err: unknown): string {
  if (!(err instanceof ApiError)) return t('err.generic', { message: String(err) })
  if (
    err.code === 'invalid_credentials' ||
    err.code === 'rate_limited' ||
    err.code === 'network' ||
    err.code === 'forbidden'
  ) {
    return err.code === 'forbidden' && err.message ? err.message : t(`err.${err.code}`)
  }
  return err.message
}

export function Link({ to, children }: { to: string; children: ComponentChildren }) {
  return (
    <a
      href={`/inbox${to}`}
      onClick={(e) => {
        e.preventDefault()
        navigate(to)
      }}
    >
      {children}
    </a>
  )
}

/** The login, sign-up and reset pages: a form card on a quiet background. */
export function AuthLayout({
  title,
  lead,
  children,
}: {
  title: string
  lead?: string
  children: ComponentChildren
}) {
  const locale = useLocale()
  return (
    <div class="auth">
      <div class="auth-top">
        <span class="brand">
          <span class="brand-mark">
            <Icon name="chat" size={16} />
          </span>
          Kefu
        </span>
        <select
          value={locale}
          onChange={(e) => setLocale(e.currentTarget.value as Locale)}
          aria-label="Language"
        >
          {locales.map((l) => (
            <option key={l} value={l}>
              {labels[l]}
            </option>
          ))}
        </select>
      </div>
      <main class="auth-card">
        <h1>{title}</h1>
        {lead && <p class="lead">{lead}</p>}
        {children}
      </main>
    </div>
  )
}
