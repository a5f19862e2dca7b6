/** The events safeguarding emits (its `events` contribution says who is told, in what words). */
export const FLAG_RAISED = 'safeguarding.flag_raised';
