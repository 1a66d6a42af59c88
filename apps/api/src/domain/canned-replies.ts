import { cannedReplies, type Db } from '@kefu/db'
import { type CannedReply, newId } from '@kefu/protocol'
import { and, asc, eq, ilike, or } from 'drizzle-orm'
import { KefuError, notFound } from '../errors.ts'

type Row = typeof cannedReplies.$inferSelect

const toCannedReply = (r: Row): CannedReply => ({
  id: r.id,
  shortcut: r.shortcut,
  title: r.title,
  text: r.text,
  updatedAt: r.updatedAt.toISOString(),
})

const newCannedReplyId = () => newId('cannedReply')

/** Postgres unique violation, whichever driver reports it (drizzle wraps it in `cause`). */
function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; cause?: { code?: string } }
  return e?.code === '23505' || e?.cause?.code === '23505'
}

const shortcutTaken = (shortcut: string) =>
  new KefuError('conflict', `The shortcut /${shortcut} is already used`, { field: 'body.shortcut' })

/** The shop's canned replies by shortcut, optionally those whose shortcut, title or text match `q`. */
export async function listCannedReplies(db: Db, tenantId: string, q?: string): Promise<CannedReply[]> {
  const like = q && `%${q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`
  const rows = await db
    .select()
    .from(cannedReplies)
    .where(
      and(
        eq(cannedReplies.tenantId, tenantId),
        like
          ? or(
              ilike(cannedReplies.shortcut, like),
              ilike(cannedReplies.title, like),
              ilike(cannedReplies.text, like),
            )
          : undefined,
      ),
    )
    .orderBy(asc(cannedReplies.shortcut))
  return rows.map(toCannedReply)
}

export async function createCannedReply(
  db: Db,
  input: { tenantId: string; agentId: string; shortcut: string; title: string; text: string },
): Promise<CannedReply> {
  try {
    const [row] = await db
      .insert(cannedReplies)
      .values({
        id: newCannedReplyId(),
        tenantId: input.tenantId,
        shortcut: input.shortcut,
        title: input.title,
        text: input.text,
        createdBy: input.agentId,
      })
      .returning()
    if (!row) throw new Error('canned reply insert returned nothing')
    return toCannedReply(row)
  } catch (err) {
    if (isUniqueViolation(err)) throw shortcutTaken(input.shortcut)
    throw err
  }
}

export async function updateCannedReply(
  db: Db,
  input: { tenantId: string; id: string; change: Partial<Pick<Row, 'shortcut' | 'title' | 'text'>> },
): Promise<CannedReply> {
  try {
    const [row] = await db
      .update(cannedReplies)
      .set({ ...input.change, updatedAt: new Date() })
      .where(and(eq(cannedReplies.id, input.id), eq(cannedReplies.tenantId, input.tenantId)))
      .returning()
    if (!row) throw notFound('Canned reply')
    return toCannedReply(row)
  } catch (err) {
    if (isUniqueViolation(err)) throw shortcutTaken(input.change.shortcut ?? '')
    throw err
  }
}

export async function deleteCannedReply(db: Db, tenantId: string, id: string): Promise<void> {
  const deleted = await db
    .delete(cannedReplies)
    .where(and(eq(cannedReplies.id, id), eq(cannedReplies.tenantId, tenantId)))
    .returning({ id: cannedReplies.id })
  if (deleted.length === 0) throw notFound('Canned reply')
}
