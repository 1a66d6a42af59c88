import { launchBrowser } from './browser.ts'

// Usage: tsx tooling/screenshot.ts URL OUT.png [width] [height]
const [url, out, width = '1280', height = '800'] = process.argv.slice(2)
if (!url || !out) throw new Error('usage: screenshot.ts URL OUT.png [width] [height]')
const browser = await launchBrowser()
const page = await browser.newPage({ viewport: { width: Number(width), height: Number(height) } })
await page.goto(url)
await page.screenshot({ path: out })
await browser.close()
