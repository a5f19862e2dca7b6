/**
 * src/lib/components/read-aloud.js runs in a vm context with a small fake window and document that supports
 * exactly what the script uses (no jsdom here). ReadAloud.svelte is rendered on the server, as
 * the pages that use it are (csr = false).
 */
import { readFileSync } from 'node:fs';
import { runInNewContext } from 'node:vm';
import { render } from 'svelte/server';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import ReadAloud from './ReadAloud.svelte';

const SOURCE = readFileSync(new URL('./read-aloud.js', import.meta.url), 'utf8');

type Listener = (event?: unknown) => void;

class Listeners {
	listeners: Record<string, Listener[]> = {};
	addEventListener(type: string, fn: Listener) {
		(this.listeners[type] ??= []).push(fn);
	}
	dispatch(type: string) {
		for (const fn of this.listeners[type] ?? []) fn({ type });
	}
}

class Text {
	readonly nodeType = 3;
	constructor(public data: string) {}
}

class Element extends Listeners {
	readonly nodeType = 1;
	childNodes: (Element | Text)[] = [];
	attributes: Record<string, string> = {};
	dataset: Record<string, string> = {};
	hidden = false;
	parent: Element | null = null;
	constructor(
		public tag: string,
		public props: { id?: string; class?: string; display?: string; attrs?: Record<string, string> } = {},
		children: (Element | Text | string)[] = []
	) {
		super();
		this.attributes = { ...props.attrs };
		this.childNodes = children.map((c) => (typeof c === 'string' ? new Text(c) : c));
		for (const c of this.childNodes) if (c instanceof Element) c.parent = this;
	}
	get display() {
		return this.props.display ?? (['span', 'b', 'em', 'a'].includes(this.tag) ? 'inline' : 'block');
	}
	/** Simple selectors only: tag, .class, [attr="value"], comma lists. */
	matches(selector: string): boolean {
		return selector.split(',').some((s) => {
			const attr = /^\[([\w-]+)(?:="([^"]*)")?\]$/.exec(s);
			if (attr) return attr[2] === undefined ? attr[1] in this.attributes : this.attributes[attr[1]] === attr[2];
			if (s.startsWith('.')) return (this.props.class ?? '').split(' ').includes(s.slice(1));
			return this.tag === s;
		});
	}
	*descendants(): Generator<Element> {
		for (const c of this.childNodes) {
			if (c instanceof Element) {
				yield c;
				yield* c.descendants();
			}
		}
	}
	closest(selector: string): Element | null {
		return this.matches(selector) ? this : (this.parent?.closest(selector) ?? null);
	}
	querySelector(selector: string) {
		for (const e of this.descendants()) if (e.matches(selector)) return e;
		return null;
	}
	get textContent(): string {
		return this.childNodes.map((c) => (c instanceof Text ? c.data : c.textContent)).join('');
	}
	set textContent(text: string) {
		this.childNodes = [new Text(text)];
	}
	setAttribute(name: string, value: string) {
		this.attributes[name] = value;
	}
	getAttribute(name: string) {
		return this.attributes[name] ?? null;
	}
	click() {
		this.dispatch('click');
	}
}

/** The markup ReadAloud.svelte renders (checked against the real component below). */
function readAloudButton(target: string, label = 'Read aloud', stopLabel = 'Stop reading') {
	const button = new Element('button', { class: 'read-aloud', attrs: { 'aria-pressed': 'false' } }, [
		new Element('svg', { attrs: { 'aria-hidden': 'true' } }, [new Element('path')]),
		new Element('span', { class: 'read-aloud-label' }, [label])
	]);
	button.dataset = { readAloud: target, stopLabel };
	button.hidden = true;
	return button;
}

type Voice = { name: string; lang: string; localService: boolean; default: boolean };
const voice = (lang: string, extra: Partial<Voice> = {}): Voice => ({
	name: `${lang} voice`,
	lang,
	localService: true,
	default: false,
	...extra
});

class Utterance {
	voice: Voice | null = null;
	lang = '';
	onend: Listener | null = null;
	onerror: Listener | null = null;
	constructor(public text: string) {}
}

