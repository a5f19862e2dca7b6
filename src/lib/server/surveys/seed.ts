/**
 * Demo surveys with a year of answers, so the results pages and later reports have data:
 * - a parent carer survey about three services, with a full Turkish translation, open;
 * - an easy-read survey for young people with a symbol on every question and answer, open;
 * - last summer's short breaks survey, closed;
 * - a draft about getting ready for adulthood.
 * Responses go through the real answering path (start, saveAnswer, submit) with dates in the
 * past, so drafts, responses, answers and tallies agree exactly as they would in use.
 * Everything is worked out from a fixed seed and `today`: two runs on the same day give the same data.
 */
import { and, asc, count, eq, isNotNull } from 'drizzle-orm';
import { addDays, daysBetween, londonDate, quarterFrom, quartersBetween } from '$lib/time';
import type { AboutYou, Audience, QuestionKind } from '$lib/features/surveys/model';
import { CATEGORIES } from '$lib/features/reach/model';
import { writeTransaction, type Db } from '../db';
import { service, survey, surveyAnswer, surveyResponse, user } from '../db/schema';
import type { Actor } from '../permissions';
import * as surveys from '.';
import * as services from '../services';

const { SALT, EHC, TEACHING, BREAKS } = services.DEMO_SERVICE;

/* ---------------------------------------------------------------------------------------- */
/* Content                                                                                  */
/* ---------------------------------------------------------------------------------------- */

type DemoOption = { label: string; symbolId?: string; positive?: boolean };
type DemoQuestion =
	| { kind: QuestionKind; text: string; help?: string; required?: boolean; symbolId?: string; service?: string; options?: DemoOption[] }
	| { aboutYou: AboutYou };
type DemoSurvey = {
	title: string;
	intro: string;
	audience: Audience;
	services: string[];
	questions: DemoQuestion[];
};

const PARENTS: DemoSurvey = {
	title: 'How are services working for your family?',
	intro:
		'We are the parent carer forum. Tell us about speech and language therapy, EHC plans and short breaks. ' +
		'It takes about 5 minutes. We do not ask your name. We share what families tell us with the people who run these services.',
	audience: 'parent_carers',
	services: [SALT, EHC, BREAKS],
	questions: [
		{ kind: 'smiley5', text: 'How good is speech and language therapy for your child?', help: 'Think about the last 12 months.', service: SALT },
		{
			kind: 'yes_no',
			text: 'Did anyone tell you how long you would wait for speech and language therapy?',
			help: 'So we know if families are kept informed.',
			service: SALT
		},
		{
			kind: 'pick_one',
			text: "How long did your child's EHC needs assessment take?",
			help: 'The law says it should take no more than 20 weeks.',
			service: EHC,
			options: [
				{ label: 'Less than 20 weeks', positive: true },
				{ label: '20 weeks or more' },
				{ label: 'It has not finished yet' },
				{ label: 'My child has not had one' }
			]
		},
		{
			kind: 'pick_any',
			text: 'Which short breaks has your child used in the last year?',
			help: 'Pick all that apply.',
			service: BREAKS,
			options: [
				{ label: 'After-school clubs' },
				{ label: 'Holiday activities' },
				{ label: 'Overnight stays' },
				{ label: 'Support at home' },
				{ label: 'None of these' }
			]
		},
		{
			kind: 'long_text',
			text: 'What is one thing that would make services better for your family?',
			help: 'Please do not write any names. We read every answer.',
			required: false
		},
		{ aboutYou: 'who' },
		{ aboutYou: 'age_band' },
		{ aboutYou: 'area' },
		{ aboutYou: 'language' },
		{ aboutYou: 'need_area' },
		{ aboutYou: 'phase' },
		{ aboutYou: 'support' },
		{ aboutYou: 'sex' }
	]
};

/**
 * Every text of the parent carer survey in Turkish, by its English. Short, plain words; "EHC"
 * stays as families meet it on their letters. A text missing here leaves Turkish unoffered
 * (a half-translated survey is never shown), and the spec fails.
 */
