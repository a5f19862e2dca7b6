/**
 * The error summary's links on pages without the app (GOV.UK pattern): following one moves focus
 * to its field, not only the view, so a keyboard or screen reader user lands where to type. A
 * plain script of the page's own, built on its own (ErrorSummary.svelte loads it with `defer`).
 * In the staff area the component's own click handler does the same; doing it twice is harmless.
 */
document.addEventListener('click', (event) => {
	const link = event.target instanceof Element ? event.target.closest<HTMLAnchorElement>('.error-summary a[href^="#"]') : null;
	const field = link ? document.getElementById(decodeURIComponent(link.hash.slice(1))) : null;
	if (!field) return;
	event.preventDefault();
	field.focus();
	field.scrollIntoView({ block: 'center' });
});
