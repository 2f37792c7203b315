import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { createTransport, type Transporter } from 'nodemailer';
import { Env } from '@app/config';

export interface Mail {
  to: string;
  subject: string;
  text: string;
  attachments?: Array<{ filename: string; content: Buffer; contentType: string }>;
}

/**
 * Outgoing email over SMTP (nodemailer): SMTP_URL, or SMTP_HOST with its port and credentials; off (enabled false)
 * with neither. Port 465 speaks TLS from the start; others upgrade with STARTTLS when offered.
 */
@Injectable()
export class Mailer implements OnApplicationShutdown {
  private readonly transport: Transporter | null;

  constructor(private readonly env: Env) {
    if (env.SMTP_URL) this.transport = createTransport(env.SMTP_URL);
    else if (env.SMTP_HOST)
      this.transport = createTransport({
        host: env.SMTP_HOST,
        port: env.SMTP_PORT,
        secure: env.SMTP_PORT === 465,
        ...(env.SMTP_USER ? { auth: { user: env.SMTP_USER, pass: env.SMTP_PASS ?? '' } } : {}),
      });
    else this.transport = null;
  }

  get enabled(): boolean {
    return this.transport !== null;
  }

  /** Hands one email to the SMTP server; throws when it refuses or cannot be reached (the job is retried). */
  async send(mail: Mail): Promise<void> {
    if (!this.transport) throw new Error('email is off: SMTP_URL or SMTP_HOST is not set');
    await this.transport.sendMail({ from: this.env.MAIL_FROM, ...mail });
  }

  onApplicationShutdown(): void {
    this.transport?.close();
  }
}