const TURKISH: Record<string, string> = {
	[PARENTS.title]: 'Hizmetler aileniz için nasıl işliyor?',
	[PARENTS.intro]:
		'Biz ebeveyn ve bakıcı forumuyuz. Bize konuşma ve dil terapisini, EHC planlarını ve kısa mola hizmetlerini anlatın. ' +
		'Yaklaşık 5 dakika sürer. Adınızı sormuyoruz. Ailelerin bize söylediklerini bu hizmetleri yürütenlerle paylaşıyoruz.',
	'How good is speech and language therapy for your child?': 'Konuşma ve dil terapisi çocuğunuz için ne kadar iyi?',
	'Think about the last 12 months.': 'Son 12 ayı düşünün.',
	'Very bad': 'Çok kötü',
	Bad: 'Kötü',
	Okay: 'İdare eder',
	Good: 'İyi',
	'Very good': 'Çok iyi',
	'Did anyone tell you how long you would wait for speech and language therapy?':
		'Konuşma ve dil terapisi için ne kadar bekleyeceğiniz size söylendi mi?',
	'So we know if families are kept informed.': 'Ailelere bilgi verilip verilmediğini öğrenmek için soruyoruz.',
	Yes: 'Evet',
	No: 'Hayır',
	'Not sure': 'Emin değilim',
	"How long did your child's EHC needs assessment take?": 'Çocuğunuzun EHC ihtiyaç değerlendirmesi ne kadar sürdü?',
	'The law says it should take no more than 20 weeks.': 'Yasaya göre en fazla 20 hafta sürmelidir.',
	'Less than 20 weeks': '20 haftadan az',
	'20 weeks or more': '20 hafta veya daha fazla',
	'It has not finished yet': 'Henüz bitmedi',
	'My child has not had one': 'Çocuğum için yapılmadı',
	'Which short breaks has your child used in the last year?': 'Çocuğunuz son bir yılda hangi kısa mola hizmetlerini kullandı?',
	'Pick all that apply.': 'Uygun olanların hepsini seçin.',
	'After-school clubs': 'Okul sonrası kulüpler',
	'Holiday activities': 'Tatil etkinlikleri',
	'Overnight stays': 'Gece konaklamalı molalar',
	'Support at home': 'Evde destek',
	'None of these': 'Hiçbiri',
	'What is one thing that would make services better for your family?': 'Hizmetleri aileniz için daha iyi hale getirecek bir şey nedir?',
	'Please do not write any names. We read every answer.': 'Lütfen isim yazmayın. Her cevabı okuyoruz.',
	// The ready-made "about you" questions
	'Who is answering?': 'Kim cevaplıyor?',
	'So we know if we hear from families and young people alike.': 'Hem ailelerden hem gençlerden haber alıp almadığımızı bilmek için soruyoruz.',
	'A parent or carer': 'Bir ebeveyn veya bakıcı',
	'A child or young person': 'Bir çocuk veya genç',
	'Someone who works with children': 'Çocuklarla çalışan biri',
	'Prefer not to say': 'Söylemek istemiyorum',
	'How old is your child (or how old are you)?': 'Çocuğunuz kaç yaşında (ya da siz kaç yaşındasınız)?',
	'So we know if we hear about children of every age.': 'Her yaştan çocuk hakkında bilgi alıp almadığımızı bilmek için soruyoruz.',
	'0 to 4': '0 ile 4 yaş arası',
	'5 to 10': '5 ile 10 yaş arası',
	'11 to 15': '11 ile 15 yaş arası',
	'16 to 18': '16 ile 18 yaş arası',
	'19 to 25': '19 ile 25 yaş arası',
	'Which part of the area do you live in?': 'Bölgenin hangi kısmında yaşıyorsunuz?',
	'So we know if we hear from every part of the area.': 'Bölgenin her yerinden haber alıp almadığımızı bilmek için soruyoruz.',
	North: 'Kuzey',
	South: 'Güney',
	East: 'Doğu',
	West: 'Batı',
	Centre: 'Merkez',
	'Outside the area': 'Bölgenin dışında',
	'What language do you speak most at home?': 'Evde en çok hangi dili konuşuyorsunuz?',
	'So we know which languages to offer.': 'Hangi dilleri sunmamız gerektiğini bilmek için soruyoruz.',
	English: 'İngilizce',
	Arabic: 'Arapça',
	Bengali: 'Bengalce',
	Polish: 'Lehçe',
	Punjabi: 'Pencapça',
	Romanian: 'Rumence',
	Somali: 'Somalice',
	Turkish: 'Türkçe',
	Urdu: 'Urduca',
	'British Sign Language (BSL)': 'İngiliz İşaret Dili (BSL)',
	French: 'Fransızca',
	Gujarati: 'Güceratça',
	Kurdish: 'Kürtçe',
	Portuguese: 'Portekizce',
	Spanish: 'İspanyolca',
	Twi: 'Tvi dili (Twi)',
	Vietnamese: 'Vietnamca',
	Yiddish: 'Yidiş',
	Yoruba: 'Yorubaca',
	'Another language': 'Başka bir dil',
	"What is your child's main area of need (or yours, if you are the young person)?":
		'Çocuğunuzun (ya da gençseniz sizin) başlıca gereksinim alanı nedir?',
	'So we know if we hear about every kind of need. These are the four areas of the SEND Code of Practice.':
		'Her tür gereksinim hakkında bilgi alıp almadığımızı bilmek için soruyoruz. Bunlar SEND Uygulama Kuralları’nın dört alanıdır.',
	'Communication and interaction': 'İletişim ve etkileşim',
	'Cognition and learning': 'Bilişsel gelişim ve öğrenme',
	'Social, emotional and mental health': 'Sosyal, duygusal ve ruh sağlığı',
	'Sensory and/or physical': 'Duyusal ve/veya fiziksel',
	'Where does your child learn (or where do you learn)?': 'Çocuğunuz (ya da siz) nerede öğreniyor?',
	'So we know if we hear about children and young people of every stage.': 'Her aşamadaki çocuk ve gençler hakkında bilgi alıp almadığımızı bilmek için soruyoruz.',
	'Early years: nursery or pre-school': 'Erken yaşlar: kreş veya anaokulu',
	'Primary school': 'İlkokul',
	'Secondary school': 'Ortaokul veya lise',
	'College, sixth form or training (16 and over)': 'Kolej, altıncı form veya eğitim programı (16 yaş ve üstü)',
	'Not in school, college or training': 'Okulda, kolejde veya eğitimde değil',
	'Does your child (or do you) have an education, health and care plan (EHC plan)?':
		'Çocuğunuzun (ya da sizin) eğitim, sağlık ve bakım planı (EHC planı) var mı?',
	'So we know if we hear from families with and without an EHC plan.': 'EHC planı olan ve olmayan ailelerden haber alıp almadığımızı bilmek için soruyoruz.',
	'Yes, an EHC plan': 'Evet, EHC planı var',
	'No, help from SEN support at school or college': 'Hayır, okulda veya kolejde SEN desteği alıyor',
	"What is your child's sex (or yours, if you are the young person)?": 'Çocuğunuzun (ya da gençseniz sizin) cinsiyeti nedir?',
	'So we know if we hear about girls and boys alike.': 'Hem kızlar hem erkekler hakkında bilgi alıp almadığımızı bilmek için soruyoruz.',
	Female: 'Kadın',
	Male: 'Erkek'
};

