// The one profile page that starts the app in the browser: only so its "Print" button can call
// window.print() (the strict Content Security Policy allows no inline script). Without
// JavaScript the page says to use the browser's own Print instead.
export const csr = true;
