import nodemailer from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';

export type Mail = { to: string; subject: string; text: string };

/** The SMTP server's settings from SMTP_HOST and friends, or null when email is not set up. */
export function smtpOptions(env = process.env): SMTPTransport.Options | null {
	if (!env.SMTP_HOST) return null;
	return {
		host: env.SMTP_HOST,
		port: Number(env.SMTP_PORT ?? 587),
		secure: env.SMTP_SECURE === '1',
		auth: env.SMTP_USER ? { user: env.SMTP_USER, pass: env.SMTP_PASSWORD ?? '' } : undefined
	};
}

/** Who emails come from: SMTP_FROM, or chorus@localhost on a laptop. */
export function mailFrom(env = process.env): string {
	return env.SMTP_FROM ?? 'chorus@localhost';
}

/**
 * Sends an email when SMTP is configured (SMTP_HOST and friends); otherwise does nothing and
 * returns false, and the caller shows the link on screen instead.
 */
export async function sendMail(mail: Mail, env = process.env): Promise<boolean> {
	const options = smtpOptions(env);
	if (!options) return false;
	await nodemailer.createTransport(options).sendMail({ from: mailFrom(env), ...mail });
	return true;
}