const YOUNG_PEOPLE: DemoSurvey = {
	title: 'What is school like for you?',
	intro: 'Tell us what school is like for you. There are 5 questions. You can pick the pictures. You do not have to give your name.',
	audience: 'young_people',
	services: [TEACHING],
	questions: [
		{ kind: 'smiley3', text: 'How do you feel at school?', help: 'Pick the face that is most like you.', symbolId: 'school' },
		{ kind: 'yes_no', text: 'Is there an adult at school you can ask for help?', symbolId: 'ask-for-help' },
		{
			kind: 'pick_any',
			text: 'What helps you at school?',
			help: 'You can pick more than one.',
			symbolId: 'idea',
			options: [
				{ label: 'A quiet space', symbolId: 'quiet-space' },
				{ label: 'A break', symbolId: 'break' },
				{ label: 'Pictures', symbolId: 'show-me-pictures' },
				{ label: 'Ear defenders', symbolId: 'ear-defenders' },
				{ label: 'More time', symbolId: 'give-me-time' },
				{ label: 'Friends', symbolId: 'friends' },
				{ label: 'Something else', symbolId: 'something-else' }
			]
		},
		{
			kind: 'pick_any',
			text: 'What is hard at school?',
			help: 'You can pick more than one.',
			symbolId: 'worried',
			required: false,
			options: [
				{ label: 'It is too loud', symbolId: 'too-loud' },
				{ label: 'Homework', symbolId: 'homework' },
				{ label: 'Tests', symbolId: 'test' },
				{ label: 'Working in a group', symbolId: 'group-work' },
				{ label: 'Lunch time', symbolId: 'lunch' },
				{ label: 'Getting to school', symbolId: 'bus' },
				{ label: 'Something else', symbolId: 'something-else' }
			]
		},
		{ kind: 'short_text', text: 'What is one thing you would change at school?', symbolId: 'have-my-say', required: false }
	]
};

