/** Staff words for a standard's codes: where its figure comes from, its unit, which way is better. */
import { m } from '$lib/paraglide/messages';
import type { Direction, MeasureKind, MeasureUnit } from '$lib/features/standards/model';

const KIND_NAMES: Record<MeasureKind, () => string> = {
	survey: m.standards_kind_survey,
	operational: m.standards_kind_operational,
	board_answered_on_time: m.standards_kind_board_answered_on_time,
	board_overdue: m.standards_kind_board_overdue,
	board_done: m.standards_kind_board_done,
	coproduction_share: m.standards_kind_coproduction_share
};
const KIND_HINTS: Record<MeasureKind, () => string> = {
	survey: m.standards_kind_survey_hint,
	operational: m.standards_kind_operational_hint,
	board_answered_on_time: m.standards_kind_board_answered_on_time_hint,
	board_overdue: m.standards_kind_board_overdue_hint,
	board_done: m.standards_kind_board_done_hint,
	coproduction_share: m.standards_kind_coproduction_share_hint
};
const UNIT_NAMES: Record<MeasureUnit, () => string> = {
	percent: m.standards_unit_percent,
	count: m.standards_unit_count,
	days: m.standards_unit_days
};
const DIRECTION_NAMES: Record<Direction, () => string> = {
	higher_better: m.standards_direction_higher_better,
	lower_better: m.standards_direction_lower_better
};
const DIRECTION_HINTS: Record<Direction, () => string> = {
	higher_better: m.standards_direction_higher_better_hint,
	lower_better: m.standards_direction_lower_better_hint
};

export const kindName = (k: MeasureKind) => KIND_NAMES[k]();
export const kindHint = (k: MeasureKind) => KIND_HINTS[k]();
export const unitName = (u: MeasureUnit) => UNIT_NAMES[u]();
export const directionName = (d: Direction) => DIRECTION_NAMES[d]();
export const directionHint = (d: Direction) => DIRECTION_HINTS[d]();

/** A figure with its unit: "75%", "12", "20 days". `value` is already written as a number ("62.5"). */
export function valueText(value: string, unit: MeasureUnit): string {
	if (unit === 'percent') return m.standards_value_percent({ value });
	if (unit === 'days') return value === '1' ? m.standards_value_day({ value }) : m.standards_value_days({ value });
	return value;
}
