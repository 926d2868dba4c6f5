import { describe, expect, it } from 'vitest';
import { clampToArea, intentVelocity, resolveWalls, RUN_SPEED, segmentHitsWall, step, walkableArea, WALK_SPEED,
  wallSegments, type World } from './movement';

const open: World = { walls: [], area: { minX: -10, minZ: -10, maxX: 10, maxZ: 10 }, feetY: 0 };

describe('intentVelocity', () => {
  it('walks forward along -Z at yaw 0 and along -X at yaw π/2', () => {
    const v0 = intentVelocity({ forward: 1, right: 0, run: false }, 0);
    expect(v0.x).toBeCloseTo(0);
    expect(v0.z).toBeCloseTo(-1.6);
    const v1 = intentVelocity({ forward: 1, right: 0, run: false }, Math.PI / 2);
    expect(v1.x).toBeCloseTo(-1.6);
    expect(v1.z).toBeCloseTo(0);
  });

  it('strafes right along +X at yaw 0', () => {
    const v = intentVelocity({ forward: 0, right: 1, run: false }, 0);
    expect(v.x).toBeCloseTo(1.6);
    expect(v.z).toBeCloseTo(0);
  });

  it('is not faster on the diagonal, runs at 3.5 m/s and keeps a partial tilt', () => {
    const d = intentVelocity({ forward: 1, right: 1, run: false }, 0);
    expect(Math.hypot(d.x, d.z)).toBeCloseTo(WALK_SPEED);
    const r = intentVelocity({ forward: 1, right: 0, run: true }, 0);
    expect(Math.hypot(r.x, r.z)).toBeCloseTo(RUN_SPEED);
    const half = intentVelocity({ forward: 0.5, right: 0, run: false }, 0);
    expect(half.z).toBeCloseTo(-0.8);
  });
});

describe('walls', () => {
  const wall = wallSegments([{ from: [-5, 0], to: [5, 0], height: 3, thickness: 0.2, color: '#fff' }]);
  const world: World = { ...open, walls: wall };

  it('pushes a circle out of a wall to radius + half thickness', () => {
    const p = resolveWalls({ x: 1, z: 0.2 }, 0.3, wall);
    expect(p.x).toBeCloseTo(1);
    expect(p.z).toBeCloseTo(0.4);
  });

  it('stops walking into a wall from either side', () => {
    let p = { x: 0, z: 2 };
    for (let i = 0; i < 100; i++) p = step(p, { x: 0, z: -1.6 }, 0.05, world);  // 8 m towards the wall
    expect(p.z).toBeCloseTo(0.4);
    let q = { x: 0, z: -2 };
    for (let i = 0; i < 100; i++) q = step(q, { x: 0, z: 1.6 }, 0.05, world);
    expect(q.z).toBeCloseTo(-0.4);
  });

  it('does not tunnel through a thin wall on a long step', () => {
    const p = step({ x: 0, z: 1 }, { x: 0, z: -10 }, 0.1, world);  // 1 m in one frame
    expect(p.z).toBeGreaterThan(0);
  });

  it('slides along a wall when walking at it diagonally', () => {
    let p = { x: 0, z: 0.4 };
    for (let i = 0; i < 20; i++) p = step(p, { x: 1, z: -1 }, 0.05, world);
    expect(p.z).toBeCloseTo(0.4);
    expect(p.x).toBeCloseTo(1);
  });

  it('walks round the end of a wall', () => {
    const p = resolveWalls({ x: 5.2, z: 0 }, 0.3, wall);
    expect(Math.hypot(p.x - 5, p.z)).toBeCloseTo(0.4);
  });

  it('ignores walls above the head (a lintel) and walls of another storey', () => {
    const high = wallSegments([{ from: [-5, 0], to: [5, 0], height: 1, thickness: 0.2, color: '#fff', y: 2.5 }]);
    expect(resolveWalls({ x: 0, z: 0.1 }, 0.3, high)).toEqual({ x: 0, z: 0.1 });
  });

  it('lets walls default to the floor height', () => {
    expect(wallSegments([{ from: [0, 0], to: [1, 0], height: 3, thickness: 0.2, color: '#fff' }], 5)[0]!.bottom).toBe(5);
  });
});

describe('area', () => {
  it('narrows the floor by the server bounds', () => {
    const area = walkableArea({ minX: -20, minZ: -20, maxX: 20, maxZ: 20, y: 0, color: '#ccc' },
      { minX: -10, minY: 0, minZ: -30, maxX: 30, maxY: 5, maxZ: 5 });
    expect(area).toEqual({ minX: -10, minZ: -20, maxX: 20, maxZ: 5 });
  });

  it('keeps the avatar radius inside the edge', () => {
    expect(clampToArea({ x: 12, z: -11 }, open.area, 0.3)).toEqual({ x: 9.7, z: -9.7 });
    const p = step({ x: 9, z: 0 }, { x: 3.5, z: 0 }, 1, open);
    expect(p.x).toBeCloseTo(9.7);
  });
});

describe('segmentHitsWall', () => {
  it('answers the fraction along the line of the first wall crossed', () => {
    const walls = wallSegments([{ from: [-1, 2], to: [1, 2], height: 3, thickness: 0.2, color: '#fff' }]);
    expect(segmentHitsWall({ x: 0, z: 0 }, { x: 0, z: 4 }, walls)).toBeCloseTo(0.5);
    expect(segmentHitsWall({ x: 0, z: 0 }, { x: 0, z: 1 }, walls)).toBe(1);
    expect(segmentHitsWall({ x: 3, z: 0 }, { x: 3, z: 4 }, walls)).toBe(1);
  });
});
