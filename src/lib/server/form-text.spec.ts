import { describe, expect, it } from 'vitest';
import { isFormPost, normaliseFormPost, normaliseQuery } from './form-text';

const post = (body: BodyInit, headers: Record<string, string> = {}) =>
	new Request('http://localhost/feedback?/send', { method: 'POST', body, headers: { origin: 'http://localhost', ...headers } });

describe('normaliseFormPost', () => {
	it('normalises every value of a urlencoded form, keeping names, order and repeated fields', async () => {
		const sent = new URLSearchParams();
		sent.append('whatHappened', 'Line one\r\nline two\u000bWord break\u2060 \u202eevil\u202c Cafe\u0301 \u0000');
		sent.append('services', '1');
		sent.append('services', '2');
		sent.append('name', 'Zeynep 👩\u200d👧 می\u200cخواهم');
		const clean = await normaliseFormPost(post(sent, { 'content-type': 'application/x-www-form-urlencoded', 'x-sveltekit-action': 'true' }));
		const data = await clean.formData();
		expect([...data.keys()]).toEqual(['whatHappened', 'services', 'services', 'name']);
		expect(data.get('whatHappened')).toBe('Line one\nline two\nWord break evil Café ');
		expect(data.getAll('services')).toEqual(['1', '2']);
		expect(data.get('name')).toBe('Zeynep 👩\u200d👧 می\u200cخواهم');
		// the rest of the request is as it came: address, method, headers that matter to SvelteKit
		expect(clean.url).toBe('http://localhost/feedback?/send');
		expect(clean.method).toBe('POST');
		expect(clean.headers.get('x-sveltekit-action')).toBe('true');
		expect(clean.headers.get('content-type')).toBe('application/x-www-form-urlencoded');
	});

	it('normalises the text of a multipart form and passes files on byte for byte', async () => {
		const bytes = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x00, 0x0b, 0xe2, 0x81, 0xa0, 0x0d, 0x0a, 0xff]);
		const sent = new FormData();
		sent.append('title', 'Budget\u000bpaper\u2066');
		sent.append('file', new File([bytes], 'budget\u2060.png', { type: 'image/png' }));
		const clean = await normaliseFormPost(post(sent));
		expect(clean.headers.get('content-type')).toMatch(/^multipart\/form-data; boundary=/);
		const data = await clean.formData();
		expect(data.get('title')).toBe('Budget\npaper');
		const file = data.get('file') as File;
		expect(file.name).toBe('budget\u2060.png');
		expect(file.type).toBe('image/png');
		expect(new Uint8Array(await file.arrayBuffer())).toEqual(bytes);
	});

	it('keeps line breaks LF in a multipart form (a browser sends them as CRLF)', async () => {
		// as Chromium sends it: CRLF in the value, a file input left empty
		const body = [
			'--B0undary7MA4YWxk',
			'Content-Disposition: form-data; name="alt"',
			'',
			'A picture\r\nof a bus',
			'--B0undary7MA4YWxk',
			'Content-Disposition: form-data; name="na%22me%0D%0A"',
			'',
			'x',
			'--B0undary7MA4YWxk',
			'Content-Disposition: form-data; name="file"; filename=""',
			'Content-Type: application/octet-stream',
			'',
			'',
			'--B0undary7MA4YWxk--',
			''
		].join('\r\n');
		const data = await (await normaliseFormPost(post(body, { 'content-type': 'multipart/form-data; boundary=B0undary7MA4YWxk' }))).formData();
		expect(data.get('alt')).toBe('A picture\nof a bus');
		// names are passed on as they came
		expect(data.get('na"me\r\n')).toBe('x');
		// an empty file input is still a file (the upload pages say "choose a file")
		expect(data.get('file')).toBeInstanceOf(File);
		expect((data.get('file') as File).size).toBe(0);
	});

	it('drops a hand-made superforms JSON field, which would get round the normalisation', async () => {
		const sent = new URLSearchParams({ __superform_json: '[{"whatHappened":1},"evil\\u0000"]', whatHappened: 'plain' });
		const data = await (await normaliseFormPost(post(sent, { 'content-type': 'application/x-www-form-urlencoded' }))).formData();
		expect(data.has('__superform_json')).toBe(false);
		expect(data.get('whatHappened')).toBe('plain');
	});

	it('throws on a body that is not a form, for the hook to answer 400', async () => {
		await expect(normaliseFormPost(post('--x\r\nbroken', { 'content-type': 'multipart/form-data; boundary=x' }))).rejects.toThrow();
	});

	it('deals only with form posts that have a body', () => {
		expect(isFormPost(post('a=1', { 'content-type': 'application/x-www-form-urlencoded; charset=UTF-8' }))).toBe(true);
		expect(isFormPost(post(new FormData()))).toBe(true);
		expect(isFormPost(post('{}', { 'content-type': 'application/json' }))).toBe(false);
		expect(isFormPost(new Request('http://localhost/board'))).toBe(false);
	});
});

describe('normaliseQuery', () => {
	it('normalises search words in the address, leaving other parameters as they are', () => {
		const url = new URL('http://localhost/board?q=caf%C3%A9%E2%81%A0s%E2%80%AE&status=done&page=2');
		expect(normaliseQuery(url)).toBe(true);
		expect(url.searchParams.get('q')).toBe('cafés');
		expect(url.searchParams.get('status')).toBe('done');
		expect(url.searchParams.get('page')).toBe('2');
	});

	it('leaves an address alone when nothing changes', () => {
		const url = new URL('http://localhost/manage/meetings/1/items/2?/upload');
		expect(normaliseQuery(url)).toBe(false);
		expect(url.href).toBe('http://localhost/manage/meetings/1/items/2?/upload');
		const urdu = new URL('http://localhost/board?q=%D8%A8%DA%86%DB%81');
		expect(normaliseQuery(urdu)).toBe(false);
		expect(urdu.search).toBe('?q=%D8%A8%DA%86%DB%81');
	});
});
