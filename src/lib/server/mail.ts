import nodemailer from 'nodemailer';

export type Mail = { to: string; subject: string; text: string };

/**
 * Sends an email when SMTP is configured (SMTP_HOST and friends); otherwise does nothing and
 * returns false, and the caller shows the link on screen instead.
 */
export async function sendMail(mail: Mail, env = process.env): Promise<boolean> {
	if (!env.SMTP_HOST) return false;
	const transport = nodemailer.createTransport({
		host: env.SMTP_HOST,
		port: Number(env.SMTP_PORT ?? 587),
		secure: env.SMTP_SECURE === '1',
		auth: env.SMTP_USER ? { user: env.SMTP_USER, pass: env.SMTP_PASSWORD ?? '' } : undefined
	});
	await transport.sendMail({ from: env.SMTP_FROM ?? 'chorus@localhost', ...mail });
	return true;
}
