import { conversationOrders, conversations, type Db } from '@kefu/db'
import { fingerprintCode, maskCode, normaliseCode, type Order } from '@kefu/shop-sdk'
import { and, eq, inArray, sql } from 'drizzle-orm'
import type { SecretBox } from '../../lib/master-key.ts'
import { liveSecrets } from '../keys.ts'

/** Dash- or space-grouped codes (`G7KQ2-8WMRT-ZP4XN`, `ABCD EFGH IJKL`): how gift-card codes are printed. */
const GROUPED = /\b[A-Za-z0-9]{3,8}(?:[- ][A-Za-z0-9]{3,8}){2,7}\b/g
/** One long run of letters and digits (`X9QK7MZL3RTW2HNP`): only masked when it matches an order's code. */
const RUN = /\b[A-Za-z0-9]{10,40}\b/g

const hasLetterAndDigit = (s: string) => /[A-Za-z]/.test(s) && /\d/.test(s)

export interface PastedCodeMatch {
  orderNo: string
  masked: string
  status: string | undefined
}

/**
 * Finds codes a buyer pasted into a message. A code that matches, by fingerprint, a code of an
 * order on the buyer's conversations is replaced by the shop's masked form; any other grouped
 * code is masked too. Kefu never stores a pasted code in clear.
 */
export async function maskPastedCodes(
  db: Db,
  secrets: SecretBox,
  input: { tenantId: string; conversationId: string; text: string },
): Promise<{ text: string; matches: PastedCodeMatch[] }> {
  const grouped = [...input.text.matchAll(GROUPED)].map((m) => m[0]).filter(hasLetterAndDigit)
  const runs = [...input.text.matchAll(RUN)].map((m) => m[0]).filter(hasLetterAndDigit)
  const candidates = [...new Set([...grouped, ...runs])]
  if (!candidates.length) return { text: input.text, matches: [] }

  // Codes of orders on any conversation of this buyer (they may paste in a new conversation).
  const rows = await db
    .select({ orderNo: conversationOrders.orderNo, snapshot: conversationOrders.snapshot })
    .from(conversationOrders)
    .where(
      and(
        eq(conversationOrders.tenantId, input.tenantId),
        inArray(
          conversationOrders.conversationId,
          db
            .select({ id: conversations.id })
            .from(conversations)
            .where(
              and(
                eq(conversations.tenantId, input.tenantId),
                sql`${conversations.visitorId} = (select visitor_id from conversations where id = ${input.conversationId})`,
              ),
            ),
        ),
      ),
    )
  const known = new Map<string, { orderNo: string; masked: string; status: string | undefined }>()
  for (const row of rows) {
    for (const code of (row.snapshot as unknown as Order).codes ?? []) {
      known.set(code.fingerprint, { orderNo: row.orderNo, masked: code.masked, status: code.status })
    }
  }
  const webhookSecrets = known.size ? await liveSecrets(db, secrets, input.tenantId, 'webhook') : []

  let text = input.text
  const matches: PastedCodeMatch[] = []
  for (const candidate of candidates) {
    let match: PastedCodeMatch | undefined
    for (const secret of webhookSecrets) {
      const hit = known.get(await fingerprintCode(secret, candidate))
      if (hit) {
        match = hit
        break
      }
    }
    if (match) {
      matches.push(match)
      text = text.split(candidate).join(match.masked)
    } else if (grouped.includes(candidate)) {
      text = text.split(candidate).join(maskCode(normaliseCode(candidate)))
    }
  }
  return { text, matches }
}
