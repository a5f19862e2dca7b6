/**
 * Opening staff pages one is not allowed to: the pages whose reads now decide who may see them in
 * the feature's service (issue 15), rather than a guard in the route. A parent carer, a service
 * lead and a visitor each try every one.
 */
import { describe, expect } from 'vitest';
import { attack, useApp } from './harness';
import { Client } from './http';
import { PARENT, signIn } from './people';

const SERVICE_LEAD = 'service.lead@example.org';

/** Each page and who may open it (besides organisers and admins). */
const PAGES: { path: string; leads: boolean }[] = [
	{ path: '/admin/services', leads: false },
	{ path: '/admin/settings', leads: false },
	{ path: '/admin/emails', leads: false },
	{ path: '/manage/board/new', leads: false },
	{ path: '/manage/surveys/new', leads: false },
	{ path: '/manage/reports/new', leads: false },
	{ path: '/manage/standards/new', leads: false },
	{ path: '/manage/reports', leads: true },
	{ path: '/manage/standards', leads: true },
	{ path: '/manage/standards/1', leads: true },
	{ path: '/manage/standards/figures', leads: true },
	{ path: '/manage/explore', leads: true }
];

describe('staff pages', () => {
	const app = useApp();

	attack(
		'A parent carer, a service lead and a visitor open the staff pages (services, settings, emails, new item, survey, report and standard forms, reports, standards, figures, explore)',
		'the parent: 403 on every one; the lead: 403 except the reports and standards they read; the visitor: sent to sign in',
		async (observe) => {
			const parent = new Client(app().url);
			await signIn(parent, PARENT);
			const lead = new Client(app().url);
			await signIn(lead, SERVICE_LEAD);
			const visitor = new Client(app().url);
			const seen: string[] = [];
			for (const page of PAGES) {
				const asParent = await parent.get(page.path);
				const asLead = await lead.get(page.path);
				const asVisitor = await visitor.get(page.path);
				seen.push(`${page.path} ${asParent.status}/${asLead.status}/${asVisitor.status}`);
				expect(asParent.status, `${page.path} as a parent`).toBe(403);
				expect(asLead.status, `${page.path} as a service lead`).toBe(page.leads ? 200 : 403);
				expect(asVisitor.status, `${page.path} as a visitor`).toBe(303);
				expect(asVisitor.location, `${page.path} as a visitor`).toMatch(/^\/login\?next=/);
			}
			observe(`parent/lead/visitor: ${seen.join('; ')}`);
		}
	);
});
