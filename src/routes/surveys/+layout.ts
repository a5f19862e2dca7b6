// Answering pages ship no Svelte JavaScript: every step is a plain form, which keeps them fast
// on a cheap phone and identical with JavaScript off. The one extra is /read-aloud.js.
export const csr = false;