const SUMMER: DemoSurvey = {
	title: 'Summer holiday activities',
	intro: 'Tell us about the short breaks holiday activities this summer. It takes 2 minutes. We do not ask your name.',
	audience: 'parent_carers',
	services: [BREAKS],
	questions: [
		{ kind: 'smiley5', text: 'How good were the holiday activities?', service: BREAKS },
		{ kind: 'yes_no', text: 'Was it easy to book a place?', service: BREAKS },
		{ kind: 'long_text', text: 'What should we change next summer?', required: false },
		{ aboutYou: 'who' }
	]
};

const ADULTHOOD: DemoSurvey = {
	title: 'Getting ready for adulthood',
	intro: 'Tell us what would help you get ready for life after school: college, work, money and where you live.',
	audience: 'both',
	services: [TEACHING],
	questions: [
		{ kind: 'smiley3', text: 'How ready do you feel for life after school?', symbolId: 'college' },
		{ kind: 'long_text', text: 'What would help you get ready?', required: false, symbolId: 'idea' }
	]
};

/** Comments parents write, with the theme an organiser gave them and whether it is quoted in reports. */
const PARENT_COMMENTS: { text: string; theme?: string; quote?: boolean }[] = [
	{ text: 'We waited 14 months for speech therapy. Nobody told us where we were on the list.', theme: 'waiting times', quote: true },
	{ text: 'The speech therapist is brilliant with my son. He now uses his talker at school.', theme: 'praise', quote: true },
	{ text: 'Please answer emails. I sent three and heard nothing back.', theme: 'replies' },
	{ text: 'The EHC plan took 9 months and the school still does not follow it.', theme: 'ehc plans' },
	{ text: 'Short breaks saved our family last summer. We need more places.', theme: 'short breaks', quote: true },
	{ text: 'Appointments are always in school time, so my daughter misses lessons.', theme: 'appointments' },
	{ text: 'I had to tell our story again to every new person we met.', theme: 'telling our story once', quote: true },
	{ text: 'Letters are full of jargon. Please use plain words.', theme: 'information' },
	{ text: 'More holiday clubs for older children, not just under 12s.', theme: 'short breaks' },
	{ text: 'Therapy stopped when he started secondary school and nobody told us why.', theme: 'replies' },
	{ text: 'Give every family a named person to call.' },
	{ text: 'The drop-in advice sessions while we wait have really helped.', theme: 'praise' },
	{ text: 'Overnight short breaks are too far from where we live.' },
	{ text: 'Our annual review was cancelled twice.' },
	{ text: 'It would help to meet other parents going through the same thing.' },
	{ text: 'Staff are kind, but there are not enough of them.' },
	{ text: 'I did not know we could ask for a personal budget until this year.' },
	{ text: 'The online forms do not work well on my phone.' },
	{ text: 'Speech therapy in school works much better for us than clinic visits.' },
	{ text: 'We need help before things reach crisis point.', theme: 'waiting times' }
];

/** What Turkish-speaking parents write (answers stay in the language they were given in). */
const TURKISH_COMMENTS = [
	'Konuşma terapisi için bir yıldan fazla bekledik. Sıramızın ne zaman geleceğini kimse söylemedi.',
	'Mektuplar sadece İngilizce geliyor. Türkçe bilgi olsa çok iyi olur.',
	'Terapist çok iyi, oğlum artık daha çok konuşuyor.',
	'Toplantılarda tercüman istiyoruz.',
	'Tatil kulübü kızıma çok iyi geldi ama yer bulmak zor.'
];

