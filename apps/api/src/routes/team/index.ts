import type { App } from '../../app.ts'
import { registerAcceptInvite } from './accept-invite.ts'
import { registerAssignees } from './assignees.ts'
import { registerTeamMembers } from './members.ts'

export function registerTeam(app: App) {
  registerTeamMembers(app)
  registerAssignees(app)
  registerAcceptInvite(app)
}
