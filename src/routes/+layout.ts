// Every page a visitor, parent carer or young person uses ships no app JavaScript: each is plain
// HTML and forms that work the same with JavaScript off and open fast on a cheap phone on slow
// mobile data (decision 0032, issue 17). Enhancements are small islands the page loads itself
// (read aloud, print, charts when they scroll into view). The staff area, `(app)`, turns the app on.
export const csr = false;
