import { m } from '$lib/paraglide/messages';
import { DAY_MS } from '$lib/time';
import { sendMail } from '../mail';
import { PASSWORD_LINK_LIFETIME_MS } from './service';
import { errorFields, log } from '../operations';

/**
 * Turns a set-password token into the link an admin passes on, and emails it when SMTP is
 * configured. Returns what the page shows.
 */
export async function deliverPasswordLink(
	origin: string,
	token: string,
	person: { name: string; email: string },
	purpose: 'invite' | 'reset'
) {
	const link = `${origin}/set-password/${token}`;
	const days = PASSWORD_LINK_LIFETIME_MS[purpose] / DAY_MS;
	let emailed = false;
	try {
		emailed = await sendMail({
			to: person.email,
			subject: m.accounts_setpw_title(),
			text: `${m.accounts_setpw_intro({ name: person.name, email: person.email })}\n\n${link}`
		});
	} catch (e) {
		// The link is on screen anyway; a mail failure must not lose it.
		// by name and code only: a mail server's message can hold the address
		log().error(errorFields(e), 'could not email the set-password link');
	}
	return { name: person.name, link, days, emailed };
}