class Synth extends Listeners {
	spoken: Utterance[] = [];
	queue: Utterance[] = [];
	cancels = 0;
	constructor(public voices: Voice[]) {
		super();
	}
	getVoices() {
		return this.voices;
	}
	speak(u: Utterance) {
		this.spoken.push(u);
		this.queue.push(u);
	}
	/** Like Chrome: cancelled utterances report an "interrupted" error a moment later. */
	cancel() {
		this.cancels++;
		const dropped = this.queue;
		this.queue = [];
		queueMicrotask(() => dropped.forEach((u) => u.onerror?.({ error: 'interrupted' })));
	}
	/** The voice reaches the end of everything queued. */
	finish() {
		const done = this.queue;
		this.queue = [];
		done.forEach((u) => u.onend?.({}));
	}
}

function page({
	lang = 'tr',
	voices = [voice('tr-TR')] as Voice[],
	speech = true,
	readyState = 'loading',
	/** A lang attribute on the part holding the second question (a survey in another language). */
	secondLang = undefined as string | undefined
} = {}) {
	const first = new Element('div', { id: 'q1' }, [
		new Element('h2', {}, ['Okul   hakkında']),
		new Element('p', {}, ['Okulu\n  ', new Element('b', {}, ['sever']), ' misin?']),
		readAloudButton('q1', 'Sesli oku', 'Durdur'),
		new Element('p', { display: 'none' }, ['gizli']),
		new Element('span', { class: 'visually-hidden' }, [' (zorunlu)'])
	]);
	// Like the answering page: the text to read is kept in a hidden span beside the button.
	const second = new Element('span', { id: 'q2' }, ['İkinci   soru']);
	second.hidden = true;
	second.attributes.hidden = '';
	const secondButton = readAloudButton('q2', 'Sesli oku', 'Durdur');
	const secondPart = new Element('div', { attrs: secondLang ? { lang: secondLang } : {} }, [secondButton, second]);
	const orphan = readAloudButton('missing');
	const body = new Element('body', {}, [first, secondPart, orphan]);
	const byId: Record<string, Element> = { q1: first, q2: second };

	const document = Object.assign(new Listeners(), {
		readyState,
		documentElement: { lang, getAttribute: (name: string) => (name === 'lang' ? lang : null) },
		querySelectorAll: (selector: string) => {
			expect(selector).toBe('button[data-read-aloud]');
			return [...body.descendants()].filter((e) => e.tag === 'button' && e.dataset.readAloud);
		},
		getElementById: (id: string) => byId[id] ?? null
	});
	const synth = new Synth(voices);
	const window = Object.assign(new Listeners(), {
		document,
		getComputedStyle: (e: Element) => ({ display: e.display }),
		setTimeout: (fn: () => void, ms: number) => setTimeout(fn, ms),
		setInterval: (fn: () => void, ms: number) => setInterval(fn, ms),
		clearInterval: (id: ReturnType<typeof setInterval>) => clearInterval(id),
		...(speech ? { speechSynthesis: synth, SpeechSynthesisUtterance: Utterance } : {})
	});
	Object.assign(window, { window });
	const run = () => runInNewContext(SOURCE, window);
	run();
	const buttons = [first.querySelector('.read-aloud') as Element, secondButton];
	const label = (b: Element) => (b.querySelector('.read-aloud-label') as Element).textContent;
	/** What a button says to a screen reader: whether it is pressed, and its label. */
	const shown = (i: number) => ({ pressed: buttons[i].getAttribute('aria-pressed'), label: label(buttons[i]) });
	return { document, window, synth, buttons, orphan, run, shown, loaded: () => document.dispatch('DOMContentLoaded') };
}

// A button reading (in Turkish, the page's language), and one at rest.
const READING = { pressed: 'true', label: 'Durdur' };
const AT_REST = { pressed: 'false', label: 'Sesli oku' };

beforeEach(() => {
	vi.useFakeTimers();
});
afterEach(() => {
	vi.useRealTimers();
});

