import { mkdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

/**
 * Where browser tests save their screenshots: `docs/screenshots` when refreshing the README's
 * pictures (`KEFU_UPDATE_SCREENSHOTS=1 pnpm test`), a temporary folder otherwise, so a test run
 * leaves the working tree clean.
 */
export const screenshotDir: string = process.env.KEFU_UPDATE_SCREENSHOTS
  ? fileURLToPath(new URL('../docs/screenshots/', import.meta.url))
  : join(tmpdir(), 'kefu-screenshots')
mkdirSync(screenshotDir, { recursive: true })

export const screenshotPath = (name: string) => join(screenshotDir, name)
