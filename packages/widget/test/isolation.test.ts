import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launcher, openWidget, startWidgetEnv, type WidgetEnv } from './env.ts'

let env: WidgetEnv
beforeAll(async () => {
  env = await startWidgetEnv()
})
afterAll(() => env?.close())

const shopControls = ['#orders-link', '#faq-link', '#minus', '#plus', '#buy', '#favourite', '#to-top']

/** Clicks every control of the shop page the way a person would (Playwright refuses if something covers it). */
async function clickEverything(page: Page) {
  await page.evaluate(() => {
    ;(window as unknown as { shopClicks: string[] }).shopClicks = []
  })
  for (const selector of shopControls) await page.click(selector, { timeout: 3000 })
  return page.evaluate(() => (window as unknown as { shopClicks: string[] }).shopClicks)
}

describe('a frame that cannot load', () => {
  for (const failure of ['abort', '500'] as const) {
    it(`(${failure}) never blocks the shop page`, async () => {
      await env.newShop()
      const page = await (await env.newBuyer()).newPage()
      await page.route('**/widget/frame.html', (route) =>
        failure === 'abort' ? route.abort('connectionrefused') : route.fulfill({ status: 500, body: 'oops' }),
      )
      await page.goto('/')
      await launcher(page).waitFor()
      // The background prefetch fails first, then the buyer opens the widget anyway.
      await page.waitForFunction(() => document.readyState === 'complete')
      expect(await clickEverything(page)).toEqual(shopControls.map((s) => s.slice(1)))

      await launcher(page).click()
      const toast = page.locator('kefu-widget [role="status"]')
      await toast.waitFor({ state: 'visible', timeout: 20_000 })
      await expect(toast.textContent()).resolves.toContain('客服暂时无法连接')
      await expect(page.locator('kefu-widget iframe').count()).resolves.toBe(0)
      await expect(launcher(page).getAttribute('aria-expanded')).resolves.toBe('false')
      expect(await clickEverything(page)).toEqual(shopControls.map((s) => s.slice(1)))

      // Once Kefu is reachable again, the next click opens the chat.
      await page.unroute('**/widget/frame.html')
      await openWidget(page)
    })
  }
})

/** Pixels that differ by more than `threshold` (0–255 per channel) between two PNG screenshots. */
async function differingPixels(page: Page, a: Buffer, b: Buffer, threshold = 24): Promise<number> {
  return page.evaluate(
    async ([a64, b64, t]) => {
      const load = async (src: string) => {
        const img = new Image()
        img.src = `data:image/png;base64,${src}`
        await img.decode()
        const canvas = document.createElement('canvas')
        canvas.width = img.width
        canvas.height = img.height
        const ctx = canvas.getContext('2d') as CanvasRenderingContext2D
        ctx.drawImage(img, 0, 0)
        return ctx.getImageData(0, 0, img.width, img.height).data
      }
      const [x, y] = [await load(a64 as string), await load(b64 as string)]
      if (x.length !== y.length) return Number.POSITIVE_INFINITY
      let n = 0
      for (let i = 0; i < x.length; i += 4)
        if ([0, 1, 2].some((c) => Math.abs((x[i + c] ?? 0) - (y[i + c] ?? 0)) > (t as number))) n++
      return n
    },
    [a.toString('base64'), b.toString('base64'), threshold] as const,
  )
}

const hostileCss = `
* { font-family: "Comic Sans MS", "Noto Serif CJK SC", cursive !important; color: #ff00aa !important;
    line-height: 3 !important; letter-spacing: 4px !important; box-sizing: content-box !important;
    text-transform: uppercase !important; cursor: crosshair !important; }
button { background: lime !important; border: 6px dashed red !important; border-radius: 0 !important;
    padding: 30px !important; width: 300px !important; height: 90px !important; box-shadow: none !important;
    font-size: 30px !important; display: inline !important; }
div { display: inline !important; margin: 25px !important; padding: 25px !important; background: yellow !important;
    border: 4px solid blue !important; position: static !important; }
iframe { display: none !important; }
`

describe('hostile shop CSS', () => {
  it('does not change how the launcher and the panel look', async () => {
    await env.newShop()
    const page = await (await env.newBuyer()).newPage()
    await page.goto('/')
    await launcher(page).waitFor()
    const shoot = async () => {
      const box = await launcher(page).boundingBox()
      if (!box) throw new Error('no launcher')
      // The inside of the round button, away from the page behind its corners.
      return page.screenshot({
        clip: { x: box.x + 10, y: box.y + 10, width: box.width - 20, height: box.height - 20 },
      })
    }
    const before = await shoot()
    const sizeBefore = await launcher(page).boundingBox()
    await page.addStyleTag({ content: hostileCss })
    await page.waitForTimeout(100)
    const after = await shoot()
    expect(await launcher(page).boundingBox()).toEqual(sizeBefore)
    expect(await differingPixels(page, before, after)).toBeLessThanOrEqual(8)

    // Open: the panel keeps its size and content (the frame cannot be styled from outside).
    const frame = await openWidget(page)
    await frame.locator('textarea').fill('')
    const panel = page.locator('kefu-widget .p')
    const shootPanel = async () => {
      const box = await panel.boundingBox()
      if (!box) throw new Error('no panel')
      return {
        box,
        png: await page.screenshot({
          clip: { x: box.x + 20, y: box.y + 20, width: box.width - 40, height: box.height - 40 },
        }),
      }
    }
    await page.mouse.move(0, 0)
    await page.waitForTimeout(400)
    const hostile = await shootPanel()
    await page.evaluate(() => {
      for (const s of document.querySelectorAll('style'))
        if (s.textContent?.includes('Comic Sans')) s.remove()
    })
    await page.waitForTimeout(400)
    const clean = await shootPanel()
    expect(hostile.box).toEqual(clean.box)
    expect(await differingPixels(page, hostile.png, clean.png)).toBeLessThanOrEqual(40)
  })
})
