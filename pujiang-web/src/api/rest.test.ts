import { describe, expect, it } from 'vitest';
import { ApiError, createApi, isOwnPath, ownPath, TEMPLATES } from './rest';

interface Recorded { url: string; init: RequestInit | undefined }

function fakeFetch(status: number, body: unknown, headers: Record<string, string> = {}) {
  const calls: Recorded[] = [];
  const fn = async (url: string, init?: RequestInit): Promise<Response> => {
    calls.push({ url, init });
    const text = body === undefined ? null : typeof body === 'string' ? body : JSON.stringify(body);
    return new Response(text, { status, headers });
  };
  return { fn, calls };
}

const user = { id: '0196a0c4-1e2f-7a3b-8c4d-5e6f7a8b9c0d', username: 'liming', displayName: '李明', role: 'member', createdAt: '2025-04-28T06:12:45.318Z' };
const space = {
  id: '0196a0e7-3c1d-7f2a-b4c5-d6e7f8091a2b', name: '浦江数字展览馆', description: 'x',
  owner: { id: user.id, displayName: '李明' }, template: 'exhibition', visibility: 'public', capacity: 200,
  bounds: { minX: -40, minY: 0, minZ: -30, maxX: 40, maxY: 20, maxZ: 30 },
  createdAt: '2025-05-01T09:30:12.507Z', updatedAt: '2025-05-01T09:30:12.507Z', version: 1,
};

