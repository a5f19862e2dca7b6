// Signing in ships no Svelte JavaScript: every step is a plain form post, so it works the same
// with JavaScript off, on a cheap phone, with a switch or a screen reader.
export const csr = false;
