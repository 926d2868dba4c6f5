// A small typed wrapper around Pujiang's REST API (docs/api.md, GET /api/openapi.json).
// Every call answers the parsed JSON or throws an ApiError carrying the server's stable error code.

import type { SceneDoc } from './scene-types';

/** A failed call. `code` is the server's stable `error` field (e.g. "auth:credentials.invalid"). */
export class ApiError extends Error {
  /** HTTP status; 0 when the server could not be reached. */
  readonly status: number;
  /** The server's error code, or "network" (unreachable) / "response:invalid" (not the expected JSON). */
  readonly code: string;
  /** The request body field at fault, when the server names one. */
  readonly field?: string;
  /** Seconds to wait before retrying (Retry-After on 429). */
  readonly retryAfterSec?: number;

  constructor(status: number, code: string, message: string, field?: string, retryAfterSec?: number) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    if (field !== undefined) this.field = field;
    if (retryAfterSec !== undefined) this.retryAfterSec = retryAfterSec;
  }

  /** True for answers that mean "sign in again" (401). */
  get isAuth(): boolean {
    return this.status === 401;
  }
}

export type Role = 'admin' | 'operator' | 'member' | 'guest' | (string & {});
export type Visibility = 'public' | 'unlisted' | 'private';

export interface User {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  createdAt: string;
}

export interface Session {
  token: string;
  expiresAt: string;
  user: User;
}

export interface SpaceBounds { minX: number; minY: number; minZ: number; maxX: number; maxY: number; maxZ: number }
export interface SpaceOwner { id: string; displayName: string }
export interface SpaceMember { id: string; username: string; displayName: string }

export interface SpaceSummary {
  id: string;
  name: string;
  description: string;
  template: string;
  visibility: Visibility;
  capacity: number;
  /** Avatars in the space now; 0 when the server does not say. */
  online: number;
  owner: SpaceOwner;
  /** Same as owner.id (a convenience). */
  ownerId: string;
  bounds: SpaceBounds;
  createdAt: string;
  updatedAt: string;
  version: number;
  /** Only on single-space answers to callers who may see the member list. */
  members?: SpaceMember[];
}

export interface Page<T> {
  items: T[];
  /** The page asked for, from 1. */
  page: number;
  size: number;
  /** How many match in all, across pages. */
  total: number;
}

export const TEMPLATES: readonly string[] = [
  'exhibition', 'meeting', 'classroom', 'gallery', 'factory', 'city', 'service-hall', 'empty',
];

export interface CreateSpaceBody {
  name: string;
  description?: string;
  template: string;
  visibility: Visibility;
  capacity?: number;
}

export interface ListSpacesOptions { q?: string; page?: number; size?: number; mine?: boolean }

/** A colour stop of a colour visual: at values ≥ `at` (interpolated between stops). */
export interface ColourStop { at: number; colour: string }

/** How a bound twin property shows on its object (GET /api/spaces/{id}/bindings). */
export type BindingVisual =
  | { kind: 'colour'; stops?: ColourStop[]; map?: Record<string, string> }
  | { kind: 'label'; format?: string; decimals?: number; unit?: string }
  | { kind: 'gauge'; min: number; max: number }
  | { kind: 'animation'; clip: 'spin' | 'pulse' | 'bob'; speedFrom?: string; when?: string | boolean; speed?: number; scale?: number };

/**
 * A twin property bound to a scene object. `object` is a scene item id (scenes/<template>.json) or
 * "shared:<id>"; a shared object is found by `objectName` if given, else by the text after "shared:",
 * compared with the names in its Enter.
 */
export interface TwinBinding {
  id: string; object: string; twin: string; property: string; visual: BindingVisual;
  /** For "shared:<id>" objects: the shared object's name (its Enter name), when the server says it. */
  objectName?: string;
}

/** A twin as GET /api/twins/{id} answers it (the parts this client uses). */
export interface TwinDoc {
  id: string;
  model: string;
  name: string;
  reported: Record<string, unknown>;
  desired: Record<string, unknown>;
  metadata: Record<string, unknown>;
  /** What the signed-in caller may do with the twin (the server decides; this only shapes the UI). */
  mayWrite: boolean;
  mayCommand: boolean;
}