describe('rest api', () => {
  it('logs in and parses the session', async () => {
    const f = fakeFetch(200, { token: 'pj1.a.b', expiresAt: '2025-05-01T21:00:00Z', user });
    const s = await createApi('http://h:1/', f.fn).login('liming', 'pw');
    expect(s.token).toBe('pj1.a.b');
    expect(s.user.displayName).toBe('李明');
    expect(f.calls[0]!.url).toBe('http://h:1/api/auth/login');
    expect(f.calls[0]!.init?.method).toBe('POST');
    expect(JSON.parse(String(f.calls[0]!.init?.body))).toEqual({ username: 'liming', password: 'pw' });
  });

  it('sends the bearer token and the query', async () => {
    const f = fakeFetch(200, { items: [{ ...space, online: 3 }], total: 1, page: 2, size: 5 });
    const page = await createApi('', f.fn).listSpaces('tok', { q: '展览', page: 2, size: 5 });
    expect(f.calls[0]!.url).toBe('/api/spaces?q=%E5%B1%95%E8%A7%88&page=2&size=5');
    expect((f.calls[0]!.init?.headers as Record<string, string>)['authorization']).toBe('Bearer tok');
    expect(page.total).toBe(1);
    expect(page.items[0]!.online).toBe(3);
    expect(page.items[0]!.ownerId).toBe(user.id);
  });

  it('defaults online to 0 when the server leaves it out', async () => {
    const f = fakeFetch(200, space);
    const s = await createApi('', f.fn).getSpace('tok', space.id);
    expect(s.online).toBe(0);
    expect(s.bounds.maxX).toBe(40);
  });

  it('turns an error body into an ApiError with code, field and Retry-After', async () => {
    const f = fakeFetch(429, { error: 'auth:login.throttled', message: 'too many' }, { 'retry-after': '30' });
    const err = await createApi('', f.fn).login('a', 'b').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    const e = err as ApiError;
    expect(e.status).toBe(429);
    expect(e.code).toBe('auth:login.throttled');
    expect(e.retryAfterSec).toBe(30);
    const f2 = fakeFetch(422, { error: 'request:field.invalid', message: 'bad', field: 'capacity' });
    const e2 = (await createApi('', f2.fn).createSpace('t', { name: 'n', template: 'empty', visibility: 'public', capacity: 0 }).catch((x: unknown) => x)) as ApiError;
    expect(e2.field).toBe('capacity');
  });

  it('reports an unreachable server as status 0, code network', async () => {
    const api = createApi('', async () => { throw new TypeError('Failed to fetch'); });
    const e = (await api.me('t').catch((x: unknown) => x)) as ApiError;
    expect(e.status).toBe(0);
    expect(e.code).toBe('network');
  });

  it('handles 204 on logout and non-JSON errors', async () => {
    await expect(createApi('', fakeFetch(204, undefined).fn).logout('t')).resolves.toBeUndefined();
    const e = (await createApi('', fakeFetch(502, 'Bad Gateway').fn).me('t').catch((x: unknown) => x)) as ApiError;
    expect(e.code).toBe('http:502');
  });

  it('rejects answers of the wrong shape', async () => {
    const e = (await createApi('', fakeFetch(200, { nope: 1 }).fn).me('t').catch((x: unknown) => x)) as ApiError;
    expect(e.code).toBe('response:invalid');
  });

  it('lists the templates', () => {
    expect(TEMPLATES).toContain('service-hall');
    expect(TEMPLATES).toHaveLength(8);
  });

  it('reads twin bindings, leaving out those it cannot draw', async () => {
    const f = fakeFetch(200, { items: [
      { id: 'b1', object: 'line-a-press', twin: 'press-a', property: 'temperature', visual: { kind: 'colour', stops: [{ at: 80, colour: '#ff0000' }, { at: 20, colour: '#0000ff' }, { at: 50, colour: 'red' }] } },
      { id: 'b2', object: 'line-a-press', twin: 'press-a', property: 'temperature', visual: { kind: 'label', format: '{value} {unit}', decimals: 1 } },
      { id: 'b3', object: 'shared:crate', twin: 'agv-1', property: 'battery', visual: { kind: 'gauge', min: 0, max: 100 } },
      { id: 'b4', object: 'tank-1', twin: 'tank-1', property: 'rpm', visual: { kind: 'animation', clip: 'spin', speedFrom: 'rpm', when: 'running' } },
      { id: 'b5', object: 'tank-1', twin: 'tank-1', property: 'x', visual: { kind: 'hologram' } },
      { id: 'b6', object: 'tank-1', twin: 'tank-1', property: 'x', visual: { kind: 'gauge', min: 5, max: 5 } },
      { id: 'b7', object: 'tank-1', twin: 'tank-1', property: 'x', visual: { kind: 'colour' } },
      { object: 'no id' },
    ] });
    const list = await createApi('', f.fn).bindings('tok', 'sp 1');
    expect(f.calls[0]!.url).toBe('/api/spaces/sp%201/bindings');
    expect(list.map((b) => b.id)).toEqual(['b1', 'b2', 'b3', 'b4']);
    expect(list[0]!.visual).toEqual({ kind: 'colour', stops: [{ at: 20, colour: '#0000ff' }, { at: 80, colour: '#ff0000' }] });
    expect(list[3]!.visual).toEqual({ kind: 'animation', clip: 'spin', speedFrom: 'rpm', when: 'running' });
  });

  it('reads a model from its summary or as a plain Thing Model', async () => {
    const wrapped = fakeFetch(200, { id: 'pump', version: 1, model: { title: 'Pump', properties: {} } });
    expect(await createApi('', wrapped.fn).model('tok', 'pump')).toEqual({ title: 'Pump', properties: {} });
    expect(wrapped.calls[0]!.url).toBe('/api/models/pump');
    const plain = fakeFetch(200, { '@type': 'tm:ThingModel', title: 'Pump' });
    expect(await createApi('', plain.fn).model('tok', 'pump')).toEqual({ '@type': 'tm:ThingModel', title: 'Pump' });
  });

  it('reads a twin', async () => {
    const f = fakeFetch(200, { id: 'pump-1', model: 'pump', name: 'Pump 1', reported: { t: 1 }, metadata: { t: { ts: 5, source: 'http' } }, links: [],
      may: { read: true, write: true, command: false } });
    expect(await createApi('', f.fn).twin('tok', 'pump-1')).toEqual({ id: 'pump-1', model: 'pump', name: 'Pump 1', reported: { t: 1 }, desired: {},
      metadata: { t: { ts: 5, source: 'http' } }, mayWrite: true, mayCommand: false });
  });

  it('offers no controls when the server does not say the caller may act', async () => {
    const f = fakeFetch(200, { id: 'pump-1', model: 'pump', name: 'Pump 1', reported: {} });
    const doc = await createApi('', f.fn).twin('tok', 'pump-1');
    expect(doc.mayWrite).toBe(false);
    expect(doc.mayCommand).toBe(false);
  });

  it('reads a space’s placements, leaving out unreadable ones', async () => {
    const good = { id: 'p1', asset: 'a1', edition: 3, slot: 'wall-1', title: 'Tide', format: 'PNG', fileUrl: '/api/assets/a1/file',
      holder: { id: 'u1', displayName: '李明' } };
    const f = fakeFetch(200, { placements: [good, { id: 'p2', slot: 'wall-2' }, { ...good, id: 'p3', holder: 'u2' }] });
    const list = await createApi('', f.fn).placements('tok', 's 1');
    expect(f.calls[0]!.url).toBe('/api/spaces/s%201/assets');
    expect(list).toEqual([
      { id: 'p1', asset: 'a1', edition: 3, slot: 'wall-1', title: 'Tide', format: 'png', fileUrl: '/api/assets/a1/file', holder: { id: 'u1', name: '李明' } },
      { id: 'p3', asset: 'a1', edition: 3, slot: 'wall-1', title: 'Tide', format: 'png', fileUrl: '/api/assets/a1/file', holder: { id: 'u2', name: '' } },
    ]);
  });

  it('places and removes with any 2xx answer, and shows the server’s refusal', async () => {
    const created = fakeFetch(201, { id: 'p9' });
    await createApi('', created.fn).place('tok', 's1', { asset: 'a1', edition: 2, slot: 'pedestal-1' });
    expect(created.calls[0]!.init?.method).toBe('POST');
    expect(JSON.parse(String(created.calls[0]!.init?.body))).toEqual({ asset: 'a1', edition: 2, slot: 'pedestal-1' });
    const empty = fakeFetch(201, undefined);
    await expect(createApi('', empty.fn).place('tok', 's1', { asset: 'a1', edition: 2, slot: 'wall-1' })).resolves.toBeUndefined();
    const gone = fakeFetch(204, undefined);
    await createApi('', gone.fn).unplace('tok', 's1', 'p9');
    expect(gone.calls[0]!.url).toBe('/api/spaces/s1/assets/p9');
    expect(gone.calls[0]!.init?.method).toBe('DELETE');
    const refused = fakeFetch(409, { error: 'asset:slot.taken', message: 'Slot wall-1 already shows an asset.' });
    const e = (await createApi('', refused.fn).place('tok', 's1', { asset: 'a1', edition: 2, slot: 'wall-1' }).catch((x: unknown) => x)) as ApiError;
    expect(e.code).toBe('asset:slot.taken');
    expect(e.message).toBe('Slot wall-1 already shows an asset.');
  });

  it('reads editions, an asset, its provenance and a proof', async () => {
    const ed = fakeFetch(200, { editions: [{ asset: 'a1', edition: 1, title: 'Vase', format: 'glb' }] });
    expect(await createApi('', ed.fn).myEditions('tok')).toEqual([{ asset: 'a1', edition: 1, title: 'Vase', format: 'glb' }]);
    expect(ed.calls[0]!.url).toBe('/api/me/assets');

    const as = fakeFetch(200, { id: 'a1', title: 'Vase', format: 'GLB', creator: { id: 'u1', displayName: 'Li' }, licence: 'CC-BY-4.0', editions: 10 });
    expect(await createApi('', as.fn).asset('tok', 'a1')).toEqual({ id: 'a1', title: 'Vase', format: 'glb', creator: { id: 'u1', name: 'Li' },
      licence: 'CC-BY-4.0', editions: 10, contentHash: '' });

    const pv = fakeFetch(200, { asset: 'a1', events: [
      { kind: 'register', from: null, to: 'u1', edition: null, logIndex: 4, at: 1767225600000 },
      { kind: 'transfer', from: { id: 'u1', displayName: 'Li' }, to: 'u2', edition: 3, logIndex: 9, at: '2026-01-01T00:00:01Z' },
    ] });
    expect(await createApi('', pv.fn).provenance('tok', 'a1')).toEqual([
      { kind: 'register', from: null, to: { id: 'u1', name: '' }, edition: null, logIndex: 4, at: 1767225600000 },
      { kind: 'transfer', from: { id: 'u1', name: 'Li' }, to: { id: 'u2', name: '' }, edition: 3, logIndex: 9, at: 1767225601000 },
    ]);

    const pf = fakeFetch(200, { logIndex: 9, leaf: 'e30=', inclusion: { index: 9, size: 12, hashes: ['AA=='] }, checkpoint: 'c', vkey: 'k' });
    expect(await createApi('', pf.fn).assetProof('tok', 'a1', 9)).toEqual({ logIndex: 9, leaf: 'e30=', inclusion: { index: 9, size: 12, hashes: ['AA=='] },
      checkpoint: 'c', vkey: 'k' });
    expect(pf.calls[0]!.url).toBe('/api/assets/a1/proof?logIndex=9');
    const bad = fakeFetch(200, { logIndex: 9, leaf: 'e30=', inclusion: { index: 9, size: 12, hashes: [1] }, checkpoint: 'c', vkey: 'k' });
    await expect(createApi('', bad.fn).assetProof('tok', 'a1', 9)).rejects.toMatchObject({ code: 'response:invalid' });

    const lk = fakeFetch(200, { origin: 'o', vkey: 'k', witnesses: ['w'], quorum: 1 });
    expect(await createApi('', lk.fn).logKey('tok')).toEqual({ origin: 'o', vkey: 'k', witnesses: ['w'], quorum: 1 });
  });

  it('loads asset files only from this server, with the token', async () => {
    const f = fakeFetch(200, 'PNGDATA');
    const blob = await createApi('', f.fn).assetFile('tok', '/api/assets/a1/file');
    expect(await blob.text()).toBe('PNGDATA');
    expect((f.calls[0]!.init?.headers as Record<string, string>)['authorization']).toBe('Bearer tok');
    for (const url of ['//evil.example/x.png', 'https://evil.example/x.png', '/\\evil/x', 'data:image/png;base64,AA==', 'x.png']) {
      await expect(createApi('', f.fn).assetFile('tok', url), url).rejects.toMatchObject({ code: 'asset:file.foreign' });
    }
    expect(f.calls.length).toBe(1);
    expect(isOwnPath('/api/assets/a1/file')).toBe(true);
    expect(ownPath('http://h:1/api/assets/a1/file?x=1', 'http://h:1')).toBe('/api/assets/a1/file?x=1');
    expect(ownPath('http://other:1/api/assets/a1/file', 'http://h:1')).toBeNull();
  });

  it('reads the agents of a space with their welcome lines and hot questions', async () => {
    const f = fakeFetch(200, { items: [
      { id: 'ag_1', name: '小浦', userId: 'agent:ag_1', languages: ['zh-CN', 'en'],
        persona: { name: { 'zh-CN': '小浦', en: 'Xiaopu' }, greeting: { 'zh-CN': '您好' }, appearance: { uniform: 'navy' } },
        welcome: { 'zh-CN': '您好，我是小浦。', en: 'Hello, I am Xiaopu.' },
        hotQuestions: [{ entryId: 'hours', question: { 'zh-CN': '几点开门？', en: 'When do you open?' } }, { entryId: 'x', question: {} }, 7] },
      { id: 'ag_2', name: 'Guide', welcome: 'Welcome!' },
      { name: 'no id' },
    ] });
    const agents = await createApi('', f.fn).spaceAgents('tok', 's 1');
    expect(f.calls[0]!.url).toBe('/api/spaces/s%201/agents');
    expect(agents).toEqual([
      { id: 'ag_1', name: '小浦', userId: 'agent:ag_1', languages: ['zh-CN', 'en'],
        persona: { name: { 'zh-CN': '小浦', en: 'Xiaopu' }, greeting: { 'zh-CN': '您好' }, appearance: { uniform: 'navy' } },
        welcome: { 'zh-CN': '您好，我是小浦。', en: 'Hello, I am Xiaopu.' },
        hotQuestions: [{ entryId: 'hours', question: { 'zh-CN': '几点开门？', en: 'When do you open?' } }] },
      { id: 'ag_2', name: 'Guide', userId: '', languages: [], persona: { name: {}, greeting: {}, appearance: {} },
        welcome: { '*': 'Welcome!' }, hotQuestions: [] },
    ]);
    await expect(createApi('', fakeFetch(200, { nope: 1 }).fn).spaceAgents('tok', 's1')).rejects.toMatchObject({ code: 'response:invalid' });
  });
});
