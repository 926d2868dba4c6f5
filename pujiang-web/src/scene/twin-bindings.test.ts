import * as THREE from 'three';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TwinBinding } from '../api/rest';
import { TwinVisuals } from './twin-bindings';
import { TwinStore } from './twin-state';

// A canvas whose 2D context records the text drawn on it (Node has no canvas).
class FakeCanvas {
  width = 0;
  height = 0;
  readonly texts: string[] = [];
  getContext(): unknown {
    const texts = this.texts;
    return new Proxy({}, {
      get: (_t, name) => (name === 'fillText' ? (s: string) => texts.push(s) : name === 'clearRect' ? () => { texts.length = 0; } : () => undefined),
      set: () => true,
    });
  }
}

beforeEach(() => {
  vi.stubGlobal('document', { createElement: () => new FakeCanvas() });
});

afterEach(() => {
  vi.unstubAllGlobals();
});

function bind(id: string, object: string, property: string, visual: TwinBinding['visual'], twin = 'pump-1'): TwinBinding {
  return { id, object, twin, property, visual };
}

function setUp(bindings: TwinBinding[]) {
  const scene = new THREE.Scene();
  const shared = new THREE.MeshLambertMaterial({ color: 0x808080 });
  const press = new THREE.Mesh(new THREE.BoxGeometry(1, 2, 1), shared);
  press.position.set(5, 1, 0);
  const neighbour = new THREE.Mesh(new THREE.BoxGeometry(1, 1, 1), shared);
  scene.add(press, neighbour);
  const store = new TwinStore();
  const visuals = new TwinVisuals(scene, store, {
    sceneObject: (id) => (id === 'press' ? press : undefined),
    sharedObject: () => undefined,
  }, (_twin, property) => (property === 't' ? 'celsius' : ''));
  visuals.setBindings(bindings);
  return { scene, press, neighbour, shared, store, visuals };
}

function sprites(scene: THREE.Scene): THREE.Sprite[] {
  return scene.children.filter((c): c is THREE.Sprite => c instanceof THREE.Sprite);
}

function textsOf(s: THREE.Sprite): string[] {
  return ((s.material.map as THREE.CanvasTexture).image as unknown as FakeCanvas).texts;
}

describe('TwinVisuals', () => {
  it('tints a copy of the bound object\'s material along the gradient, and puts it back', () => {
    const { press, neighbour, shared, store, visuals } = setUp([
      bind('c', 'press', 't', { kind: 'colour', stops: [{ at: 0, colour: '#0000ff' }, { at: 100, colour: '#ff0000' }] }),
    ]);
    store.apply('pump-1', { reported: { t: 100 } });
    visuals.update(0, 0, 0);
    expect(press.material).not.toBe(shared);
    expect((press.material as THREE.MeshLambertMaterial).color.getHex()).toBe(0xff0000);
    expect(neighbour.material).toBe(shared);
    expect(shared.color.getHex()).toBe(0x808080);
    store.apply('pump-1', { reported: { t: null } });
    visuals.update(1, 0, 0);
    expect(press.material).toBe(shared);
    visuals.dispose();
  });

  it('labels with value and unit above the object, greys stale values and shows alerts with a ring', () => {
    const { scene, store, visuals } = setUp([bind('l', 'press', 't', { kind: 'label' })]);
    expect(TwinVisuals.sceneIds([bind('l', 'press', 't', { kind: 'label' }), bind('x', 'shared:ball', 't', { kind: 'label' })]))
      .toEqual(new Set(['press']));
    store.apply('pump-1', { reported: { t: 72.4 }, metadata: { t: { ts: 1000, source: 'mqtt' } } });
    visuals.update(1000, 0, 0);
    const [label] = sprites(scene);
    expect(textsOf(label!)).toEqual(['72.4 °C']);
    expect(label!.position.y).toBeGreaterThan(2); // above the 2 m box standing at y 0..2
    expect(scene.children.some((c) => c instanceof THREE.Mesh && c.geometry instanceof THREE.RingGeometry)).toBe(false);

    store.apply('pump-1', { alerts: [{ id: 'a1', state: 'open', message: 'too hot' }] });
    visuals.update(2000, 0, 0);
    expect(textsOf(sprites(scene)[0]!)).toEqual(['72.4 °C', '⚠ too hot']);
    expect(scene.children.some((c) => c instanceof THREE.Mesh && c.geometry instanceof THREE.RingGeometry)).toBe(true);

    store.apply('pump-1', { alerts: [{ id: 'a1', state: 'resolved' }] });
    visuals.update(3000, 0, 0);
    expect(textsOf(sprites(scene)[0]!)).toEqual(['72.4 °C']);
    expect(scene.children.some((c) => c instanceof THREE.Mesh && c.geometry instanceof THREE.RingGeometry)).toBe(false);
    visuals.dispose();
    expect(sprites(scene)).toEqual([]);
  });

  it('draws a gauge, spins and bobs while on, and tells which twin a picked mesh belongs to', () => {
    const { scene, press, store, visuals } = setUp([
      bind('g', 'press', 't', { kind: 'gauge', min: 0, max: 200 }),
      bind('s', 'press', 'rpm', { kind: 'animation', clip: 'spin', speedFrom: 'rpm' }),
      bind('b', 'press', 'running', { kind: 'animation', clip: 'bob', speed: 0.25 }),
    ]);
    store.apply('pump-1', { reported: { t: 50, rpm: 2, running: true } });
    visuals.update(0, 1, 0.5);
    expect(sprites(scene)).toHaveLength(1);
    expect(press.rotation.y).toBeCloseTo(1);
    expect(press.position.y).toBeCloseTo(1 + 0.12); // sin(2π · 0.25 · 1) = 1
    store.apply('pump-1', { reported: { running: false, rpm: 0 } });
    visuals.update(100, 2, 0.5);
    expect(press.rotation.y).toBeCloseTo(1);
    expect(press.position.y).toBeCloseTo(1);
    expect(visuals.refAt(press)).toBe('press');
    expect(visuals.twinsOf('press')).toEqual(['pump-1']);
    expect(visuals.refAt(new THREE.Object3D())).toBeNull();
    visuals.dispose();
    expect(press.userData.twinRef).toBeUndefined();
  });
});