/** Someone named in an asset answer: an account id, and a display name when the server gives one. */
export interface Party { id: string; name: string }

/** An edition shown in a space (GET /api/spaces/{id}/assets). */
export interface Placement {
  id: string;
  asset: string;
  edition: number;
  /** The scene slot it is in ("wall-1", "pedestal-2", …). */
  slot: string;
  title: string;
  /** The ledger's format name, lower case: png, jpeg, glb, gltf, mp3, wav, ogg, flac. */
  format: string;
  /** Where the file is, on this server (GET /api/assets/{id}/file). */
  fileUrl: string;
  holder: Party;
}

/** One of the caller's editions (GET /api/me/assets). */
export interface MyEdition { asset: string; edition: number; title: string; format: string }

/** An asset's registration (GET /api/assets/{id}); fields the server leaves out are '' or 0. */
export interface AssetInfo {
  id: string;
  title: string;
  format: string;
  creator: Party;
  licence: string;
  /** How many editions the asset has. */
  editions: number;
  contentHash: string;
}

/** One event of an asset's provenance (GET /api/assets/{id}/provenance), in log order. */
export interface ProvenanceEvent {
  kind: string;
  from: Party | null;
  to: Party | null;
  edition: number | null;
  logIndex: number;
  /** Epoch milliseconds; NaN when the server gave no time. */
  at: number;
}

/** GET /api/assets/{id}/proof?logIndex=N: the entry's bytes, its inclusion proof and the checkpoint. */
export interface AssetProofDoc {
  logIndex: number;
  leaf: string;
  inclusion: { index: number; size: number; hashes: string[] };
  checkpoint: string;
  vkey: string;
}

/** GET /api/log/key: the log's identity, its witnesses and how many must cosign. */
export interface LogKeyDoc { origin: string; vkey: string; witnesses: string[]; quorum: number }

/** Text in several languages, keyed by tag ("zh-CN", "en"). */
export type LocalisedText = Record<string, string>;

/** A digital human in a space (GET /api/spaces/{id}/agents), with what its quick buttons offer. */
export interface SpaceAgent {
  id: string;
  /** Its display name: what its avatar is called in the space. */
  name: string;
  userId: string;
  languages: string[];
  persona: { name: LocalisedText; greeting: LocalisedText; appearance: Record<string, unknown> };
  welcome: LocalisedText;
  hotQuestions: { entryId: string; question: LocalisedText }[];
}

export interface Api {
  register(username: string, password: string, displayName?: string): Promise<User>;
  login(username: string, password: string): Promise<Session>;
  guest(displayName?: string): Promise<Session>;
  logout(token: string): Promise<void>;
  me(token: string): Promise<User>;
  listSpaces(token: string, opts?: ListSpacesOptions): Promise<Page<SpaceSummary>>;
  getSpace(token: string, id: string): Promise<SpaceSummary>;
  createSpace(token: string, body: CreateSpaceBody): Promise<SpaceSummary>;
  scene(token: string, id: string): Promise<SceneDoc>;
  /** The twin bindings of a space; bindings this client cannot draw are left out. */
  bindings(token: string, spaceId: string): Promise<TwinBinding[]>;
  twin(token: string, id: string): Promise<TwinDoc>;
  /** A twin model as its canonical WoT Thing Model document. */
  model(token: string, id: string): Promise<Record<string, unknown>>;
  /** The editions shown in a space; placements this client cannot read are left out. */
  placements(token: string, spaceId: string): Promise<Placement[]>;
  /** Shows one of the caller's editions in a slot of their space. */
  place(token: string, spaceId: string, body: { asset: string; edition: number; slot: string }): Promise<void>;
  unplace(token: string, spaceId: string, placementId: string): Promise<void>;
  myEditions(token: string): Promise<MyEdition[]>;
  asset(token: string, id: string): Promise<AssetInfo>;
  /** With an edition: that edition's history only (registration, its mint, its transfers). */
  provenance(token: string, id: string, edition?: number): Promise<ProvenanceEvent[]>;
  assetProof(token: string, id: string, logIndex: number): Promise<AssetProofDoc>;
  logKey(token: string): Promise<LogKeyDoc>;
  /** An asset's file from this server (a path such as /api/assets/{id}/file); refuses other hosts. */
  assetFile(token: string, url: string): Promise<Blob>;
  /** The digital humans of a space; entries this client cannot read are left out. */
  spaceAgents(token: string, spaceId: string): Promise<SpaceAgent[]>;
}

