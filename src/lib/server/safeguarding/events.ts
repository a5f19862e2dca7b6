/** The events safeguarding emits (its `events` contribution says who is told, in what words). */
export const FLAG_RAISED = 'safeguarding.flag_raised';
/** A flag still waiting once its review day has ended: emitted once per flag by `remindAboutFlags`. */
export const FLAG_OVERDUE = 'safeguarding.flag_overdue';
