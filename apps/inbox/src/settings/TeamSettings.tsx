import type { MeResponse, Role, TeamMember } from '@kefu/protocol'
import { useEffect, useState } from 'preact/hooks'
import { avatarColor } from '../inbox/visitor-name.ts'
import { api } from '../lib/api.ts'
import { t } from '../lib/i18n.ts'
import { errorText } from '../pages/AuthLayout.tsx'

const roles: Role[] = ['owner', 'admin', 'agent']

export function TeamSettings({ me }: { me: MeResponse }) {
  const [members, setMembers] = useState<TeamMember[] | null>(null)
  const [notice, setNotice] = useState<{ ok: boolean; text: string } | null>(null)
  const load = () => void api<{ members: TeamMember[] }>('/v1/team').then((r) => setMembers(r.members))
  useEffect(load, [])

  const invite = async (e: Event) => {
    e.preventDefault()
    const form = e.currentTarget as HTMLFormElement
    const data = new FormData(form)
    try {
      const m = await api<TeamMember>('/v1/team/invitations', {
        body: { email: String(data.get('email')), role: String(data.get('role')) },
      })
      setNotice({ ok: true, text: t('team.invited', { email: m.email }) })
      form.reset()
      load()
    } catch (err) {
      setNotice({ ok: false, text: errorText(err) })
    }
  }

  const update = async (agentId: string, change: { role?: Role; active?: boolean }) => {
    try {
      await api(`/v1/team/${agentId}`, { method: 'PATCH', body: change })
      setNotice(null)
    } catch (err) {
      setNotice({ ok: false, text: errorText(err) })
    }
    load()
  }

  return (
    <div class="card wide">
      <h2>{t('settings.team')}</h2>
      <form class="inline-form invite" onSubmit={invite}>
        <input
          name="email"
          type="email"
          required
          placeholder="agent@shop.example"
          aria-label={t('auth.email')}
        />
        <select name="role" aria-label={t('team.role')} defaultValue="agent">
          {roles
            .filter((r) => r !== 'owner' || me.role === 'owner')
            .map((r) => (
              <option key={r} value={r}>
                {t(`team.${r}`)}
              </option>
            ))}
        </select>
        <button type="submit" class="button primary">
          {t('team.invite')}
        </button>
      </form>
      <p class="hint">{t('team.inviteHint')}</p>
      {notice && <p class={`notice ${notice.ok ? 'ok' : 'error'}`}>{notice.text}</p>}
      <table class="table" data-testid="team">
        <tbody>
          {members?.map((m) => {
            const self = m.agentId === me.agent.id
            const ownerLocked = m.role === 'owner' && me.role !== 'owner'
            return (
              <tr key={m.agentId} class={m.status === 'deactivated' ? 'dim' : ''}>
                <td>
                  <span class="person">
                    <span class="avatar small" style={{ background: avatarColor(m.agentId) }}>
                      {m.name.slice(0, 1).toUpperCase()}
                    </span>
                    <span>
                      <strong>
                        {m.name}
                        {self && <small> ({t('team.you')})</small>}
                      </strong>
                      <small>{m.email}</small>
                    </span>
                  </span>
                </td>
                <td>
                  <span class={`member-status ${m.status}`}>{t(`team.status.${m.status}`)}</span>
                </td>
                <td>
                  <select
                    value={m.role}
                    disabled={ownerLocked}
                    aria-label={t('team.role')}
                    onChange={(e) => void update(m.agentId, { role: e.currentTarget.value as Role })}
                  >
                    {roles
                      .filter((r) => r !== 'owner' || me.role === 'owner' || m.role === 'owner')
                      .map((r) => (
                        <option key={r} value={r}>
                          {t(`team.${r}`)}
                        </option>
                      ))}
                  </select>
                </td>
                <td class="right">
                  {!self && !ownerLocked && (
                    <button
                      type="button"
                      class={`link-button ${m.status === 'deactivated' ? '' : 'danger'}`}
                      onClick={() => void update(m.agentId, { active: m.status === 'deactivated' })}
                    >
                      {m.status === 'deactivated' ? t('team.reactivate') : t('team.deactivate')}
                    </button>
                  )}
                </td>
              </tr>
            )
          })}
        </tbody>
      </table>
    </div>
  )
}
