import { describe, expect, it } from 'vitest';
import { startClickMove, steer } from './click-move';
import { step, wallSegments, type World } from './movement';

const open: World = { walls: [], area: { minX: -50, minZ: -50, maxX: 50, maxZ: 50 }, feetY: 0 };

describe('click to move', () => {
  it('walks at 1.6 m/s towards the target and arrives within 10 cm', () => {
    let p = { x: 0, z: 0 };
    const m = startClickMove({ x: 3, z: -4 }, p);
    const first = steer(m, p, 0.05)!;
    expect(first.x).toBeCloseTo(0.96);
    expect(first.z).toBeCloseTo(-1.28);
    let frames = 0;
    for (let v = first; v; v = steer(m, p, 0.05)!) {
      p = step(p, v, 0.05, open);
      if (++frames > 400) break;
    }
    expect(Math.hypot(p.x - 3, p.z + 4)).toBeLessThanOrEqual(0.1);
    // 5 m at 1.6 m/s is 3.1 s; the slow-down near the end adds a little.
    expect(frames * 0.05).toBeGreaterThan(3);
    expect(frames * 0.05).toBeLessThan(4);
  });

  it('gives up when a wall is in the way', () => {
    const world: World = { ...open, walls: wallSegments([{ from: [-10, -2], to: [10, -2], height: 3, thickness: 0.2, color: '#fff' }]) };
    let p = { x: 0, z: 0 };
    const m = startClickMove({ x: 0, z: -5 }, p);
    let frames = 0;
    for (let v = steer(m, p, 0.05); v; v = steer(m, p, 0.05)) {
      p = step(p, v, 0.05, world);
      if (++frames > 400) break;
    }
    expect(frames).toBeLessThan(60);      // stopped, not stuck pushing forever
    expect(p.z).toBeCloseTo(-1.6);        // against the wall: 2 − 0.3 − 0.1
  });

  it('is over at once when clicking where we stand', () => {
    const m = startClickMove({ x: 1, z: 1 }, { x: 1.05, z: 1 });
    expect(steer(m, { x: 1.05, z: 1 }, 0.016)).toBeNull();
  });
});
