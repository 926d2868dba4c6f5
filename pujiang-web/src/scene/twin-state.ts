// The latest known state of each twin bound in the space, built from TwinUpdate patches
// (docs/protocol.md, "Live twins"). Pure data: no Three.js, no DOM. Owned by the page; the 3D view reads
// it every frame, so reads are cheap and each twin carries a version that changes with every patch.

/** One alert as TwinUpdate carries it. Only `id` is required; the rest is shown when present. */
export interface TwinAlert {
  id: string;
  rule: string;
  property: string;
  state: string;          // 'open', 'acknowledged', … ('resolved' ones are dropped)
  severity: string;
  message: string;
}

/** When a property was last measured, and by whom (metadata.<p>). */
export interface PropertyMeta { ts: number; source: string }

export interface TwinState {
  readonly twin: string;
  reported: Record<string, unknown>;
  desired: Record<string, unknown>;
  metadata: Record<string, PropertyMeta>;
  /** Open alerts, in arrival order. */
  alerts: TwinAlert[];
  /** Bumped by every patch: a cheap "did anything change" for per-frame readers. */
  version: number;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function text(v: unknown): string {
  return typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v);
}

/** Merges `from` into `into` key by key: a value replaces, null removes. */
function mergeValues(into: Record<string, unknown>, from: unknown): void {
  if (!isRecord(from)) return;
  for (const [k, v] of Object.entries(from)) {
    if (v === null) delete into[k];
    else into[k] = v;
  }
}

function mergeMetadata(into: Record<string, PropertyMeta>, from: unknown): void {
  if (!isRecord(from)) return;
  for (const [k, v] of Object.entries(from)) {
    if (v === null) { delete into[k]; continue; }
    if (!isRecord(v)) continue;
    const old = into[k];
    const ts = typeof v['ts'] === 'number' && Number.isFinite(v['ts']) ? v['ts'] : old?.ts ?? 0;
    const source = typeof v['source'] === 'string' ? v['source'] : old?.source ?? '';
    into[k] = { ts, source };
  }
}

/** Each entry replaces the alert of its id; a resolved one removes it. Entries without an id are ignored. */
function mergeAlerts(alerts: TwinAlert[], from: unknown): TwinAlert[] {
  if (!Array.isArray(from)) return alerts;
  const out = alerts.slice();
  for (const a of from) {
    if (!isRecord(a) || (typeof a['id'] !== 'string' && typeof a['id'] !== 'number')) continue;
    const id = String(a['id']);
    const i = out.findIndex((x) => x.id === id);
    const state = text(a['state']) || 'open';
    if (state === 'resolved' || state === 'closed') {
      if (i >= 0) out.splice(i, 1);
      continue;
    }
    const alert: TwinAlert = { id, rule: text(a['rule']), property: text(a['property']), state,
      severity: text(a['severity']), message: text(a['message']) };
    if (i >= 0) out[i] = alert;
    else out.push(alert);
  }
  return out;
}

/** A new, empty state for a twin. */
export function emptyTwinState(twin: string): TwinState {
  return { twin, reported: {}, desired: {}, metadata: {}, alerts: [], version: 0 };
}

/** Applies one TwinUpdate patch to `state` (in place) and bumps its version. Unknown members are ignored. */
export function applyTwinPatch(state: TwinState, patch: Record<string, unknown>): TwinState {
  mergeValues(state.reported, patch['reported']);
  mergeValues(state.desired, patch['desired']);
  mergeMetadata(state.metadata, patch['metadata']);
  state.alerts = mergeAlerts(state.alerts, patch['alerts']);
  state.version++;
  return state;
}

/** Whether the value of `property` was measured more than `maxAgeMs` before `nowMs` (or never). */
export function isStale(state: TwinState | undefined, property: string, nowMs: number, maxAgeMs = STALE_AFTER_MS): boolean {
  const ts = state?.metadata[property]?.ts;
  if (ts === undefined || ts <= 0) return false; // no timestamp: nothing says it is old
  return nowMs - ts > maxAgeMs;
}

/** A value older than this is shown greyed out. */
export const STALE_AFTER_MS = 60_000;

/** The twins of a space, keyed by id. Cleared on every Joined: the server then sends full states again. */
export class TwinStore {
  private readonly twins = new Map<string, TwinState>();
  private listeners = new Set<(twin: string) => void>();

  get(twin: string): TwinState | undefined {
    return this.twins.get(twin);
  }

  apply(twin: string, patch: Record<string, unknown>): void {
    let s = this.twins.get(twin);
    if (s === undefined) this.twins.set(twin, (s = emptyTwinState(twin)));
    applyTwinPatch(s, patch);
    for (const fn of this.listeners) fn(twin);
  }

  /** Seeds a twin from REST (GET /api/twins/{id}) when no TwinUpdate has come yet. */
  seed(twin: string, reported: Record<string, unknown>, desired: Record<string, unknown>, metadata: Record<string, unknown>): void {
    if (this.twins.has(twin)) return;
    this.apply(twin, { reported, desired, metadata });
  }

  clear(): void {
    this.twins.clear();
  }

  /** Calls `fn` after every patch; answers an unsubscribe function. */
  onChange(fn: (twin: string) => void): () => void {
    this.listeners.add(fn);
    return () => { this.listeners.delete(fn); };
  }
}
