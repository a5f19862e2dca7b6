// A shared profile is read by someone without an account, often on a phone: it ships no Svelte
// JavaScript, only HTML and CSS (and /read-aloud.js), and the same holds for its "link does not
// work any more" page.
export const csr = false;
