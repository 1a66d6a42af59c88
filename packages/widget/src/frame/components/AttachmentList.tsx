import type { Attachment } from '@kefu/protocol'
import type { strings } from '../i18n.ts'
import { Icon } from './Icon.tsx'

/** Images as previews (evidence screenshots), other files as named links; all open in a new tab. */
export function AttachmentList({
  attachments,
  t,
}: {
  attachments: Attachment[]
  t: ReturnType<typeof strings>
}) {
  if (!attachments.length) return null
  return (
    <div class="attachments">
      {attachments.map((a) =>
        a.contentType.startsWith('image/') ? (
          <a key={a.id} href={a.url} target="_blank" rel="noopener noreferrer" class="image-link">
            <img src={a.url} alt={`${t.image}: ${a.name}`} loading="lazy" />
          </a>
        ) : (
          <a key={a.id} href={a.url} target="_blank" rel="noopener noreferrer" class="file">
            <Icon name="file" size={18} />
            <span>{a.name}</span>
          </a>
        ),
      )}
    </div>
  )
}
