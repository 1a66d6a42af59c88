import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { startTestKefu, type TestKefu } from '@kefu/api/testing'
import type { Browser, Page } from 'playwright-core'
import { launchBrowser } from '../../../tooling/browser.ts'

const dist = fileURLToPath(new URL('../dist/index.html', import.meta.url))

/** A real Kefu with the built inbox, and a browser. The inbox must be built first (pnpm test does). */
export async function startInboxTest(): Promise<{ kefu: TestKefu; browser: Browser }> {
  if (!existsSync(dist)) throw new Error('The inbox is not built: run pnpm --filter @kefu/inbox build')
  const [kefu, browser] = await Promise.all([startTestKefu(), launchBrowser()])
  return { kefu, browser }
}

export async function newAgentPage(browser: Browser, locale = 'zh-CN'): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale })
  const page = await context.newPage()
  page.on('pageerror', (err) => console.error('[inbox page error]', err.message))
  return page
}

export async function logIn(page: Page, kefuUrl: string, agent: { email: string; password: string }) {
  await page.goto(`${kefuUrl}/inbox/`)
  await page.fill('input[name=email]', agent.email)
  await page.fill('input[name=password]', agent.password)
  await page.click('button[type=submit]')
  await page.waitForSelector('[data-testid=connection].conn-online')
}

/** Polls until `check` holds (playwright's own matchers are not in vitest). */
export async function eventually(
  check: () => Promise<boolean>,
  what: string,
  timeoutMs = 10_000,
): Promise<void> {
  const until = Date.now() + timeoutMs
  while (Date.now() < until) {
    if (await check().catch(() => false)) return
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error(`timed out waiting for ${what}`)
}
