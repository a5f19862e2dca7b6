/** A standard as the staff pages show it: its numbers written out and its RAG rule in words. */
import type { Direction, MeasureKind, MeasureUnit } from '$lib/features/standards/model';
import type { Standard } from '$lib/server/db/schema';
import { formatNumber, ruleText } from '$lib/server/standards';

export type StandardView = {
	id: number;
	serviceId: number | null;
	serviceName: string | null;
	statement: string;
	measure: string;
	kind: MeasureKind;
	unit: MeasureUnit;
	direction: Direction;
	target: string;
	amberFrom: string;
	/** "Green at 75% or more; amber from 60% to under 75%; red below 60%." */
	rule: string;
	archived: boolean;
};

export function standardView(s: Standard, serviceName: string | null): StandardView {
	return {
		id: s.id,
		serviceId: s.serviceId,
		serviceName,
		statement: s.statement,
		measure: s.measure,
		kind: s.measureKind,
		unit: s.unit,
		direction: s.direction,
		target: formatNumber(s.target),
		amberFrom: formatNumber(s.amberFrom),
		rule: ruleText(s, s.unit),
		archived: s.archivedAt !== null
	};
}