describe('read-aloud.js: when the buttons appear', () => {
	it('does nothing before the page has loaded, then shows buttons that have a target', () => {
		const p = page();
		expect(p.buttons.every((b) => b.hidden)).toBe(true);
		p.loaded();
		expect(p.buttons.map((b) => b.hidden)).toEqual([false, false]);
		expect(p.orphan.hidden).toBe(true); // its target does not exist
	});

	it('starts at once when the page has already loaded', () => {
		const p = page({ readyState: 'interactive' });
		expect(p.buttons[0].hidden).toBe(false);
	});

	it('leaves the buttons hidden without speech synthesis', () => {
		const p = page({ speech: false });
		expect(() => p.loaded()).not.toThrow();
		vi.advanceTimersByTime(5000);
		expect(p.buttons.every((b) => b.hidden)).toBe(true);
	});

	it('leaves the buttons hidden when no voice speaks the page language', () => {
		const p = page({ lang: 'ur', voices: [voice('en-GB'), voice('tr-TR'), voice('hi-IN')] });
		p.loaded();
		vi.advanceTimersByTime(5000);
		expect(p.buttons.every((b) => b.hidden)).toBe(true);
	});

	it('matches on the primary language subtag, either way round', () => {
		const regional = page({ lang: 'en-GB', voices: [voice('en_US')] });
		regional.loaded();
		expect(regional.buttons[0].hidden).toBe(false);
		const plain = page({ lang: 'UR', voices: [voice('ur-PK')] });
		plain.loaded();
		expect(plain.buttons[0].hidden).toBe(false);
		const prefix = page({ lang: 'tr', voices: [voice('tru-XX')] }); // not Turkish
		prefix.loaded();
		vi.advanceTimersByTime(3000);
		expect(prefix.buttons[0].hidden).toBe(true);
	});

	it('leaves the buttons hidden when the page has no language', () => {
		const p = page({ lang: '', voices: [voice('en-GB')] });
		p.loaded();
		vi.advanceTimersByTime(3000);
		expect(p.buttons[0].hidden).toBe(true);
	});

	it('uses the language of the text (nearest lang attribute) before the page language', () => {
		const p = page({ lang: 'en', secondLang: 'ur', voices: [voice('ur-PK', { name: 'Urdu' })] });
		p.loaded();
		vi.advanceTimersByTime(3000);
		expect(p.buttons.map((b) => b.hidden)).toEqual([true, false]); // no English voice for q1
		p.buttons[1].click();
		expect(p.synth.spoken.map((u) => [u.text, u.voice?.name, u.lang])).toEqual([['İkinci soru', 'Urdu', 'ur-PK']]);
	});

	it('waits for voices that load late (voiceschanged)', () => {
		const p = page({ voices: [] });
		p.loaded();
		expect(p.buttons[0].hidden).toBe(true);
		p.synth.voices = [voice('tr-TR')];
		p.synth.dispatch('voiceschanged');
		expect(p.buttons.map((b) => b.hidden)).toEqual([false, false]);
	});

	it('also notices voices that arrive without an event, but gives up after about 2 seconds', () => {
		const soon = page({ voices: [] });
		soon.loaded();
		vi.advanceTimersByTime(1000);
		soon.synth.voices = [voice('tr-TR')];
		vi.advanceTimersByTime(300);
		expect(soon.buttons[0].hidden).toBe(false);

		const late = page({ voices: [] });
		late.loaded();
		vi.advanceTimersByTime(2100);
		late.synth.voices = [voice('tr-TR')];
		late.synth.dispatch('voiceschanged');
		vi.advanceTimersByTime(1000);
		expect(late.buttons[0].hidden).toBe(true);
	});

	it('sets each button up once even if voices change again or the script is loaded twice', () => {
		const p = page();
		p.run();
		p.loaded();
		p.synth.dispatch('voiceschanged');
		vi.advanceTimersByTime(3000);
		p.buttons[0].click();
		expect(p.synth.spoken).toHaveLength(3); // one utterance per block, said once
		expect(p.buttons[0].getAttribute('aria-pressed')).toBe('true');
	});
});

