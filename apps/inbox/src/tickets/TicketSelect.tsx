import {
  type TicketCategory,
  type TicketPriority,
  type TicketStatus,
  ticketCategories,
  ticketPriorities,
} from '@kefu/protocol'
import { type MessageKey, t } from '../lib/i18n.ts'

export const ticketStatuses: readonly TicketStatus[] = [
  'new',
  'open',
  'pending',
  'on_hold',
  'solved',
  'closed',
]

interface FieldValues {
  status: TicketStatus
  priority: TicketPriority
  category: TicketCategory
}
type Field = keyof FieldValues

interface FieldSpec<V> {
  caption: MessageKey
  values: readonly V[]
  label: (value: V) => string
  /** Class prefix of the fields whose select is coloured like their badge (tickets.css). */
  colour?: 'ts' | 'tp'
}

const fields: { [F in Field]: FieldSpec<FieldValues[F]> } = {
  status: {
    caption: 'ticket.status',
    values: ticketStatuses,
    label: (s) => t(`ticket.status.${s}`),
    colour: 'ts',
  },
  priority: {
    caption: 'ticket.priority',
    values: ticketPriorities,
    label: (p) => t(`ticket.priority.${p}`),
    colour: 'tp',
  },
  category: { caption: 'ticket.category', values: ticketCategories, label: (c) => t(`ticket.category.${c}`) },
}

/** A ticket's status, priority or category: a captioned select named after the field. */
export function TicketSelect<F extends Field>({
  field,
  value,
  disabled,
  onChange,
}: {
  field: F
  value: FieldValues[F]
  disabled?: boolean
  onChange: (value: FieldValues[F]) => void
}) {
  const { caption, values, label, colour }: FieldSpec<FieldValues[F]> = fields[field]
  return (
    <label>
      <span>{t(caption)}</span>
      <select
        name={field}
        class={colour && `${colour}-select ${colour}-${value}`}
        value={value}
        disabled={disabled}
        onChange={(e) => onChange(e.currentTarget.value as FieldValues[F])}
      >
        {values.map((v) => (
          <option key={v} value={v}>
            {label(v)}
          </option>
        ))}
      </select>
    </label>
  )
}
