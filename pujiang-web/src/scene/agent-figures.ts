// What makes a digital human (an entity of kind 'agent') look like staff rather than a visitor: a
// uniform cap with a gold band, a gold badge on the chest, and a mouth that moves as it speaks. The
// avatar itself is drawn by AvatarCrowd in a uniform colour; these parts are worn on its head and
// chest. Three InstancedMeshes hold every agent in view, rewritten each frame (agents are few).
// Owned by the space view; main thread only.

import * as THREE from 'three';
import { mergeGeometries } from 'three/examples/jsm/utils/BufferGeometryUtils.js';
import type { Expression } from '../agent/agent-logic';

type Part = 'cap' | 'badge' | 'mouth';

const NAVY = 0x1b2f52;
const GOLD = 0xd4a21c;

export class AgentFigures {
  private capacity: number;
  private count = 0;
  private readonly meshes = new Map<Part, THREE.InstancedMesh>();
  private readonly geometries: Record<Part, THREE.BufferGeometry>;
  private readonly materials: Record<Part, THREE.Material>;
  private readonly m = new THREE.Matrix4();
  private readonly s = new THREE.Matrix4();

  constructor(private readonly parent: THREE.Object3D, initialCapacity = 8) {
    this.capacity = initialCapacity;
    this.geometries = {
      cap: capGeometry(),
      // On the left of the chest (the avatar faces -Z; its left is -X), 0.45 m above the hips.
      badge: new THREE.BoxGeometry(0.07, 0.045, 0.012).translate(-0.09, 0.45, -0.19),
      // Under the eyes on the face (the head's origin is its centre; radius 0.15).
      mouth: new THREE.BoxGeometry(0.055, 0.012, 0.012),
    };
    this.materials = {
      cap: new THREE.MeshLambertMaterial({ vertexColors: true }),
      badge: new THREE.MeshLambertMaterial({ color: GOLD, emissive: 0x3a2a00 }),
      mouth: new THREE.MeshBasicMaterial({ color: 0x5b2323 }),
    };
    this.createMeshes();
  }

  /** Starts a frame: the agents added until commit() are the ones drawn. */
  begin(): void {
    this.count = 0;
  }

  /**
   * Dresses one agent posed this frame: `head` and `chest` as AvatarCrowd.pose gave them, `mouth`
   * how open (0 … 1), `expression` the shape of the mouth.
   */
  add(head: THREE.Matrix4, chest: THREE.Matrix4, mouth: number, expression: Expression): void {
    if (this.count >= this.capacity) this.grow();
    const i = this.count++;
    this.meshes.get('cap')!.setMatrixAt(i, head);
    this.meshes.get('badge')!.setMatrixAt(i, chest);
    const open = Math.max(0, Math.min(1, mouth));
    const wide = expression === 'smile' ? 1.35 : expression === 'concerned' ? 0.75 : 1;
    // The mouth sits 6 cm below the head's centre, on its front, and opens downwards.
    this.s.makeScale(wide * (1 - open * 0.25), 1 + open * 2.6, 1).setPosition(0, -0.062 - open * 0.012, -0.141);
    this.meshes.get('mouth')!.setMatrixAt(i, this.m.copy(head).multiply(this.s));
  }

  commit(): void {
    for (const mesh of this.meshes.values()) {
      mesh.count = this.count;
      mesh.visible = this.count > 0;
      mesh.instanceMatrix.needsUpdate = true;
    }
  }

  get drawn(): number {
    return this.count;
  }

  dispose(): void {
    for (const mesh of this.meshes.values()) { this.parent.remove(mesh); mesh.dispose(); }
    for (const g of Object.values(this.geometries)) g.dispose();
    for (const mat of Object.values(this.materials)) mat.dispose();
  }

  private createMeshes(): void {
    for (const part of ['cap', 'badge', 'mouth'] as const) {
      const mesh = new THREE.InstancedMesh(this.geometries[part], this.materials[part], this.capacity);
      mesh.instanceMatrix.setUsage(THREE.DynamicDrawUsage);
      mesh.count = 0;
      mesh.visible = false;
      mesh.frustumCulled = false;  // instances roam; the mesh's own bounds are not kept current
      mesh.name = `agents-${part}`;
      this.parent.add(mesh);
      this.meshes.set(part, mesh);
    }
  }

  private grow(): void {
    const old = new Map<Part, Float32Array>();
    for (const [part, mesh] of this.meshes) {
      old.set(part, mesh.instanceMatrix.array as Float32Array);
      this.parent.remove(mesh);
      mesh.dispose();
    }
    this.meshes.clear();
    this.capacity *= 2;
    this.createMeshes();
    // Keep the agents already dressed this frame.
    for (const [part, mesh] of this.meshes) mesh.instanceMatrix.array.set(old.get(part)!);
  }
}

/** A peaked cap: navy crown and peak with a gold band, coloured by vertex; origin at the head's centre. */
function capGeometry(): THREE.BufferGeometry {
  const crown = new THREE.CylinderGeometry(0.15, 0.163, 0.1, 14).translate(0, 0.12, 0.004);
  const band = new THREE.CylinderGeometry(0.165, 0.165, 0.024, 14).translate(0, 0.082, 0.004);
  const peak = new THREE.BoxGeometry(0.2, 0.012, 0.1).translate(0, 0.072, -0.16);
  const paint = (g: THREE.BufferGeometry, hex: number) => {
    const c = new THREE.Color(hex);
    const n = g.getAttribute('position').count;
    const colours = new Float32Array(n * 3);
    for (let i = 0; i < n; i++) colours.set([c.r, c.g, c.b], i * 3);
    g.setAttribute('color', new THREE.BufferAttribute(colours, 3));
    return g;
  };
  const parts = [paint(crown, NAVY), paint(band, GOLD), paint(peak, 0x111a2c)];
  const merged = mergeGeometries(parts, false)!;
  parts.forEach((p) => p.dispose());
  return merged;
}