const YOUNG_COMMENTS = [
	'More quiet places to go at lunch',
	'Teachers to explain things again',
	'Less homework',
	'Let me wear my ear defenders in assembly',
	'More time in tests',
	'Sit with my friends',
	'A longer break',
	'Stop people being mean to me',
	'More art and music',
	'Pictures on my timetable',
	'Nothing, I like my school',
	'Smaller classes'
];

const SUMMER_COMMENTS = [
	'Book earlier, places went in a day.',
	'More activities for teenagers please.',
	'The staff understood my son. Thank you.',
	'Trips out were the best part.',
	'Longer days would help working parents.'
];

/* ---------------------------------------------------------------------------------------- */
/* Generation                                                                               */
/* ---------------------------------------------------------------------------------------- */

/** A small fixed-seed random generator (mulberry32): the same data on every run. */
function random(seed: number) {
	let a = seed >>> 0;
	const next = () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
	return {
		next,
		chance: (p: number) => next() < p,
		int: (n: number) => Math.floor(next() * n),
		/** An index picked by weight. */
		weighted: (weights: readonly number[]) => {
			let r = next() * weights.reduce((a, w) => a + w, 0);
			for (let i = 0; i < weights.length; i++) if ((r -= weights[i]) < 0) return i;
			return weights.length - 1;
		}
	};
}
type Random = ReturnType<typeof random>;

/** Midday on a day: the same day in London whatever the season. */
const middayOf = (iso: string) => new Date(`${iso}T12:00:00Z`);

/** The first day of the quarter `back` quarters before the one `today` is in. */
const quarterStart = (today: string, back: number): string => quarterFrom(today, -back).start;

/** Days, oldest first: `perQuarter[i]` in the quarter `3 - i` before today's, up to today. */
function daysOverFourQuarters(today: string, perQuarter: readonly number[], rnd: Random): string[] {
	const days: string[] = [];
	perQuarter.forEach((n, i) => {
		const from = quarterStart(today, perQuarter.length - 1 - i);
		const next = i === perQuarter.length - 1 ? addDays(today, 1) : quarterStart(today, perQuarter.length - 2 - i);
		const span = Math.max(1, daysBetween(from, next));
		for (let k = 0; k < n; k++) days.push(addDays(from, rnd.int(span)));
	});
	return days.sort();
}

/** `n` days picked at random from `from` to `to` (both included), oldest first. */
function randomDaysIn(from: string, to: string, n: number, rnd: Random): string[] {
	const span = daysBetween(from, to) + 1;
	return Array.from({ length: n }, () => addDays(from, rnd.int(span))).sort();
}

type Built = { id: number; questions: surveys.QuestionWithOptions[] };

/** Creates a survey through the builder as the organiser, on `on`. */
function build(db: Db, organiser: Actor, demo: DemoSurvey, serviceIds: Map<string, number>, dates: { opensOn: string; closesOn: string | null }, on: Date): Built {
	const idOf = (name: string) => serviceIds.get(name);
	const id = surveys.create(
		db,
		organiser,
		{
			title: demo.title,
			intro: demo.intro,
			audience: demo.audience,
			anonymous: true,
			opensOn: dates.opensOn,
			closesOn: dates.closesOn,
			serviceIds: demo.services.map(idOf).filter((s): s is number => s !== undefined)
		},
		on
	);
	for (const q of demo.questions) {
		if ('aboutYou' in q) {
			surveys.addAboutYou(db, organiser, id, q.aboutYou, on);
			continue;
		}
		const questionId = surveys.addQuestion(db, organiser, id, q.kind, q.text, on);
		const existing = surveys.getQuestion(db, organiser, questionId).options;
		const options = q.options
			? q.options.map((o) => ({ label: o.label, symbolId: o.symbolId ?? null, imageId: null, positive: o.positive ?? false }))
			: existing.map((o) => ({ id: o.id, label: o.label, symbolId: o.symbolId, imageId: o.imageId, positive: o.positive }));
		surveys.updateQuestion(
			db,
			organiser,
			questionId,
			{
				text: q.text,
				help: q.help ?? '',
				required: q.required ?? true,
				symbolId: q.symbolId ?? null,
				imageId: null,
				serviceId: q.service ? (idOf(q.service) ?? null) : null,
				options
			},
			on
		);
	}
	return { id, questions: surveys.questionsOf(db, organiser, id) };
}

