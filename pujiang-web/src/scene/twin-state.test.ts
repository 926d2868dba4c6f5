import { describe, expect, it } from 'vitest';
import { applyTwinPatch, emptyTwinState, isStale, STALE_AFTER_MS, TwinStore } from './twin-state';

describe('twin state', () => {
  it('merges reported, desired and metadata property by property; null removes', () => {
    const s = emptyTwinState('pump-1');
    applyTwinPatch(s, { reported: { t: 70, running: true }, desired: { setpoint: 65 }, metadata: { t: { ts: 1000, source: 'mqtt' } } });
    applyTwinPatch(s, { reported: { t: 72.4, running: null }, metadata: { t: { ts: 2000 } }, extra: 1 });
    expect(s.reported).toEqual({ t: 72.4 });
    expect(s.desired).toEqual({ setpoint: 65 });
    expect(s.metadata).toEqual({ t: { ts: 2000, source: 'mqtt' } });
    expect(s.version).toBe(2);
  });

  it('replaces alerts by id and drops resolved ones', () => {
    const s = emptyTwinState('pump-1');
    applyTwinPatch(s, { alerts: [
      { id: 'a1', rule: 'r1', property: 't', state: 'open', severity: 'critical', message: 'too hot' },
      { id: 'a2', rule: 'r2', property: 'p', state: 'open', severity: 'warning', message: 'low pressure' },
      { rule: 'no id' },
    ] });
    applyTwinPatch(s, { alerts: [{ id: 'a1', state: 'acknowledged', message: 'still too hot' }, { id: 'a2', state: 'resolved' }] });
    expect(s.alerts).toEqual([{ id: 'a1', rule: '', property: '', state: 'acknowledged', severity: '', message: 'still too hot' }]);
    applyTwinPatch(s, { alerts: [{ id: 'a1', state: 'resolved' }, { id: 7, message: 'numeric id' }] });
    expect(s.alerts.map((a) => a.id)).toEqual(['7']);
    expect(s.alerts[0]!.state).toBe('open');
  });

  it('ignores members of the wrong shape', () => {
    const s = emptyTwinState('x');
    applyTwinPatch(s, { reported: [1, 2], metadata: { t: 'soon' }, alerts: { id: 'a' } });
    expect(s).toMatchObject({ reported: {}, metadata: {}, alerts: [] });
  });

  it('calls values stale after a minute without a new timestamp', () => {
    const s = emptyTwinState('x');
    applyTwinPatch(s, { reported: { t: 1 }, metadata: { t: { ts: 10_000, source: 'http' } } });
    expect(isStale(s, 't', 10_000 + STALE_AFTER_MS)).toBe(false);
    expect(isStale(s, 't', 10_001 + STALE_AFTER_MS)).toBe(true);
    expect(isStale(s, 'untimed', 1e12)).toBe(false);
    expect(isStale(undefined, 't', 1e12)).toBe(false);
  });

  it('keeps twins by id, tells listeners, seeds only unknown twins and clears', () => {
    const store = new TwinStore();
    const seen: string[] = [];
    const off = store.onChange((t) => seen.push(t));
    store.apply('a', { reported: { v: 1 } });
    store.seed('a', { v: 99 }, {}, {});
    store.seed('b', { v: 2 }, { v: 3 }, { v: { ts: 5, source: 'http' } });
    off();
    store.apply('a', { reported: { v: 4 } });
    expect(seen).toEqual(['a', 'b']);
    expect(store.get('a')!.reported).toEqual({ v: 4 });
    expect(store.get('b')).toMatchObject({ reported: { v: 2 }, desired: { v: 3 }, metadata: { v: { ts: 5, source: 'http' } } });
    store.clear();
    expect(store.get('a')).toBeUndefined();
  });
});
