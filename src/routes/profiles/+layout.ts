// One-page profiles are young people's pages: they ship no Svelte JavaScript, so every step is a
// plain form (POST, then a redirect) that works the same with JavaScript off and stays light on
// a cheap phone. Read aloud comes from the plain script /read-aloud.js. The print page alone
// turns the app back on, for its "Print" button.
export const csr = false;
