import type { SendMessage, WidgetSession } from '@kefu/protocol'
import { t } from '../lib/i18n.ts'
import './preview.css'

/**
 * A page on Kefu's own origin that loads the shop's widget with its public key, so the owner can
 * see it and send a test message before installing it. Kefu's own origin may open widget sessions
 * for any shop. If the widget is not built on this server, a plain form talks to the same widget
 * API instead, so the test message still arrives in the inbox.
 */
const params = new URLSearchParams(location.search)
const key = params.get('key') ?? ''
const root = document.getElementById('preview')!

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Record<string, unknown> = {},
  ...children: Array<Node | string>
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag)
  Object.assign(node, props)
  node.append(...children)
  return node
}

function mockShop() {
  const products = [
    ['Steam 充值卡 ¥100', '自动发货'],
    ['App Store 礼品卡 $25', '自动发货'],
    ['游戏月卡', '人工充值'],
  ]
  root.append(
    el(
      'header',
      { className: 'shop-head' },
      el('strong', {}, 'Your Shop'),
      el('span', {}, 'Widget preview · Kefu'),
    ),
    el(
      'main',
      { className: 'shop-grid' },
      ...products.map(([title, delivery]) =>
        el(
          'div',
          { className: 'shop-item' },
          el('div', { className: 'shop-img' }),
          el('b', {}, title ?? ''),
          el('small', {}, delivery ?? ''),
        ),
      ),
    ),
  )
}

async function loadWidget(): Promise<boolean> {
  const res = await fetch('/widget.js', { method: 'HEAD' }).catch(() => null)
  if (!res?.ok) return false
  // The documented command queue: calls made before the script loads are replayed by it.
  type Kefu = ((...args: unknown[]) => void) & { q?: unknown[][] }
  const w = window as unknown as { kefu?: Kefu }
  const kefu: Kefu =
    w.kefu ??
    ((...args: unknown[]) => {
      kefu.q = kefu.q ?? []
      kefu.q.push(args)
    })
  w.kefu = kefu
  if (params.get('open') === '1') kefu('open')
  const script = el('script', { async: true, src: '/widget.js' })
  script.dataset.key = key
  document.body.append(script)
  return true
}

/** Without the widget build: a minimal chat box on the same widget API. */
function fallbackForm() {
  const status = el('p', { className: 'fallback-status' })
  const input = el('textarea', {
    rows: 3,
    placeholder: 'Hello, I paid but got no code…',
    value: params.get('text') ?? '',
  })
  const button = el('button', { type: 'submit', textContent: t('composer.send') })
  const form = el('form', { className: 'fallback' }, input, button, status)
  root.append(
    el(
      'section',
      { className: 'placeholder', role: 'note' },
      el('strong', {}, t('preview.placeholder')),
      el('p', {}, t('preview.placeholderHint')),
      form,
    ),
  )
  let token = sessionStorage.getItem(`kefu.preview.${key}`) ?? undefined
  let conversationId: string | undefined
  form.addEventListener('submit', async (e) => {
    e.preventDefault()
    const text = input.value.trim()
    if (!text) return
    button.disabled = true
    try {
      const session = await post<WidgetSession>('/v1/widget/sessions', {
        publicKey: key,
        hostOrigin: location.origin,
        visitorToken: token,
        page: { url: location.href, title: document.title },
      })
      token = session.visitorToken
      sessionStorage.setItem(`kefu.preview.${key}`, token)
      const message: SendMessage = { clientId: `pv_${crypto.randomUUID()}`, text, attachmentIds: [] }
      if (!conversationId) {
        const started = await post<{ conversation: { id: string } }>(
          '/v1/widget/conversations',
          { message },
          token,
        )
        conversationId = started.conversation.id
      } else {
        await post(`/v1/widget/conversations/${conversationId}/messages`, message, token)
      }
      input.value = ''
      status.textContent = '✓'
    } catch (err) {
      status.textContent = String((err as Error).message)
    } finally {
      button.disabled = false
    }
  })
}

async function post<T = unknown>(path: string, body: unknown, token?: string): Promise<T> {
  const res = await fetch(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token && { authorization: `Bearer ${token}` }) },
    body: JSON.stringify(body),
  })
  const json = await res.json()
  if (!res.ok) throw new Error(json?.error?.message ?? res.statusText)
  return json as T
}

mockShop()
if (!key) root.append(el('p', { className: 'placeholder' }, 'Missing ?key=pk_…'))
else
  void loadWidget().then((loaded) => {
    if (!loaded) fallbackForm()
  })
