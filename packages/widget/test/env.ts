import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startTestKefu, type TestKefu } from '@kefu/api/testing'
import {
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  chromium,
  type Frame,
  type FrameLocator,
  type Page,
} from 'playwright-core'
import { launchBrowser } from '../../../tooling/browser.ts'
import { connectAgent, type TestAgent } from './agent.ts'
import { type ShopPage, serveShopPage } from './shop-page.ts'

export interface WidgetEnv {
  kefu: TestKefu
  shopPage: ShopPage
  browser: Browser
  /** A fresh shop (its own tenant) allowed on the shop page's origin, with its agent connected. */
  newShop(name?: string): Promise<{
    key: string
    agent: TestAgent
    cookie: string
    /** All of the shop's keys (secret, webhook and identity secrets), for a demo shop backend. */
    keys: Awaited<ReturnType<TestKefu['newShop']>>['keys']
  }>
  /**
   * A buyer in a private window (Playwright contexts are incognito-like: Chromium blocks
   * third-party storage there, so the frame keeps its token in memory only).
   */
  newBuyer(options?: BrowserContextOptions): Promise<BrowserContext>
  /**
   * A buyer in an ordinary browser profile that allows third-party storage, partitioned per top
   * site (Google Chrome's default, and what Firefox and Safari do). Debian's Chromium blocks it by
   * default, like a private window; the profile's preference says otherwise here.
   */
  newProfileBuyer(options?: BrowserContextOptions): Promise<BrowserContext>
  close(): Promise<void>
}

/** Kefu on 127.0.0.1, the shop page on localhost (another origin, another site), one Chromium. */
export async function startWidgetEnv(): Promise<WidgetEnv> {
  const [kefu, shopPage, browser] = await Promise.all([startTestKefu(), serveShopPage(), launchBrowser()])
  const agents: TestAgent[] = []
  const contexts: BrowserContext[] = []
  const cleanups: (() => Promise<void>)[] = []
  return {
    kefu,
    shopPage,
    browser,
    async newShop(name) {
      const shop = await kefu.newShop({ origins: [shopPage.origin], ...(name && { name }) })
      shopPage.use(kefu.url, shop.keys.publicKey)
      const cookie = await shop.login()
      const agent = await connectAgent(kefu.url, cookie)
      agents.push(agent)
      return { key: shop.keys.publicKey, agent, cookie, keys: shop.keys }
    },
    async newBuyer(options = {}) {
      const context = await browser.newContext({
        locale: 'zh-CN',
        viewport: { width: 1280, height: 800 },
        baseURL: shopPage.origin,
        ...options,
      })
      await context.addInitScript(forceOpenShadowRoots)
      context.on('page', reportErrors)
      contexts.push(context)
      return context
    },
    async newProfileBuyer(options = {}) {
      const dir = await mkdtemp(join(tmpdir(), 'kefu-buyer-'))
      await mkdir(join(dir, 'Default'))
      await writeFile(
        join(dir, 'Default', 'Preferences'),
        JSON.stringify({ profile: { cookie_controls_mode: 0 } }),
      )
      const context = await chromium.launchPersistentContext(dir, {
        executablePath: '/usr/bin/chromium',
        args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-quic'],
        locale: 'zh-CN',
        viewport: { width: 1280, height: 800 },
        baseURL: shopPage.origin,
        ...options,
      })
      await context.addInitScript(forceOpenShadowRoots)
      context.on('page', reportErrors)
      contexts.push(context)
      cleanups.push(() => rm(dir, { recursive: true, force: true }))
      return context
    },
    async close() {
      for (const a of agents) a.close()
      for (const c of contexts) await c.close().catch(() => undefined)
      await browser.close()
      await shopPage.close()
      await kefu.close()
      for (const c of cleanups) await c()
    },
  }
}

/** Tests reach into the launcher's shadow root; the widget itself uses a closed one. */
function forceOpenShadowRoots() {
  const attach = Element.prototype.attachShadow
  Element.prototype.attachShadow = function (init) {
    return attach.call(this, { ...init, mode: 'open' })
  }
}

/** Errors in the shop page or the widget frame show in the test output. */
function reportErrors(page: Page) {
  page.on('pageerror', (err) => console.error(`[page error] ${err.message}`))
  page.on(
    'console',
    (m) => m.type() === 'error' && !m.text().includes('favicon') && console.error(`[console] ${m.text()}`),
  )
}

export const launcher = (page: Page) => page.locator('kefu-widget button.l')
export const widget = (page: Page): FrameLocator => page.frameLocator('kefu-widget iframe')

/** The frame object itself (for evaluate), once it exists. */
export async function widgetFrame(page: Page): Promise<Frame> {
  for (let i = 0; i < 100; i++) {
    const frame = page.frames().find((f) => f.url().includes('/widget/frame.html'))
    if (frame) return frame
    await page.waitForTimeout(100)
  }
  throw new Error('no widget frame')
}

/** Opens the shop page and the widget; resolves when the composer can be typed in. */
export async function openWidget(page: Page, path = '/'): Promise<FrameLocator> {
  if (page.url() === 'about:blank') await page.goto(path)
  await launcher(page).click()
  const frame = widget(page)
  await frame.locator('textarea, .primary').first().waitFor({ state: 'visible' })
  return frame
}

/**
 * Types a message in the composer and presses Enter. Headless Chromium now and then drops text that
 * Playwright inserts into the cross-origin frame right after it opened (no input event reaches the
 * frame at all; seen ~1 in 40 with a persistent profile, at session 1's code too), so the text is
 * typed again until the box holds it. A person sees what they typed and would do the same.
 */
export async function sendFromWidget(frame: FrameLocator, text: string) {
  const box = frame.locator('textarea')
  for (let attempt = 0; ; attempt++) {
    await box.fill(text)
    if ((await box.inputValue()) === text) break
    if (attempt === 5) throw new Error('the composer never took the text')
    await box.page().waitForTimeout(100)
  }
  await box.press('Enter')
}
