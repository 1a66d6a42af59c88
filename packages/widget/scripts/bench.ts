import { startTestKefu } from '@kefu/api/testing'
import type { Browser } from 'playwright-core'
import { launchBrowser } from '../../../tooling/browser.ts'
import { serveShopPage } from '../test/shop-page.ts'

/*
 * What the widget costs a shop page, in headless Chromium on this machine (not a test):
 *   launcher  widget.js request start → launcher in the page
 *   open      click on the launcher → composer focused in the frame (after the idle prefetch,
 *             and "cold" with data-prefetch="false")
 *   longtasks main-thread tasks > 50 ms on the host page from navigation to 3 s after load,
 *             with the widget and without it.
 * Each run is a fresh browser context (empty cache, new visitor).  `pnpm --filter @kefu/widget bench [runs]`
 */
const runs = Number(process.argv[2] ?? 21)
const SETTLE_MS = 3000

interface Sample {
  launcher?: number
  open?: number
  longTasks: number
  longTaskMs: number
  load: number
}

// Runs in the page before anything else: long tasks, the moment the launcher lands, the open event.
// A string, not a function: tsx would add name helpers that do not exist in the page.
const probe = `
  window.__tasks = []
  new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__tasks.push(e.duration) })
    .observe({ type: 'longtask', buffered: true })
  new MutationObserver((records, observer) => {
    if (records.some((r) => Array.from(r.addedNodes).some((n) => n.nodeName === 'KEFU-WIDGET'))) {
      window.__launcher = performance.now()
      observer.disconnect()
    }
  }).observe(document, { childList: true, subtree: true })
  addEventListener('pointerdown', (e) => { window.__clicked = e.timeStamp }, true)
  window.kefu = function () { (window.kefu.q = window.kefu.q || []).push(arguments) }
  window.kefu('on', 'open', () => { window.__opened = performance.now() })
`

async function measure(browser: Browser, url: string, open: 'warm' | 'cold' | 'none'): Promise<Sample> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' })
  await context.addInitScript({ content: probe })
  const page = await context.newPage()
  await page.goto(url, { waitUntil: 'load' })
  const load = await page.evaluate(() => performance.getEntriesByType('navigation')[0]?.duration ?? 0)
  if (open !== 'none') await page.waitForFunction(() => '__launcher' in window)
  await page.waitForTimeout(SETTLE_MS)
  const sample = await page.evaluate(() => {
    const w = window as unknown as Record<string, number> & { __tasks: number[] }
    const script = performance.getEntriesByType('resource').find((e) => e.name.endsWith('/widget.js'))
    return {
      launcher: script && w.__launcher ? w.__launcher - script.startTime : undefined,
      longTasks: w.__tasks.length,
      longTaskMs: w.__tasks.reduce((a, b) => a + b, 0),
    }
  })
  let opened: number | undefined
  if (open !== 'none') {
    await page.mouse.click(1232, 752) // the launcher, bottom right
    await page.waitForFunction(() => '__opened' in window, null, { timeout: 20_000 })
    opened = await page.evaluate(() => {
      const w = window as unknown as Record<string, number>
      return (w.__opened ?? 0) - (w.__clicked ?? 0)
    })
  }
  await context.close()
  return { ...sample, load, ...(opened !== undefined && { open: opened }) }
}

function stats(values: number[]) {
  const v = [...values].sort((a, b) => a - b)
  const at = (q: number) => v[Math.min(v.length - 1, Math.floor(q * (v.length - 1)))] ?? 0
  const f = (n: number) => n.toFixed(1).padStart(7)
  return `median ${f(at(0.5))}   p10 ${f(at(0.1))}   p90 ${f(at(0.9))}   min ${f(v[0] ?? 0)}   max ${f(v.at(-1) ?? 0)}`
}

const kefu = await startTestKefu()
const shopPage = await serveShopPage()
const shop = await kefu.newShop({ origins: [shopPage.origin] })
shopPage.use(kefu.url, shop.keys.publicKey)
const browser = await launchBrowser()
try {
  const samples: Record<string, Sample[]> = { widget: [], cold: [], none: [] }
  for (let i = 0; i < runs; i++) {
    // Interleaved, so a slow moment of the machine hits every variant alike.
    samples.widget?.push(await measure(browser, `${shopPage.origin}/`, 'warm'))
    samples.cold?.push(await measure(browser, `${shopPage.origin}/no-prefetch`, 'cold'))
    samples.none?.push(await measure(browser, `${shopPage.origin}/no-widget`, 'none'))
    process.stderr.write('.')
  }
  const pick = (name: string, key: keyof Sample) =>
    (samples[name] ?? []).map((s) => s[key]).filter((n): n is number => typeof n === 'number')
  console.log(`\n${runs} runs each, ms (Chromium ${browser.version()}, headless)`)
  console.log(`script tag → launcher drawn          ${stats(pick('widget', 'launcher'))}`)
  console.log(`click → composer ready (prefetched)  ${stats(pick('widget', 'open'))}`)
  console.log(`click → composer ready (cold)        ${stats(pick('cold', 'open'))}`)
  console.log(`page load event, with widget          ${stats(pick('widget', 'load'))}`)
  console.log(`page load event, without widget       ${stats(pick('none', 'load'))}`)
  console.log(`long tasks (count), with widget       ${stats(pick('widget', 'longTasks'))}`)
  console.log(`long tasks (count), without widget    ${stats(pick('none', 'longTasks'))}`)
  console.log(`long tasks (total ms), with widget    ${stats(pick('widget', 'longTaskMs'))}`)
  console.log(`long tasks (total ms), without widget ${stats(pick('none', 'longTaskMs'))}`)
} finally {
  await browser.close()
  await shopPage.close()
  await kefu.close()
}