/**
 * One respondent's choices: option positions (0-based), a text, or a choice with the name typed
 * beside it ("another language"), by question position.
 */
type Answers = Map<number, number[] | string | { options: number[]; text: string }>;

/** Answers one response through the real answering path on `day`. */
function answer(db: Db, built: Built, day: string, locale: string, answers: Answers) {
	const on = middayOf(day);
	const { token } = surveys.start(db, null, built.id, locale, 'answer', on);
	built.questions.forEach((q, i) => {
		const a = answers.get(i);
		if (a === undefined) return;
		const [positions, text] = typeof a === 'string' ? [[], a] : Array.isArray(a) ? [a, ''] : [a.options, a.text];
		const problem = surveys.saveAnswer(
			db,
			null,
			built.id,
			token,
			q.id,
			positions.map((k) => q.options[k].id),
			text,
			on
		);
		if (problem) throw new Error(`Demo answer refused (${problem}) for "${q.text}"`);
	});
	surveys.submit(db, null, built.id, token, on);
}

/** Picks "pick any" answers: each with its own chance; an exclusive last option ("none") when nothing else. */
function pickAny(rnd: Random, chances: readonly number[], noneIndex?: number): number[] {
	const chosen = chances.flatMap((p, i) => (rnd.chance(p) ? [i] : []));
	if (chosen.length) return chosen;
	return noneIndex === undefined ? [rnd.int(chances.length)] : [noneIndex];
}

/** The main language question's options: its categories, then "Prefer not to say". */
const LANGUAGE_OPTIONS = [...CATEGORIES.language, 'prefer_not'] as const;

/**
 * How often parents answer each main language (the rest: never). Against the demo baseline
 * (reach's seed), Bengali is heard at about half its local share; every other language with a
 * local figure at more than two thirds of it.
 */
const LANGUAGE_WEIGHTS: Partial<Record<(typeof LANGUAGE_OPTIONS)[number], number>> = {
	english: 74,
	arabic: 3,
	bengali: 6,
	gujarati: 2,
	kurdish: 4,
	polish: 5,
	punjabi: 3,
	romanian: 3,
	somali: 4,
	turkish: 1,
	urdu: 5,
	yiddish: 2,
	other: 6,
	prefer_not: 3
};

/**
 * What parents who answer "another language" type, in turn: some names often enough to be listed
 * (in several spellings), some by one family only (never listed), some nothing.
 */
const OTHER_LANGUAGES_TYPED = ['Tigrinya', 'Farsi', 'tigrinya', 'Lithuanian', '', 'Tigrinya ', 'farsi', 'Amharic', 'TIGRINYA', 'Farsi', 'Pashto', 'Tigrinya', 'Farsi.', '', 'Tamil'];

/**
 * A parent carer's answers. `more` draws the "about you" answers added for reach (need area, phase,
 * EHC plan or SEN support, sex) from a generator of their own, so the older answers stay as they were.
 * Against the demo baseline (reach's seed) the forum hears well from every group but two: families
 * who speak Bengali at home, and young people in post-16 settings.
 */
function parentAnswers(rnd: Random, quarter: number, turkish: boolean, quarterCount: number, more: Random, named: () => string): Answers {
	const a: Answers = new Map();
	// Speech therapy: waits were long a year ago and got a little better as drop-in sessions started.
	const better = quarter / Math.max(1, quarterCount - 1);
	a.set(0, [rnd.weighted([14 - 6 * better, 22 - 6 * better, 28, 25 + 8 * better, 11 + 4 * better])]);
	a.set(1, [rnd.weighted([24 + 16 * better, 60 - 16 * better, 16])]);
	a.set(2, [rnd.weighted([34, 31, 21, 14])]);
	a.set(3, pickAny(rnd, [0.32, 0.46, 0.12, 0.18], 4));
	if (rnd.chance(turkish ? 0.5 : 0.36)) {
		a.set(4, turkish ? TURKISH_COMMENTS[rnd.int(TURKISH_COMMENTS.length)] : PARENT_COMMENTS[rnd.int(PARENT_COMMENTS.length)].text);
	}
	// "About you" is optional: most people answer it.
	if (rnd.chance(0.93)) a.set(5, [rnd.weighted([88, 3, 6, 3])]);
	if (rnd.chance(0.9)) a.set(6, [rnd.weighted([10, 38, 32, 14, 4, 2])]);
	if (rnd.chance(0.88)) a.set(7, [rnd.weighted([22, 18, 20, 17, 15, 3, 5])]);
	if (turkish) a.set(8, [LANGUAGE_OPTIONS.indexOf('turkish')]);
	else if (rnd.chance(0.9)) {
		const chosen = rnd.weighted(LANGUAGE_OPTIONS.map((c) => LANGUAGE_WEIGHTS[c] ?? 0));
		a.set(8, LANGUAGE_OPTIONS[chosen] === 'other' ? { options: [chosen], text: named() } : [chosen]);
	}
	if (more.chance(0.88)) a.set(9, [more.weighted([36, 16, 30, 14, 4])]);
	if (more.chance(0.88)) a.set(10, [more.weighted([9, 48, 36, 4, 3, 4])]);
	if (more.chance(0.88)) a.set(11, [more.weighted([34, 62, 4])]);
	if (more.chance(0.88)) a.set(12, [more.weighted([38, 58, 4])]);
	return a;
}

