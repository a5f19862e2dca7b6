// "I'm worried about something" is a young people's page: it ships no Svelte JavaScript, so it works
// the same with JavaScript off and stays light on a cheap phone. Read aloud comes from /read-aloud.js.
export const csr = false;
