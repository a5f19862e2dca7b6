import { describe, expect, it } from 'vitest';
import { PICKABLE_TOPICS, symbolsByTopic } from '$lib/symbols/catalogue';
import { PROFILE_TOPICS, SEARCH_MAX, isPickableSymbol, pickerState } from './picker';

describe('profile picture picker', () => {
	it('offers every pickable topic once, the ones profiles use most first', () => {
		expect(PROFILE_TOPICS.slice(0, 3)).toEqual(['support', 'feelings', 'people']);
		expect([...PROFILE_TOPICS].sort()).toEqual([...PICKABLE_TOPICS].sort());
	});

	it('shows the chosen topic, or the fallback for a missing or made-up one', () => {
		const feelings = pickerState({ topic: 'feelings' }, 'support');
		expect(feelings.topic).toBe('feelings');
		expect(feelings.symbols.map((s) => s.id)).toEqual(symbolsByTopic('feelings').map((s) => s.id));
		expect(pickerState({ topic: 'status' }, 'support').topic).toBe('support');
		expect(pickerState({}, 'people').topic).toBe('people');
	});

	it('searches every topic people pick from, never the board statuses', () => {
		const found = pickerState({ query: '  ear def ', topic: 'feelings' }, 'support');
		expect(found.topic).toBeNull();
		expect(found.query).toBe('ear def');
		expect(found.symbols[0]).toEqual({ id: 'ear-defenders', label: 'Ear defenders' });
		expect(pickerState({ query: 'heard' }, 'support').symbols.map((s) => s.id)).not.toContain('status-heard');
		expect(pickerState({ query: 'x'.repeat(500) }, 'support').query).toHaveLength(SEARCH_MAX);
	});

	it('keeps the current or chosen picture choosable, first, whatever is shown', () => {
		const state = pickerState({ topic: 'food' }, 'support', ['dog', 'pizza', 'status-done', 'nonsense', null]);
		expect(state.symbols[0]).toEqual({ id: 'dog', label: 'Dog' });
		expect(state.symbols.filter((s) => s.id === 'pizza')).toHaveLength(1);
		expect(state.symbols.map((s) => s.id)).not.toContain('status-done');
		expect(isPickableSymbol('status-done')).toBe(false);
		expect(isPickableSymbol('dog')).toBe(true);
	});
});