function youngAnswers(rnd: Random): Answers {
	const a: Answers = new Map();
	a.set(0, [rnd.weighted([24, 41, 35])]);
	a.set(1, [rnd.weighted([63, 17, 20])]);
	a.set(2, pickAny(rnd, [0.44, 0.38, 0.22, 0.18, 0.31, 0.52, 0.08]));
	if (rnd.chance(0.85)) a.set(3, pickAny(rnd, [0.48, 0.33, 0.37, 0.27, 0.21, 0.12, 0.07]));
	if (rnd.chance(0.45)) a.set(4, YOUNG_COMMENTS[rnd.int(YOUNG_COMMENTS.length)]);
	return a;
}

function summerAnswers(rnd: Random): Answers {
	const a: Answers = new Map();
	a.set(0, [rnd.weighted([5, 9, 21, 38, 27])]);
	a.set(1, [rnd.weighted([35, 52, 13])]);
	if (rnd.chance(0.3)) a.set(2, SUMMER_COMMENTS[rnd.int(SUMMER_COMMENTS.length)]);
	if (rnd.chance(0.9)) a.set(3, [rnd.weighted([90, 2, 5, 3])]);
	return a;
}

/** Gives the parent carer survey its Turkish translation (only the texts there are words for). */
function translate(db: Db, organiser: Actor, surveyId: number, on: Date) {
	const texts: Record<string, string> = {};
	for (const t of surveys.translatableTexts(db, organiser, surveyId)) {
		const turkish = TURKISH[t.english];
		if (turkish) texts[t.key] = turkish;
	}
	surveys.saveTranslation(db, organiser, surveyId, 'tr', texts, on);
}

/** Tags each themed comment's first few answers with its theme, and marks the first of a quoted one as a quote. */
function tagComments(db: Db, organiser: Actor, surveyId: number, on: Date) {
	const rows = db
		.select({ id: surveyAnswer.id, text: surveyAnswer.text })
		.from(surveyAnswer)
		.innerJoin(surveyResponse, eq(surveyResponse.id, surveyAnswer.responseId))
		.where(and(eq(surveyResponse.surveyId, surveyId), isNotNull(surveyAnswer.text)))
		.orderBy(asc(surveyResponse.submittedOn), asc(surveyAnswer.id))
		.all();
	const seen = new Map<string, number>();
	for (const row of rows) {
		const comment = PARENT_COMMENTS.find((c) => c.text === row.text);
		if (!comment?.theme) continue;
		const n = seen.get(comment.text) ?? 0;
		seen.set(comment.text, n + 1);
		if (n >= 2) continue;
		surveys.tagAnswer(db, organiser, row.id, { themeIds: [], newThemes: [comment.theme], quoted: !!comment.quote && n === 0 }, on);
	}
}

/** How many responses each demo survey gets. */
export const DEMO_SURVEY_RESPONSES = {
	/** Parent carers, by quarter, oldest first (the last is the quarter today is in). */
	parents: [72, 84, 90, 74],
	youngPeople: [40, 52, 48, 40],
	summer: 60
} as const;

/**
 * Adds the demo surveys and their responses, if there are no surveys yet (needs the demo
 * organiser and services). Dated relative to `today`: the open surveys' answers fall in the
 * current quarter and the three before it. Returns how many surveys and responses it added.
 */
