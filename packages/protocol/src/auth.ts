import { z } from 'zod'

export const roleSchema = z.enum(['owner', 'admin', 'agent'])
export type Role = z.infer<typeof roleSchema>

export const loginRequestSchema = z
  .object({
    email: z.email().max(254),
    password: z.string().min(1).max(200),
    /** Which shop to work in when the agent belongs to several; defaults to the first. */
    tenantId: z.string().startsWith('ten_').max(40).optional(),
  })
  .meta({ id: 'LoginRequest' })

export const membershipSchema = z.object({
  tenantId: z.string(),
  tenantName: z.string(),
  role: roleSchema,
})

export const meResponseSchema = z
  .object({
    agent: z.object({ id: z.string(), email: z.string(), name: z.string() }),
    tenant: z.object({ id: z.string(), name: z.string() }),
    role: roleSchema,
    memberships: z.array(membershipSchema),
  })
  .meta({ id: 'Me' })

export type LoginRequest = z.infer<typeof loginRequestSchema>
export type MeResponse = z.infer<typeof meResponseSchema>