type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

/**
 * Creates the API client. `base` is the server's origin ('' = same origin, the usual case);
 * `fetchImpl` is for tests.
 */
export function createApi(base = '', fetchImpl?: FetchLike): Api {
  const root = base.replace(/\/+$/, '');
  const doFetch: FetchLike = fetchImpl ?? ((input, init) => globalThis.fetch(input, init));

  /** `noBody`: any 2xx is enough (201 or 204 with or without a body). */
  async function call(method: string, path: string, token: string | null, body?: unknown, noBody = false): Promise<unknown> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (token !== null) headers['authorization'] = `Bearer ${token}`;
    const init: RequestInit = { method, headers };
    if (body !== undefined) {
      headers['content-type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    let res: Response;
    try {
      res = await doFetch(root + path, init);
    } catch (e) {
      const why = e instanceof Error ? e.message : String(e);
      throw new ApiError(0, 'network', `Cannot reach the server (${why}).`);
    }
    if (res.status === 204) return undefined;
    const text = await res.text().catch(() => '');
    let json: unknown = undefined;
    if (text !== '') {
      try {
        json = JSON.parse(text);
      } catch {
        json = undefined;
      }
    }
    if (!res.ok) throw errorFrom(res, json);
    if (noBody) return json;
    if (json === undefined) {
      throw new ApiError(res.status, 'response:invalid', `The server answered ${method} ${path} with no JSON body.`);
    }
    return json;
  }

  return {
    async register(username, password, displayName) {
      const body: Record<string, string> = { username, password };
      if (displayName !== undefined && displayName.trim() !== '') body['displayName'] = displayName;
      return parseUser(await call('POST', '/api/auth/register', null, body));
    },
    async login(username, password) {
      return parseSession(await call('POST', '/api/auth/login', null, { username, password }));
    },
    async guest(displayName) {
      const body = displayName !== undefined && displayName.trim() !== '' ? { displayName } : {};
      return parseSession(await call('POST', '/api/auth/guest', null, body));
    },
    async logout(token) {
      await call('POST', '/api/auth/logout', token);
    },
    async me(token) {
      return parseUser(await call('GET', '/api/me', token));
    },
    async listSpaces(token, opts = {}) {
      const params = new URLSearchParams();
      if (opts.q !== undefined && opts.q !== '') params.set('q', opts.q);
      if (opts.page !== undefined) params.set('page', String(opts.page));
      if (opts.size !== undefined) params.set('size', String(opts.size));
      if (opts.mine === true) params.set('mine', 'true');
      const qs = params.toString();
      const json = await call('GET', '/api/spaces' + (qs === '' ? '' : '?' + qs), token);
      const o = obj(json, 'space page');
      const items = o['items'];
      if (!Array.isArray(items)) throw invalid('space page: items is not a list');
      return {
        items: items.map(parseSpace),
        page: num(o, 'page'),
        size: num(o, 'size'),
        total: num(o, 'total'),
      };
    },
    async getSpace(token, id) {
      return parseSpace(await call('GET', `/api/spaces/${encodeURIComponent(id)}`, token));
    },
    async createSpace(token, body) {
      const send: Record<string, unknown> = { name: body.name, template: body.template, visibility: body.visibility };
      if (body.description !== undefined) send['description'] = body.description;
      if (body.capacity !== undefined) send['capacity'] = body.capacity;
      return parseSpace(await call('POST', '/api/spaces', token, send));
    },
    async scene(token, id) {
      const json = await call('GET', `/api/spaces/${encodeURIComponent(id)}/scene`, token);
      const o = obj(json, 'scene');
      if (!Array.isArray(o['items']) || typeof o['floor'] !== 'object' || o['floor'] === null) {
        throw invalid('scene: not a scene document');
      }
      // The scene's inner layout is checked by the scene builder, which has to tolerate unknown items anyway.
      return json as SceneDoc;
    },
    async bindings(token, spaceId) {
      const o = obj(await call('GET', `/api/spaces/${encodeURIComponent(spaceId)}/bindings`, token), 'bindings');
      const items = o['items'];
      if (!Array.isArray(items)) throw invalid('bindings: items is not a list');
      // One odd binding must not hide the others.
      return items.map((b) => { try { return parseBinding(b); } catch { return null; } })
        .filter((b): b is TwinBinding => b !== null);
    },
    async twin(token, id) {
      const o = obj(await call('GET', `/api/twins/${encodeURIComponent(id)}`, token), 'twin');
      const record = (k: string) => (typeof o[k] === 'object' && o[k] !== null && !Array.isArray(o[k]) ? o[k] as Record<string, unknown> : {});
      return { id: str(o, 'id'), model: str(o, 'model', ''), name: str(o, 'name', ''), reported: record('reported'),
        desired: record('desired'), metadata: record('metadata'),
        mayWrite: record('may')['write'] === true, mayCommand: record('may')['command'] === true };
    },
    async placements(token, spaceId) {
      const o = obj(await call('GET', `/api/spaces/${encodeURIComponent(spaceId)}/assets`, token), 'placements');
      const list = o['placements'];
      if (!Array.isArray(list)) throw invalid('placements is not a list');
      return list.map((p) => { try { return parsePlacement(p); } catch { return null; } })
        .filter((p): p is Placement => p !== null);
    },
    async place(token, spaceId, body) {
      await call('POST', `/api/spaces/${encodeURIComponent(spaceId)}/assets`, token,
        { asset: body.asset, edition: body.edition, slot: body.slot }, true);
    },
    async unplace(token, spaceId, placementId) {
      await call('DELETE', `/api/spaces/${encodeURIComponent(spaceId)}/assets/${encodeURIComponent(placementId)}`, token, undefined, true);
    },
    async myEditions(token) {
      const o = obj(await call('GET', '/api/me/assets', token), 'editions');
      const list = o['editions'];
      if (!Array.isArray(list)) throw invalid('editions is not a list');
      return list.map((e) => {
        const eo = obj(e, 'edition');
        return { asset: str(eo, 'asset'), edition: num(eo, 'edition'), title: str(eo, 'title', ''), format: str(eo, 'format', '').toLowerCase() };
      });
    },
    async asset(token, id) {
      const o = obj(await call('GET', `/api/assets/${encodeURIComponent(id)}`, token), 'asset');
      return { id: str(o, 'id', id), title: str(o, 'title', ''), format: str(o, 'format', '').toLowerCase(),
        creator: parseParty(o['creator'], o['creatorName']) ?? { id: '', name: '' },
        licence: str(o, 'licence', str(o, 'license', '')), editions: num(o, 'editions', 0), contentHash: str(o, 'contentHash', '') };
    },
    async provenance(token, id, edition) {
      const query = edition === undefined ? '' : `?edition=${encodeURIComponent(String(edition))}`;
      const o = obj(await call('GET', `/api/assets/${encodeURIComponent(id)}/provenance${query}`, token), 'provenance');
      const list = o['events'];
      if (!Array.isArray(list)) throw invalid('events is not a list');
      return list.map((e) => {
        const eo = obj(e, 'event');
        const at = eo['at'];
        return { kind: str(eo, 'kind'), from: parseParty(eo['from'], eo['fromName']), to: parseParty(eo['to'], eo['toName']),
          edition: typeof eo['edition'] === 'number' ? eo['edition'] : null, logIndex: num(eo, 'logIndex'),
          at: typeof at === 'number' ? at : typeof at === 'string' ? Date.parse(at) : NaN };
      });
    },
    async assetProof(token, id, logIndex) {
      const o = obj(await call('GET', `/api/assets/${encodeURIComponent(id)}/proof?logIndex=${encodeURIComponent(String(logIndex))}`, token), 'proof');
      const inc = obj(o['inclusion'], 'inclusion');
      const hashes = inc['hashes'];
      if (!Array.isArray(hashes) || !hashes.every((x) => typeof x === 'string')) throw invalid('inclusion.hashes is not a list of text');
      return { logIndex: num(o, 'logIndex'), leaf: str(o, 'leaf'), checkpoint: str(o, 'checkpoint'), vkey: str(o, 'vkey'),
        inclusion: { index: num(inc, 'index'), size: num(inc, 'size'), hashes: hashes as string[] } };
    },
    async logKey(token) {
      const o = obj(await call('GET', '/api/log/key', token), 'log key');
      const w = o['witnesses'];
      return { origin: str(o, 'origin'), vkey: str(o, 'vkey'), quorum: num(o, 'quorum', 0),
        witnesses: Array.isArray(w) ? w.filter((x): x is string => typeof x === 'string') : [] };
    },
    async assetFile(token, url) {
      const path = ownPath(url);
      if (path === null) throw new ApiError(0, 'asset:file.foreign', `Not loading ${url}: asset files come only from this server.`);
      let res: Response;
      try {
        res = await doFetch(root + path, { headers: { authorization: `Bearer ${token}` } });
      } catch (e) {
        throw new ApiError(0, 'network', `Cannot reach the server (${e instanceof Error ? e.message : String(e)}).`);
      }
      if (!res.ok) {
        const text = await res.text().catch(() => '');
        let json: unknown;
        try { json = JSON.parse(text); } catch { json = undefined; }
        throw errorFrom(res, json);
      }
      return res.blob();
    },
    async spaceAgents(token, spaceId) {
      const o = obj(await call('GET', `/api/spaces/${encodeURIComponent(spaceId)}/agents`, token), 'agents');
      const items = o['items'];
      if (!Array.isArray(items)) throw invalid('agents: items is not a list');
      return items.map((a) => { try { return parseSpaceAgent(a); } catch { return null; } })
        .filter((a): a is SpaceAgent => a !== null);
    },
    async model(token, id) {
      const o = obj(await call('GET', `/api/models/${encodeURIComponent(id)}`, token), 'model');
      // The summary form ({id, version, …, model: {…}}) wraps the Thing Model; the plain form is the Thing Model.
      const inner = o['model'];
      return typeof inner === 'object' && inner !== null && !Array.isArray(inner) ? inner as Record<string, unknown> : o;
    },
  };
}

const HEX_COLOUR = /^#[0-9a-fA-F]{6}$/;

/**
 * True for a path on the page's own server ("/api/assets/…/file"): not another host ("//x", "http:"),
 * not a backslash trick. Asset files are loaded only from there.
 */
export function isOwnPath(url: string): boolean {
  return /^\/(?![/\\])[^\\\s]*$/.test(url);
}

/** The path of an asset file URL on this server (a path, or an absolute URL of the page's origin), or null. */
export function ownPath(url: string, origin = globalThis.location?.origin): string | null {
  if (isOwnPath(url)) return url;
  if (origin === undefined || !/^https?:\/\//i.test(url)) return null;
  try {
    const u = new URL(url);
    return u.origin === origin && isOwnPath(u.pathname) ? u.pathname + u.search : null;
  } catch {
    return null;
  }
}

/** An account as the server names it: an id, or {id, displayName}; `name` a separate display name field. */
function parseParty(v: unknown, name?: unknown): Party | null {
  const display = typeof name === 'string' ? name : '';
  if (typeof v === 'string' && v !== '') return { id: v, name: display };
  if (typeof v === 'object' && v !== null && !Array.isArray(v)) {
    const o = v as Record<string, unknown>;
    const id = typeof o['id'] === 'string' ? o['id'] : '';
    const n = typeof o['displayName'] === 'string' ? o['displayName'] : typeof o['name'] === 'string' ? o['name'] : display;
    if (id !== '' || n !== '') return { id, name: n };
  }
  return null;
}

/** Text by language: an object of strings (others dropped), or one string meant for every language ("*"). */
function localised(v: unknown): LocalisedText {
  if (typeof v === 'string') return v === '' ? {} : { '*': v };
  const out: LocalisedText = {};
  if (typeof v === 'object' && v !== null && !Array.isArray(v)) {
    for (const [k, t] of Object.entries(v)) if (typeof t === 'string') out[k] = t;
  }
  return out;
}

export function parseSpaceAgent(v: unknown): SpaceAgent {
  const o = obj(v, 'agent');
  const persona = typeof o['persona'] === 'object' && o['persona'] !== null && !Array.isArray(o['persona'])
    ? o['persona'] as Record<string, unknown> : {};
  const appearance = persona['appearance'];
  const hot = Array.isArray(o['hotQuestions']) ? o['hotQuestions'] : [];
  return {
    id: str(o, 'id'),
    name: str(o, 'name'),
    userId: str(o, 'userId', ''),
    languages: Array.isArray(o['languages']) ? o['languages'].filter((l): l is string => typeof l === 'string') : [],
    persona: {
      name: localised(persona['name']),
      greeting: localised(persona['greeting']),
      appearance: typeof appearance === 'object' && appearance !== null && !Array.isArray(appearance) ? appearance as Record<string, unknown> : {},
    },
    welcome: localised(o['welcome']),
    hotQuestions: hot.map((q) => {
      if (typeof q !== 'object' || q === null || Array.isArray(q)) return null;
      const qo = q as Record<string, unknown>;
      const question = localised(qo['question']);
      return Object.keys(question).length === 0 ? null
        : { entryId: typeof qo['entryId'] === 'string' ? qo['entryId'] : '', question };
    }).filter((q): q is { entryId: string; question: LocalisedText } => q !== null),
  };
}

export function parsePlacement(v: unknown): Placement {
  const o = obj(v, 'placement');
  return { id: str(o, 'id'), asset: str(o, 'asset'), edition: num(o, 'edition'), slot: str(o, 'slot'), title: str(o, 'title', ''),
    format: str(o, 'format').toLowerCase(), fileUrl: str(o, 'fileUrl'),
    holder: parseParty(o['holder'], o['holderName']) ?? { id: '', name: '' } };
}

/** One binding, or null when its visual is of a kind (or shape) this client cannot draw. */
export function parseBinding(v: unknown): TwinBinding | null {
  const o = obj(v, 'binding');
  const base = { id: str(o, 'id'), object: str(o, 'object'), twin: str(o, 'twin'), property: str(o, 'property'),
    ...(typeof o['objectName'] === 'string' && o['objectName'] !== '' ? { objectName: o['objectName'] } : {}) };
  const vis = o['visual'];
  if (typeof vis !== 'object' || vis === null || Array.isArray(vis)) return null;
  const w = vis as Record<string, unknown>;
  const finite = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);
  switch (w['kind']) {
    case 'colour':
    case 'color': {
      const stops = Array.isArray(w['stops'])
        ? w['stops'].filter((s): s is ColourStop => typeof s === 'object' && s !== null && finite((s as ColourStop).at)
          && typeof (s as ColourStop).colour === 'string' && HEX_COLOUR.test((s as ColourStop).colour))
          .map((s) => ({ at: s.at, colour: s.colour })).sort((a, b) => a.at - b.at)
        : undefined;
      const rawMap = w['map'];
      const map: Record<string, string> = {};
      if (typeof rawMap === 'object' && rawMap !== null && !Array.isArray(rawMap)) {
        for (const [k, c] of Object.entries(rawMap)) if (typeof c === 'string' && HEX_COLOUR.test(c)) map[k] = c;
      }
      if ((stops === undefined || stops.length === 0) && Object.keys(map).length === 0) return null;
      return { ...base, visual: { kind: 'colour', ...(stops && stops.length > 0 ? { stops } : {}), ...(Object.keys(map).length > 0 ? { map } : {}) } };
    }
    case 'label':
      return { ...base, visual: { kind: 'label',
        ...(typeof w['format'] === 'string' ? { format: w['format'] } : {}),
        ...(finite(w['decimals']) ? { decimals: Math.max(0, Math.min(6, Math.round(w['decimals']))) } : {}),
        ...(typeof w['unit'] === 'string' ? { unit: w['unit'] } : {}) } };
    case 'gauge': {
      const min = finite(w['min']) ? w['min'] : 0;
      const max = finite(w['max']) ? w['max'] : 100;
      return max > min ? { ...base, visual: { kind: 'gauge', min, max } } : null;
    }
    case 'animation': {
      const clip = w['clip'];
      if (clip !== 'spin' && clip !== 'pulse' && clip !== 'bob') return null;
      const when = w['when'];
      return { ...base, visual: { kind: 'animation', clip,
        ...(typeof w['speedFrom'] === 'string' ? { speedFrom: w['speedFrom'] } : {}),
        ...(typeof when === 'string' || typeof when === 'boolean' ? { when } : {}),
        ...(finite(w['speed']) ? { speed: w['speed'] } : {}),
        ...(finite(w['scale']) ? { scale: w['scale'] } : {}) } };
    }
    default:
      return null;
  }
}

function errorFrom(res: Response, json: unknown): ApiError {
  const retryHeader = res.headers.get('retry-after');
  const retry = retryHeader !== null && /^\d+$/.test(retryHeader.trim()) ? Number(retryHeader.trim()) : undefined;
  if (typeof json === 'object' && json !== null) {
    const o = json as Record<string, unknown>;
    const code = typeof o['error'] === 'string' ? o['error'] : `http:${res.status}`;
    const message = typeof o['message'] === 'string' ? o['message'] : `The server answered ${res.status}.`;
    const field = typeof o['field'] === 'string' ? o['field'] : undefined;
    return new ApiError(res.status, code, message, field, retry);
  }
  return new ApiError(res.status, `http:${res.status}`, `The server answered ${res.status} ${res.statusText}`.trim() + '.', undefined, retry);
}

// ---- response parsing: the boundary where untyped JSON becomes typed values ----

function invalid(what: string): ApiError {
  return new ApiError(200, 'response:invalid', `Unexpected answer from the server (${what}).`);
}

function obj(v: unknown, what: string): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw invalid(`${what} is not an object`);
  return v as Record<string, unknown>;
}

