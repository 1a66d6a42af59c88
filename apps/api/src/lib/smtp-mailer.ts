import { createTransport } from 'nodemailer'
import type { Mailer } from '../services.ts'

/**
 * Sends one-time links (password reset, invitations) through the operator's mail server:
 * `KEFU_SMTP_URL=smtps://user:pass@smtp.example.com` (or `smtp://` with STARTTLS), and the
 * sender from `KEFU_MAIL_FROM`.
 */
export function smtpMailer(url: string, from: string): Mailer {
  const transport = createTransport(url)
  return {
    async send(mail) {
      await transport.sendMail({ from, to: mail.to, subject: mail.subject, text: mail.text })
    },
  }
}
