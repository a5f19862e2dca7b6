/**
 * The outbox's way out: one pooled SMTP connection set (nodemailer), reused for every email, so
 * 10,000 emails do not open 10,000 connections.
 */
import nodemailer from 'nodemailer';
import { mailFrom, smtpOptions } from '../mail';
import type { Send } from './worker';


/** A `Send` over SMTP from the environment's settings, or null when email is not set up. */
export function smtpSender(env = process.env): { send: Send; close: () => void } | null {
	const options = smtpOptions(env);
	if (!options) return null;
	// each message waits on a few round trips: more connections send more at once (SMTP_CONNECTIONS)
	const transport = nodemailer.createTransport({ ...options, pool: true, maxConnections: Number(env.SMTP_CONNECTIONS ?? 10) });
	const from = mailFrom(env);
	return {
		async send(email) {
			await transport.sendMail({
				from,
				to: email.to,
				subject: email.subject,
				text: email.text,
				html: email.html,
				messageId: email.messageId,
				// tells mail systems this is sent by a machine: no out-of-office replies (RFC 3834)
				headers: { 'Auto-Submitted': 'auto-generated', ...email.headers }
			});
		},
		close: () => transport.close()
	};
}