function str(o: Record<string, unknown>, key: string, fallback?: string): string {
  const v = o[key];
  if (typeof v === 'string') return v;
  if (fallback !== undefined && (v === undefined || v === null)) return fallback;
  throw invalid(`${key} is not text`);
}

function num(o: Record<string, unknown>, key: string, fallback?: number): number {
  const v = o[key];
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (fallback !== undefined && (v === undefined || v === null)) return fallback;
  throw invalid(`${key} is not a number`);
}

function parseUser(v: unknown): User {
  const o = obj(v, 'user');
  return {
    id: str(o, 'id'),
    username: str(o, 'username'),
    displayName: str(o, 'displayName'),
    role: str(o, 'role'),
    createdAt: str(o, 'createdAt', ''),
  };
}

function parseSession(v: unknown): Session {
  const o = obj(v, 'sign-in');
  return { token: str(o, 'token'), expiresAt: str(o, 'expiresAt'), user: parseUser(o['user']) };
}

function parseBounds(v: unknown): SpaceBounds {
  const o = obj(v, 'bounds');
  return {
    minX: num(o, 'minX'), minY: num(o, 'minY'), minZ: num(o, 'minZ'),
    maxX: num(o, 'maxX'), maxY: num(o, 'maxY'), maxZ: num(o, 'maxZ'),
  };
}

