/**
 * The outbox's way out: one pooled SMTP connection set (nodemailer), reused for every email, so
 * 10,000 emails do not open 10,000 connections.
 */
import nodemailer from 'nodemailer';
import { mailFrom, smtpOptions } from '../mail';
import type { Send } from './worker';

/** How many SMTP connections the worker keeps open at most. */
const CONNECTIONS = 5;

/** A `Send` over SMTP from the environment's settings, or null when email is not set up. */
export function smtpSender(env = process.env): { send: Send; close: () => void } | null {
	const options = smtpOptions(env);
	if (!options) return null;
	const transport = nodemailer.createTransport({ ...options, pool: true, maxConnections: CONNECTIONS });
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