describe('read-aloud.js: speaking', () => {
	it('never speaks without a click', () => {
		const p = page();
		p.loaded();
		vi.advanceTimersByTime(5000);
		expect(p.synth.spoken).toEqual([]);
	});

	it('speaks the shown text of the target, a piece per block, in the chosen voice', () => {
		const p = page({ voices: [voice('en-GB'), voice('tr-TR', { name: 'Yelda' })] });
		p.loaded();
		p.buttons[0].click();
		// Whitespace collapsed; its own button, hidden text and the icon left out.
		expect(p.synth.spoken.map((u) => u.text)).toEqual(['Okul hakkında', 'Okulu sever misin?', '(zorunlu)']);
		expect(p.synth.spoken.every((u) => u.voice?.name === 'Yelda' && u.lang === 'tr-TR')).toBe(true);
		expect(p.shown(0)).toEqual(READING);
	});

	it('stops and resets when the same button is clicked again', async () => {
		const p = page();
		p.loaded();
		p.buttons[0].click();
		const cancels = p.synth.cancels;
		p.buttons[0].click();
		expect(p.synth.cancels).toBeGreaterThan(cancels);
		expect(p.synth.queue).toEqual([]);
		expect(p.shown(0)).toEqual(AT_REST);
		await Promise.resolve(); // the interrupted errors arrive and change nothing
		expect(p.synth.spoken).toHaveLength(3);
		p.buttons[0].click(); // and it can start again
		expect(p.synth.spoken).toHaveLength(6);
		expect(p.buttons[0].getAttribute('aria-pressed')).toBe('true');
	});

	it('resets when the speech ends, and only after the last piece', () => {
		const p = page();
		p.loaded();
		p.buttons[0].click();
		p.synth.spoken[0].onend?.({});
		expect(p.buttons[0].getAttribute('aria-pressed')).toBe('true');
		p.synth.finish();
		expect(p.shown(0)).toEqual(AT_REST);
	});

	it('resets on a speech error', () => {
		const p = page();
		p.loaded();
		p.buttons[1].click();
		p.synth.spoken[0].onerror?.({ error: 'synthesis-failed' });
		expect(p.shown(1)).toEqual(AT_REST);
	});

	it('a second button stops the first and reads its own text; late errors do not reset it', async () => {
		const p = page();
		p.loaded();
		p.buttons[0].click();
		p.buttons[1].click();
		expect(p.shown(0)).toEqual(AT_REST);
		expect(p.synth.queue.map((u) => u.text)).toEqual(['İkinci soru']); // a hidden target is still read
		await Promise.resolve(); // the first button's utterances report "interrupted"
		expect(p.shown(1)).toEqual(READING);
	});

	it('stops speaking when the page is left', () => {
		const p = page();
		p.loaded();
		p.buttons[0].click();
		const cancels = p.synth.cancels;
		p.window.dispatch('pagehide');
		expect(p.synth.cancels).toBe(cancels + 1);
		expect(p.buttons[0].getAttribute('aria-pressed')).toBe('false');
	});

	it('prefers a voice on the device, then the exact language, then the default', () => {
		const p = page({
			lang: 'en-GB',
			voices: [
				voice('en-GB', { name: 'online', localService: false, default: true }),
				voice('en-US', { name: 'US default', default: true }),
				voice('en-GB', { name: 'British' }),
				voice('en-AU', { name: 'Australian' })
			]
		});
		p.loaded();
		p.buttons[1].click();
		expect(p.synth.spoken[0].voice?.name).toBe('British');
	});
});

describe('ReadAloud.svelte', () => {
	it('renders a hidden, unpressed button with the target, labels and a hidden icon', () => {
		const { body, head } = render(ReadAloud, {
			props: { target: 'question-3', label: 'Read aloud', stopLabel: 'Stop "reading" <now>' }
		});
		expect(body).toMatch(/<button[^>]* type="button"/);
		expect(body).toMatch(/<button[^>]* class="button button-secondary read-aloud"/);
		expect(body).toMatch(/<button[^>]* data-read-aloud="question-3"/);
		expect(body).toMatch(/<button[^>]* data-stop-label="Stop &quot;reading&quot; &lt;now>"/);
		expect(body).toMatch(/ hidden="" aria-pressed="false"><svg/);
		expect(body).toMatch(/<svg[^>]* aria-hidden="true"/);
		expect(body).toContain('<span class="read-aloud-label">Read aloud</span>');
		expect(body).not.toMatch(/style=/);
		// the script built on its own (a hashed name in the build; its source address here)
		expect(head).toMatch(/<script src="[^"]*read-aloud[^"]*\.js[^"]*" defer(="")?><\/script>/);
	});

	it('stays hidden through the stylesheet too (.button\'s display: inline-flex would override [hidden])', () => {
		const css = readFileSync(new URL('../../app.css', import.meta.url), 'utf8');
		expect(css).toMatch(/\.button, button\.button\s*\{[^}]*display:\s*inline-flex/);
		expect(css).toMatch(/\.read-aloud\[hidden\][^{]*\{\s*display:\s*none;?\s*\}/);
	});
});
