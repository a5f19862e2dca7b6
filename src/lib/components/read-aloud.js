// eslint-disable-next-line @typescript-eslint/ban-ts-comment -- not TypeScript: a plain ES2017 browser script
// @ts-nocheck: a plain browser script of its own (ES2017, no imports), tested as it is in ReadAloud.spec.ts
/* Read aloud (ReadAloud.svelte) for pages without Svelte's JavaScript. Plain ES2017. Buttons
 * start hidden; one shows only if a voice speaks its text's language (the nearest lang
 * attribute, else the page's). Speaks only on a click. */
(function () {
	'use strict';
	if (window.readAloudStarted) return; // the tag may be on the page more than once
	window.readAloudStarted = true;
	const SKIP = '.read-aloud,[aria-hidden="true"],svg';
	const primary = (lang) => String(lang || '').split(/[-_]/)[0].toLowerCase();
	const labelOf = (button) => button.querySelector('.read-aloud-label');

	// Prefer a voice on the device (the text stays there), then the exact language, then the default.
	function pickVoice(voices, lang) {
		let best = null;
		let top = -1;
		for (const v of voices) {
			if (!primary(lang) || primary(v.lang) !== primary(lang)) continue;
			const score = (v.localService ? 4 : 0) + (v.lang.toLowerCase() === lang.toLowerCase() ? 2 : 0) + (v.default ? 1 : 0);
			if (score > top) [best, top] = [v, score];
		}
		return best;
	}

	// The shown text, a piece per block, so headings and list items get a pause.
	function pieces(node, out) {
		for (const n of node.childNodes) {
			if (n.nodeType === 3) out.push(n.data.replace(/\s+/g, ' '));
			else if (n.nodeType === 1 && !n.matches(SKIP)) {
				const display = getComputedStyle(n).display;
				if (display === 'none') continue;
				const block = display.indexOf('inline') ? '\n' : '';
				out.push(block);
				pieces(n, out);
				out.push(block);
			}
		}
		return out;
	}

	function start() {
		const synth = window.speechSynthesis;
		const Utterance = window.SpeechSynthesisUtterance;
		let pending = Array.prototype.slice.call(document.querySelectorAll('button[data-read-aloud]'));
		if (!synth || !Utterance || !pending.length) return;
		let playing = null;

		function stop() {
			if (!playing) return;
			const { button, label } = playing;
			playing = null;
			synth.cancel();
			button.setAttribute('aria-pressed', 'false');
			labelOf(button).textContent = label;
		}

		function play(button, target, voice) {
			const text = pieces(target, []).join('').split('\n').map((t) => t.trim()).filter(Boolean);
			if (!text.length) return;
			// Holding the utterances stops Chrome dropping them before their end event.
			const me = (playing = { button, label: labelOf(button).textContent, said: [] });
			button.setAttribute('aria-pressed', 'true');
			labelOf(button).textContent = button.dataset.stopLabel || me.label;
			text.forEach((t, i) => {
				const u = new Utterance(t);
				u.voice = voice;
				u.lang = voice.lang;
				u.onerror = () => playing === me && stop();
				if (i === text.length - 1) u.onend = u.onerror;
				me.said.push(u);
				synth.speak(u);
			});
		}

		// Voices often load late (Chrome): look again on voiceschanged and every 250 ms, for 2 s.
		const check = () => {
			const voices = synth.getVoices() || [];
			pending = pending.filter((button) => {
				const target = document.getElementById(button.dataset.readAloud);
				if (!target || !labelOf(button)) return false;
				const lang = (target.closest('[lang]') || document.documentElement).getAttribute('lang');
				const voice = pickVoice(voices, lang || '');
				if (!voice) return true;
				button.addEventListener('click', () => {
					const mine = playing && playing.button === button;
					stop();
					synth.cancel(); // any other speech too
					if (!mine) play(button, target, voice);
				});
				button.hidden = false;
				return false;
			});
		};
		if (synth.addEventListener) synth.addEventListener('voiceschanged', check);
		const poll = setInterval(check, 250);
		setTimeout(() => {
			pending = [];
			clearInterval(poll);
		}, 2000);
		check();
		window.addEventListener('pagehide', stop);
	}

	if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
	else start();
})();
