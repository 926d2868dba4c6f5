import { describe, expect, it } from 'vitest';
import { deadzone, rotateAbout, SNAP_ANGLE, SnapTurn, stickMove, thumbstick } from './locomotion';

describe('VR locomotion', () => {
  it('removes the stick deadzone and rescales the rest', () => {
    expect(deadzone(0.15)).toBe(0);
    expect(deadzone(0.6)).toBeCloseTo(0.5);
    expect(deadzone(-1)).toBeCloseTo(-1);
  });

  it('reads the thumbstick of an xr-standard pad (axes 2, 3) or a two-axis pad', () => {
    expect(thumbstick([0, 0, 0.5, -0.7])).toEqual({ x: 0.5, y: -0.7 });
    expect(thumbstick([0.1, 0.2])).toEqual({ x: 0.1, y: 0.2 });
  });

  it('walks forward when the left stick is pushed away', () => {
    const m = stickMove(0, -0.6);
    expect(m.forward).toBeCloseTo(0.5);
    expect(m.run).toBe(false);
    expect(stickMove(0, -1).run).toBe(true);
  });

  it('snap-turns once per flick of the right stick', () => {
    const s = new SnapTurn();
    expect(s.update(0.8)).toBeCloseTo(-SNAP_ANGLE);   // right turns right (yaw decreases)
    expect(s.update(0.9)).toBe(0);                    // held: no repeat
    expect(s.update(0.5)).toBe(0);                    // not back to centre yet
    expect(s.update(0.1)).toBe(0);                    // re-armed
    expect(s.update(-0.8)).toBeCloseTo(SNAP_ANGLE);
  });

  it('turns the play area about the head', () => {
    const p = rotateAbout(1, 0, 0, 0, Math.PI / 2);     // +X turned 90° left lands on -Z
    expect(p.x).toBeCloseTo(0);
    expect(p.z).toBeCloseTo(-1);
    const q = rotateAbout(5, 5, 5, 5, 1);
    expect(q).toEqual({ x: 5, z: 5 });
  });
});
