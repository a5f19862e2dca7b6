// Plain forms and pages: nothing to enhance, so no app JavaScript (decision 0032).
export const csr = false;