export function seedSurveysDemo(db: Db, today = new Date()): { surveys: number; responses: number } {
	if ((db.select({ n: count() }).from(survey).get()?.n ?? 0) > 0) return { surveys: 0, responses: 0 };
	const organiserRow = db.select({ id: user.id }).from(user).where(eq(user.email, 'organiser@example.org')).get();
	if (!organiserRow) return { surveys: 0, responses: 0 };
	const organiser: Actor = { id: organiserRow.id, roles: ['organiser'] };
	const serviceIds = new Map(db.select({ id: service.id, name: service.name }).from(service).all().map((s) => [s.name, s.id]));
	const todayIso = londonDate(today);
	const rnd = random(20261122);
	const more = random(20270401);

	// One transaction: a file database then syncs once, not once per response.
	return writeTransaction(db, () => {
		let responses = 0;

		// Open for the last four quarters (and a while yet).
		const opensOn = quarterStart(todayIso, DEMO_SURVEY_RESPONSES.parents.length - 1);
		const parents = build(db, organiser, PARENTS, serviceIds, { opensOn, closesOn: addDays(todayIso, 90) }, middayOf(addDays(opensOn, -14)));
		translate(db, organiser, parents.id, middayOf(addDays(opensOn, -7)));
		surveys.publish(db, organiser, parents.id, middayOf(opensOn));
		const parentDays = daysOverFourQuarters(todayIso, DEMO_SURVEY_RESPONSES.parents, rnd);
		let typed = 0;
		const named = () => OTHER_LANGUAGES_TYPED[typed++ % OTHER_LANGUAGES_TYPED.length];
		for (const day of parentDays) {
			const quarter = DEMO_SURVEY_RESPONSES.parents.length - 1 - quartersBetween(day, todayIso);
			const turkish = rnd.chance(0.12);
			answer(db, parents, day, turkish ? 'tr' : 'en', parentAnswers(rnd, quarter, turkish, DEMO_SURVEY_RESPONSES.parents.length, more, named));
			responses++;
		}
		tagComments(db, organiser, parents.id, today);

		const young = build(db, organiser, YOUNG_PEOPLE, serviceIds, { opensOn, closesOn: null }, middayOf(addDays(opensOn, -10)));
		surveys.publish(db, organiser, young.id, middayOf(opensOn));
		for (const day of daysOverFourQuarters(todayIso, DEMO_SURVEY_RESPONSES.youngPeople, rnd)) {
			answer(db, young, day, 'en', youngAnswers(rnd));
			responses++;
		}

		// Last summer's survey, closed when the holidays ended.
		const lastYear = Number(todayIso.slice(0, 4)) - 1;
		const summerOpens = `${lastYear}-07-01`;
		const summerCloses = `${lastYear}-09-30`;
		const summerDates = { opensOn: summerOpens, closesOn: null };
		const summer = build(db, organiser, { ...SUMMER, title: `${SUMMER.title} ${lastYear}` }, serviceIds, summerDates, middayOf(`${lastYear}-06-20`));
		surveys.publish(db, organiser, summer.id, middayOf(summerOpens));
		for (const day of randomDaysIn(summerOpens, summerCloses, DEMO_SURVEY_RESPONSES.summer, rnd)) {
			answer(db, summer, day, 'en', summerAnswers(rnd));
			responses++;
		}
		surveys.close(db, organiser, summer.id, middayOf(addDays(summerCloses, 1)));
		// Its closing date is set once closed: publishing refuses a survey that closes in the past.
		const details = surveys.get(db, organiser, summer.id);
		surveys.update(db, organiser, summer.id, { ...details, closesOn: summerCloses }, middayOf(addDays(summerCloses, 1)));

		// A draft being written now.
		build(db, organiser, ADULTHOOD, serviceIds, { opensOn: addDays(todayIso, 30), closesOn: addDays(todayIso, 120) }, middayOf(addDays(todayIso, -3)));

		return { surveys: 4, responses };
	});
}

/** The demo surveys' titles (last summer's is followed by its year). */
export const DEMO_SURVEY_TITLES = { parents: PARENTS.title, youngPeople: YOUNG_PEOPLE.title, summer: SUMMER.title, draft: ADULTHOOD.title } as const;
