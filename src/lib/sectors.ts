/** The three sectors a SEND partnership's services belong to. */
export const SECTORS = ['education', 'health', 'social_care'] as const;

export type Sector = (typeof SECTORS)[number];
