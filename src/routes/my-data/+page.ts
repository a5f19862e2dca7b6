// Young people use this page too: it ships no Svelte JavaScript, and its one button is a plain
// form post that returns the file, the same with JavaScript on or off.
export const csr = false;
