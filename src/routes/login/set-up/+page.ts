// A plain form: nothing to enhance, so no app JavaScript (it works the same with JavaScript off).
export const csr = false;
