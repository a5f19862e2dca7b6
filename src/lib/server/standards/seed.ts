/**
 * Demo standards: for the demo services across all three sectors and for the whole area, measured
 * by survey answers (linked to the demo surveys' questions), entered figures (four quarters, e.g.
 * EHC plans issued within 20 weeks rising from 55% towards a 75% target), the board and the
 * co-production record (a target of half the decisions co-designed or co-produced).
 * Everything goes through the services as the demo organiser.
 */
import { count, eq } from 'drizzle-orm';
import { londonDate, quarterFrom } from '$lib/time';
import type { Direction, MeasureKind, MeasureUnit } from '$lib/features/standards/model';
import type { Db } from '../db';
import { standard, user } from '../db/schema';
import type { Actor } from '../permissions';
import * as services from '../services';
import { linkQuestionToStandard, questionIdsWithText } from '../surveys';
import { checkSurveyStandard, create, enterFigure } from './service';

const { SALT, CAMHS, EHC, TEACHING, BREAKS, SOCIAL } = services.DEMO_SERVICE;

type DemoStandard = {
	service: string | null;
	statement: string;
	measure: string;
	kind: MeasureKind;
	unit?: MeasureUnit;
	direction?: Direction;
	target: number;
	amberFrom: number;
	/** survey: the linked questions' exact words; operational: a figure per quarter, oldest first. */
	questions?: string[];
	figures?: [number, string][];
};

const DEMO: DemoStandard[] = [
	{ service: SALT, statement: 'Families feel speech and language therapy helps their child', measure: 'Share of families rating the service good or very good', kind: 'survey', target: 75, amberFrom: 60, questions: ['How good is speech and language therapy for your child?'] },
	{ service: SALT, statement: 'We tell families how long they will wait', measure: 'Share of families told how long they would wait', kind: 'survey', target: 70, amberFrom: 50, questions: ['Did anyone tell you how long you would wait for speech and language therapy?'] },
	{ service: EHC, statement: 'EHC plans are issued within 20 weeks', measure: 'Share of new EHC plans issued within 20 weeks', kind: 'operational', unit: 'percent', target: 75, amberFrom: 60, figures: [[55, 'Two caseworkers on long-term leave.'], [61, 'Agency caseworkers started in the second month.'], [66, 'Backlog of assessments from the spring cleared.'], [71, 'Steady; educational psychology reports still the main delay.']] },
	{ service: EHC, statement: 'We reply to families within 10 working days', measure: 'Average working days to reply to a family', kind: 'operational', unit: 'days', direction: 'lower_better', target: 10, amberFrom: 15, figures: [[17, 'Shared inbox not covered during leave.'], [14, 'Duty officer rota started.'], [12, ''], [11, 'New reply templates in use.']] },
	{ service: BREAKS, statement: 'Families find it easy to book short breaks', measure: 'Share of families who found booking easy', kind: 'survey', target: 80, amberFrom: 65, questions: ['Was it easy to book a place?'] },
	{ service: BREAKS, statement: 'Holiday activities are good', measure: 'Share of families rating holiday activities good or very good', kind: 'survey', target: 80, amberFrom: 65, questions: ['How good were the holiday activities?'] },
	{ service: SOCIAL, statement: 'Assessments start within 10 working days of a referral', measure: 'Share of assessments started within 10 working days', kind: 'operational', unit: 'percent', target: 90, amberFrom: 80, figures: [[78, ''], [82, ''], [85, 'Referral form simplified.'], [88, '']] },
	{ service: TEACHING, statement: 'Schools get advice within 6 weeks of asking', measure: 'Share of requests answered within 6 weeks', kind: 'operational', unit: 'percent', target: 80, amberFrom: 70, figures: [[70, ''], [74, ''], [79, ''], [83, 'Two new advisory teachers.']] },
	{ service: CAMHS, statement: 'Young people are seen within 18 weeks', measure: 'Share of young people seen within 18 weeks of referral', kind: 'operational', unit: 'percent', target: 92, amberFrom: 75, figures: [[48, 'Referrals up a third on last year.'], [52, ''], [57, 'Extra clinics on Saturdays.'], [60, '']] },
	{ service: null, statement: 'Young people know an adult at school they can ask for help', measure: 'Share of young people who said yes', kind: 'survey', target: 85, amberFrom: 70, questions: ['Is there an adult at school you can ask for help?'] },
	{ service: null, statement: 'Young people feel good at school', measure: 'Share of young people choosing the happy face', kind: 'survey', target: 70, amberFrom: 55, questions: ['How do you feel at school?'] },
	{ service: null, statement: 'We answer what families tell us by the date we promised', measure: 'Share of board items answered by their due date', kind: 'board_answered_on_time', target: 90, amberFrom: 75 },
	{ service: null, statement: 'Nobody waits past the promised date for an answer', measure: 'Board items overdue at the end of the period', kind: 'board_overdue', direction: 'lower_better', target: 0, amberFrom: 3 },
	{ service: null, statement: 'We finish what we said we would do', measure: 'Board items done in the period', kind: 'board_done', target: 4, amberFrom: 2 },
	{ service: null, statement: 'Share of decisions co-designed or co-produced', measure: 'Share of decisions in the co-production record that families co-designed or co-produced', kind: 'coproduction_share', target: 50, amberFrom: 35 }
];

/** Adds the demo standards and their figures if there are no standards yet. Returns how many standards. */
export function seedStandardsDemo(db: Db, now = new Date()): number {
	if ((db.select({ n: count() }).from(standard).get()?.n ?? 0) > 0) return 0;
	const organiserId = db.select({ id: user.id }).from(user).where(eq(user.email, 'organiser@example.org')).get()?.id;
	if (!organiserId) return 0;
	const organiser: Actor = { id: organiserId, roles: ['organiser'] };
	const serviceIds = new Map(services.list(db).map((s) => [s.name, s.id]));
	// the four whole quarters before this one, oldest first
	const quarters = [-4, -3, -2, -1].map((k) => quarterFrom(londonDate(now), k));

	for (const d of DEMO) {
		const id = create(
			db,
			organiser,
			{
				serviceId: d.service ? (serviceIds.get(d.service) ?? null) : null,
				statement: d.statement,
				measure: d.measure,
				measureKind: d.kind,
				unit: d.unit ?? 'percent',
				direction: d.direction ?? 'higher_better',
				target: d.target,
				amberFrom: d.amberFrom
			},
			now
		);
		for (const text of d.questions ?? []) {
			for (const questionId of questionIdsWithText(db, text)) {
				linkQuestionToStandard(db, organiser, questionId, id, (s) => checkSurveyStandard(db, s), now);
			}
		}
		d.figures?.forEach(([value, note], i) => {
			enterFigure(db, organiser, id, { period: quarters[i], value, note }, new Date(Date.parse(quarters[i].end) + 5 * 86_400_000));
		});
	}
	return DEMO.length;
}
