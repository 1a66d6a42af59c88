import type { z } from 'zod'

/** `orders.0.amount.value: expected …; …`: the failing fields and why, never their values. */
export function describeIssues(error: z.ZodError, limit = 5): string {
  const shown = error.issues.slice(0, limit).map((issue) => {
    const path = issue.path.map(String).join('.') || '(root)'
    return `${path}: ${issue.message}`
  })
  const more = error.issues.length - shown.length
  return shown.join('; ') + (more > 0 ? `; and ${more} more` : '')
}
