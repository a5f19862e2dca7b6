/**
 * "Manage" in the header (SiteMenu.svelte), on every page: Escape folds the open list away and,
 * when focus was in it, puts focus back on "Manage"; a click elsewhere folds it too. The
 * disclosure itself opens and closes without any script. A plain script of the page's own, built
 * on its own; its listeners are on the document, so in the staff area they last through the app's
 * own navigation.
 */
const openMenus = () => [...document.querySelectorAll<HTMLDetailsElement>('.manage-menu details[open]')];

document.addEventListener('keydown', (event) => {
	if (event.key !== 'Escape') return;
	for (const details of openMenus()) {
		const focusWasInside = details.contains(document.activeElement);
		details.open = false;
		if (focusWasInside) details.querySelector('summary')?.focus();
	}
});

document.addEventListener('click', (event) => {
	for (const details of openMenus()) if (!details.contains(event.target as Node)) details.open = false;
});
