// Staff pages (managing surveys, the board, meetings, reports, people) start the app in the
// browser: keyboard-friendly reordering, forms that keep focus, live previews. Their public pages
// do not (src/routes/+layout.ts); a few plain staff pages turn it off again.
export const csr = true;
