import { describe, expect, it } from 'vitest';
import { parseRoute, routePath, safeNext } from './router';

describe('parseRoute', () => {
  it('knows the app paths', () => {
    expect(parseRoute('/')).toEqual({ name: 'home' });
    expect(parseRoute('')).toEqual({ name: 'home' });
    expect(parseRoute('/login')).toEqual({ name: 'login', next: null });
    expect(parseRoute('/lobby')).toEqual({ name: 'lobby', q: '', page: 1 });
    expect(parseRoute('/lobby/')).toEqual({ name: 'lobby', q: '', page: 1 });
    expect(parseRoute('/s/0196a0e7-3c1d')).toEqual({ name: 'space', spaceId: '0196a0e7-3c1d' });
  });

  it('reads the lobby query and page, ignoring bad pages', () => {
    expect(parseRoute('/lobby?q=%E5%B1%95%E8%A7%88&page=3')).toEqual({ name: 'lobby', q: '展览', page: 3 });
    expect(parseRoute('/lobby?page=0')).toEqual({ name: 'lobby', q: '', page: 1 });
    expect(parseRoute('/lobby?page=abc')).toEqual({ name: 'lobby', q: '', page: 1 });
  });

  it('keeps a safe return address on /login', () => {
    expect(parseRoute('/login?next=%2Fs%2Fabc')).toEqual({ name: 'login', next: '/s/abc' });
    expect(parseRoute('/login?next=https%3A%2F%2Fevil.example')).toEqual({ name: 'login', next: null });
    expect(parseRoute('/login?next=%2F%2Fevil.example')).toEqual({ name: 'login', next: null });
  });

  it('answers notFound for anything else', () => {
    expect(parseRoute('/nope').name).toBe('notFound');
    expect(parseRoute('/s/').name).toBe('notFound');
    expect(parseRoute('/s/a/b').name).toBe('notFound');
    expect(parseRoute('/s/%E0%A4%A').name).toBe('notFound');
  });
});

describe('routePath', () => {
  it('round-trips every route', () => {
    const routes = [
      { name: 'home' },
      { name: 'login', next: null },
      { name: 'login', next: '/s/x y' },
      { name: 'lobby', q: '', page: 1 },
      { name: 'lobby', q: '展览 hall', page: 2 },
      { name: 'space', spaceId: 'a/b c' },
    ] as const;
    for (const r of routes) expect(parseRoute(routePath(r))).toEqual(r);
  });
});

describe('safeNext', () => {
  it('accepts only in-app space or lobby paths', () => {
    expect(safeNext('/s/abc')).toBe('/s/abc');
    expect(safeNext('/lobby?q=x')).toBe('/lobby?q=x');
    expect(safeNext('/login')).toBeNull();
    expect(safeNext('//evil.example/s/x')).toBeNull();
    expect(safeNext('/\\evil')).toBeNull();
    expect(safeNext('')).toBeNull();
    expect(safeNext(null)).toBeNull();
  });
});
