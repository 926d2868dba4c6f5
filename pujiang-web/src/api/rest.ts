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
}

type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

/**
 * Creates the API client. `base` is the server's origin ('' = same origin, the usual case);
 * `fetchImpl` is for tests.
 */
export function createApi(base = '', fetchImpl?: FetchLike): Api {
  const root = base.replace(/\/+$/, '');
  const doFetch: FetchLike = fetchImpl ?? ((input, init) => globalThis.fetch(input, init));

  async function call(method: string, path: string, token: string | null, body?: unknown): Promise<unknown> {
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
  };
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