function parseVisibility(v: string): Visibility {
  if (v === 'public' || v === 'unlisted' || v === 'private') return v;
  throw invalid(`visibility "${v}"`);
}

function parseSpace(v: unknown): SpaceSummary {
  const o = obj(v, 'space');
  const ownerObj = obj(o['owner'], 'owner');
  const owner: SpaceOwner = { id: str(ownerObj, 'id'), displayName: str(ownerObj, 'displayName', '') };
  const space: SpaceSummary = {
    id: str(o, 'id'),
    name: str(o, 'name'),
    description: str(o, 'description', ''),
    template: str(o, 'template'),
    visibility: parseVisibility(str(o, 'visibility')),
    capacity: num(o, 'capacity'),
    online: num(o, 'online', 0),
    owner,
    ownerId: owner.id,
    bounds: parseBounds(o['bounds']),
    createdAt: str(o, 'createdAt', ''),
    updatedAt: str(o, 'updatedAt', ''),
    version: num(o, 'version', 1),
  };
  const members = o['members'];
  if (Array.isArray(members)) {
    space.members = members.map((m) => {
      const mo = obj(m, 'member');
      return { id: str(mo, 'id'), username: str(mo, 'username'), displayName: str(mo, 'displayName') };
    });
  }
  return space;
}
