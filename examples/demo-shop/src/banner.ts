/** What the shop prints on start: where it is and the demo orders a new user can try. */
import type { DemoOrder } from './seed.ts'

/** Terminal columns: CJK and full-width characters take two. */
function columns(text: string): number {
  let width = 0
  for (const char of text)
    width +=
      /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(
        char,
      )
        ? 2
        : 1
  return width
}

export function startBanner(url: string, orders: DemoOrder[]): string {
  const width = Math.max(...orders.map((o) => columns(o.label)))
  return [
    '',
    `  Demo card shop (星河数卡) at ${url}`,
    `  Kefu webhook URL   ${url}/kefu/webhook`,
    `  Log in as a buyer  ${url}/login  (u_1001 li@example.com, u_1002 sam@example.com)`,
    `  Mailbox            ${url}/outbox`,
    '',
    '  Demo orders: order number · contact (email) · query password. Ask about them in the Kefu chat:',
    ...orders.map((o) => {
      const pad = ' '.repeat(width - columns(o.label))
      return `    ${o.label}${pad}  ${o.orderNo}  ${o.email}${o.searchPwd ? `  pwd ${o.searchPwd}` : ''}`
    }),
    '',
  ].join('\n')
}
