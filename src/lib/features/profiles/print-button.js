/* The "Print" button of pages without Svelte's JavaScript (a profile's print page). Plain ES2017.
 * The button starts hidden beside a line saying how to print with the browser's own menu; when
 * the browser can print from a script, this shows the button instead and makes it print. */
(function () {
	'use strict';
	if (typeof window.print !== 'function') return;
	for (const button of /** @type {NodeListOf<HTMLElement>} */ (document.querySelectorAll('[data-print]'))) {
		button.hidden = false;
		button.addEventListener('click', function () {
			window.print();
		});
	}
	for (const how of /** @type {NodeListOf<HTMLElement>} */ (document.querySelectorAll('[data-print-how]'))) how.hidden = true;
})();
