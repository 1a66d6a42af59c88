import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { brotliCompressSync, constants, gzipSync } from 'node:zlib'

/**
 * Prints what buyers download, and fails over budget (min+gzip): the loader every shop page
 * loads, and the frame (its HTML, JS and CSS) loaded when the chat opens. `pnpm size`.
 */
const dist = fileURLToPath(new URL('../dist', import.meta.url))
const budgets = { loader: 4096, frame: 30720 }

const read = (path: string) => readFileSync(join(dist, path))
const assets = readdirSync(join(dist, 'assets')).filter((f) => /\.(js|css)$/.test(f))
const parts = {
  loader: [read('widget.js')],
  frame: [read('frame.html'), ...assets.map((f) => read(join('assets', f)))],
}

const gzip = (b: Buffer) => gzipSync(b, { level: 9 }).length
const brotli = (b: Buffer) =>
  brotliCompressSync(b, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length
const sum = (files: Buffer[], size: (b: Buffer) => number) => files.reduce((n, f) => n + size(f), 0)

let over = false
console.log('part     files      raw     gzip   brotli   budget (gzip)')
for (const [name, files] of Object.entries(parts) as [keyof typeof budgets, Buffer[]][]) {
  const g = sum(files, gzip)
  const fits = g <= budgets[name]
  over ||= !fits
  console.log(
    `${name.padEnd(8)} ${String(files.length).padStart(5)} ${String(sum(files, (b) => b.length)).padStart(8)} ${String(g).padStart(8)} ${String(sum(files, brotli)).padStart(8)}   ${budgets[name]} ${fits ? 'ok' : 'OVER BUDGET'}`,
  )
}
if (over) process.exitCode = 1
