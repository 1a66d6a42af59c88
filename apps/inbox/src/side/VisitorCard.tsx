import type { Conversation, VisitorContext } from '@kefu/protocol'
import { VisitorAvatar } from '../components/Avatar.tsx'
import { Icon } from '../components/icons.tsx'
import { visitorName } from '../inbox/visitor-name.ts'
import { t, useLocale } from '../lib/i18n.ts'
import { dateTime } from '../lib/time.ts'

export function VisitorCard({
  conversation,
  context,
}: {
  conversation: Conversation
  context: VisitorContext | null
}) {
  const locale = useLocale()
  const v = conversation.visitor
  const name = visitorName(v)
  return (
    <section class="panel visitor-card">
      <div class="visitor-head">
        <VisitorAvatar visitor={v} size="large" />
        <div>
          <h2>{name}</h2>
          {v.email && <span class="muted">{v.email}</span>}
        </div>
      </div>
      {v.verified ? (
        <div class="identity verified" data-testid="identity">
          <Icon name="shield" size={15} />
          {t('side.verified')}
        </div>
      ) : (
        <div class="identity unverified" data-testid="identity">
          <Icon name="alert" size={15} />
          {t('side.unverified')}
        </div>
      )}
      <dl class="facts">
        {v.externalId && (
          <>
            <dt>{t('side.userId')}</dt>
            <dd>
              <code>{v.externalId}</code>
            </dd>
          </>
        )}
        {context?.visitor.locale && (
          <>
            <dt>{t('side.locale')}</dt>
            <dd>{context.visitor.locale}</dd>
          </>
        )}
        {context && (
          <>
            <dt>{t('side.firstSeen')}</dt>
            <dd>{dateTime(context.visitor.firstSeenAt, locale)}</dd>
          </>
        )}
      </dl>
    </section>
  )
}
