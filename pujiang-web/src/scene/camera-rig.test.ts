import { describe, expect, it } from 'vitest';
import { MAX_BOOM, MIN_BOOM, thirdPersonEye, zoomBoom } from './camera-rig';
import { wallSegments } from './movement';
import { isControlArrow, isTypingTarget, keysIntent, keysTurnRate } from './keys';

describe('third-person camera', () => {
  it('sits behind and above the head when looking down', () => {
    const eye = thirdPersonEye({ x: 0, y: 1.5, z: 0 }, 0, -Math.PI / 6, 4);
    expect(eye.x).toBeCloseTo(0);
    expect(eye.y).toBeCloseTo(3.5);
    expect(eye.z).toBeCloseTo(3.464);
  });

  it('pulls in in front of a wall behind the avatar', () => {
    const walls = wallSegments([{ from: [-5, 2], to: [5, 2], height: 3, thickness: 0.2, color: '#fff' }]);
    const eye = thirdPersonEye({ x: 0, y: 1.5, z: 0 }, 0, 0, 4, walls);
    expect(eye.z).toBeCloseTo(1.8);
  });

  it('zooms by the wheel within limits', () => {
    expect(zoomBoom(4, 100)).toBeCloseTo(4 * Math.exp(0.15));
    expect(zoomBoom(4, -10_000)).toBe(MIN_BOOM);
    expect(zoomBoom(4, 10_000)).toBe(MAX_BOOM);
  });
});

describe('keys', () => {
  it('maps WASD and arrows to an intent, Shift runs, Q/E turn', () => {
    expect(keysIntent(new Set(['KeyW', 'KeyD', 'ShiftLeft']))).toEqual({ forward: 1, right: 1, run: true });
    expect(keysIntent(new Set(['ArrowDown', 'ArrowLeft']))).toEqual({ forward: -1, right: -1, run: false });
    expect(keysIntent(new Set(['KeyW', 'KeyS']))).toEqual({ forward: 0, right: 0, run: false });
    expect(keysTurnRate(new Set(['KeyQ']))).toBe(2);
  });

  it('leaves text fields alone', () => {
    expect(isTypingTarget({ tagName: 'INPUT' } as unknown as EventTarget)).toBe(true);
    expect(isTypingTarget({ tagName: 'DIV', isContentEditable: true } as unknown as EventTarget)).toBe(true);
    expect(isTypingTarget({ tagName: 'CANVAS', isContentEditable: false } as unknown as EventTarget)).toBe(false);
    expect(isTypingTarget(null)).toBe(false);
  });
});

describe('render quality', async () => {
  const { chooseQuality, isSoftwareRenderer } = await import('./render-quality');
  it('turns multisampling off and uses 1× pixels on software GL, caps hardware at 2×', () => {
    expect(isSoftwareRenderer('ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero)), SwiftShader driver)')).toBe(true);
    expect(chooseQuality(2, 'Google SwiftShader')).toEqual({ software: true, antialias: false, pixelRatio: 1 });
    expect(chooseQuality(3, 'ANGLE (NVIDIA GeForce RTX 3060)')).toEqual({ software: false, antialias: false, pixelRatio: 2 });
    expect(chooseQuality(1, 'Apple M2')).toEqual({ software: false, antialias: true, pixelRatio: 1 });
  });
});

describe('arrow keys on controls', () => {
  const button = { tagName: 'BUTTON', getAttribute: () => null } as unknown as EventTarget;
  const tab = { tagName: 'DIV', getAttribute: (n: string) => (n === 'role' ? 'tab' : null) } as unknown as EventTarget;
  const canvas = { tagName: 'CANVAS', getAttribute: () => null } as unknown as EventTarget;
  it('leaves arrows to buttons and tabs but lets letters walk', () => {
    expect(isControlArrow(button, 'ArrowLeft')).toBe(true);
    expect(isControlArrow(tab, 'ArrowRight')).toBe(true);
    expect(isControlArrow(button, 'KeyW')).toBe(false);
    expect(isControlArrow(canvas, 'ArrowUp')).toBe(false);
    expect(isControlArrow(null, 'ArrowUp')).toBe(false);
  });
});
