// Procedural avatars drawn with instancing: every avatar in view shares four InstancedMeshes (body,
// head, arms, legs), so 200 avatars cost four draw calls. Each part is posed per frame
// from the avatar's position, yaw and limb angles (avatar-anim.ts).

import * as THREE from 'three';
import { mergeGeometries } from 'three/examples/jsm/utils/BufferGeometryUtils.js';
import type { LimbPose } from './avatar-anim';
import { InstanceSlots, type SlotMove } from './instance-slots';

/** Heights (metres above the feet) the rest of the view uses too. */
export const AVATAR_HEIGHT = 1.76;
export const EYE_HEIGHT = 1.62;
const HIP_Y = 0.82;
const HIP_X = 0.1;
const SHOULDER_Y = 1.38;
const SHOULDER_X = 0.27;
const HEAD_Y = 1.6;
/** Where the head pivots when it nods or tilts. */
const NECK_Y = 1.47;
const TROUSERS = 0x2f3441;

type Part = 'body' | 'head' | 'arms' | 'legs';
/** Instances per avatar for each part. */
const PER_AVATAR: Record<Part, number> = { body: 1, head: 1, arms: 2, legs: 2 };

export class AvatarCrowd {
  readonly slots = new InstanceSlots();
  private capacity: number;
  private readonly meshes = new Map<Part, THREE.InstancedMesh>();
  private readonly geometries: Record<Part, THREE.BufferGeometry>;
  private readonly materials: Record<Part, THREE.Material>;
  private readonly colourOf = new Map<number, { cloth: THREE.Color; skin: THREE.Color }>();
  // Scratch objects, reused every frame.
  private readonly base = new THREE.Matrix4();
  private readonly upper = new THREE.Matrix4();
  private readonly m = new THREE.Matrix4();
  private readonly t = new THREE.Matrix4();
  private readonly q = new THREE.Quaternion();
  private readonly e = new THREE.Euler();

  constructor(private readonly parent: THREE.Object3D, initialCapacity = 256) {
    this.capacity = initialCapacity;
    this.geometries = {
      body: new THREE.CylinderGeometry(0.17, 0.21, 0.62, 10).translate(0, 0.31, 0),
      head: headGeometry(),
      arms: new THREE.CylinderGeometry(0.05, 0.045, 0.6, 6).translate(0, -0.3, 0),
      legs: new THREE.CylinderGeometry(0.07, 0.06, 0.8, 6).translate(0, -0.4, 0),
    };
    this.materials = {
      body: new THREE.MeshLambertMaterial(),
      head: new THREE.MeshLambertMaterial({ vertexColors: true }),
      arms: new THREE.MeshLambertMaterial(),
      legs: new THREE.MeshLambertMaterial({ color: TROUSERS }),
    };
    this.createMeshes();
  }

  /** The InstancedMeshes a click can hit (body and head). */
  pickMeshes(): THREE.InstancedMesh[] {
    return [this.meshes.get('body')!, this.meshes.get('head')!];
  }

  /** The entity drawn by instance `instanceId` of a pick mesh. */
  idAt(instanceId: number): number | undefined {
    return this.slots.idAt(instanceId);
  }

  get count(): number {
    return this.slots.count;
  }

  /** Makes sure `id` has a slot, coloured with `cloth` and `skin` (0xRRGGBB). */
  ensure(id: number, cloth: number, skin: number): void {
    if (this.slots.has(id)) return;
    const slot = this.slots.acquire(id);
    if (this.slots.count > this.capacity) this.grow();
    const colours = { cloth: new THREE.Color(cloth), skin: new THREE.Color(skin) };
    this.colourOf.set(id, colours);
    this.paint(slot, colours);
  }

  /** Drops every avatar not in `keep`. */
  retainOnly(keep: ReadonlySet<number>): void {
    for (const move of this.slots.retainOnly(keep)) this.moved(move);
    for (const id of [...this.colourOf.keys()]) if (!keep.has(id)) this.colourOf.delete(id);
  }

  remove(id: number): void {
    const move = this.slots.release(id);
    this.colourOf.delete(id);
    if (move) this.moved(move);
  }

  /**
   * Poses avatar `id` (which must have a slot) standing at (x, y, z) facing `yaw`. With `out`, the
   * head's matrix (origin at the head's centre) and the chest's (origin at the hips, leaning with the
   * body) are copied there, for things worn on them (agent-figures.ts).
   */
  pose(id: number, x: number, y: number, z: number, yaw: number, limbs: LimbPose,
    out?: { head: THREE.Matrix4; chest: THREE.Matrix4 }): void {
    const slot = this.slots.slotOf(id);
    if (slot === undefined) return;
    const { base, upper, m, t } = this;
    base.makeRotationY(yaw).setPosition(x, y + limbs.bob, z);
    // Upper body pivots forward at the hips.
    upper.copy(base).multiply(t.makeTranslation(0, HIP_Y, 0)).multiply(m.makeRotationX(-limbs.lean));
    this.set('body', slot, m.copy(upper));
    if (limbs.headPitch === 0 && limbs.headRoll === 0) {
      m.copy(upper).multiply(t.makeTranslation(0, HEAD_Y - HIP_Y, 0));
    } else {
      // Nods and tilts turn the head about the neck, not about its centre.
      this.e.set(-limbs.headPitch, 0, -limbs.headRoll, 'XZY');
      m.copy(upper).multiply(t.makeTranslation(0, NECK_Y - HIP_Y, 0)).multiply(t.makeRotationFromEuler(this.e))
        .multiply(t.makeTranslation(0, HEAD_Y - NECK_Y, 0));
    }
    if (out !== undefined) {
      out.head.copy(m);
      out.chest.copy(upper);
    }
    this.set('head', slot, m);
    this.set('arms', slot * 2, this.limb(upper, -SHOULDER_X, SHOULDER_Y - HIP_Y, limbs.leftArm, -limbs.leftArmOut));
    this.set('arms', slot * 2 + 1, this.limb(upper, SHOULDER_X, SHOULDER_Y - HIP_Y, limbs.rightArm, limbs.rightArmOut));
    this.set('legs', slot * 2, this.limb(base, -HIP_X, HIP_Y, limbs.leftLeg, 0));
    this.set('legs', slot * 2 + 1, this.limb(base, HIP_X, HIP_Y, limbs.rightLeg, 0));
  }

  /** After posing everyone this frame: draw exactly the avatars that have slots. */
  commit(): void {
    for (const [part, mesh] of this.meshes) {
      mesh.count = this.slots.count * PER_AVATAR[part];
      mesh.instanceMatrix.needsUpdate = true;
      mesh.instanceMatrix.clearUpdateRanges();
      mesh.instanceMatrix.addUpdateRange(0, mesh.count * 16);
    }
  }

  /** Bounding spheres for raycasting (they are not kept current every frame). */
  prepareForPicking(): void {
    for (const mesh of this.pickMeshes()) mesh.computeBoundingSphere();
  }

  dispose(): void {
    for (const mesh of this.meshes.values()) { this.parent.remove(mesh); mesh.dispose(); }
    for (const g of Object.values(this.geometries)) g.dispose();
    for (const mat of Object.values(this.materials)) mat.dispose();
  }

  private limb(from: THREE.Matrix4, x: number, y: number, swing: number, out: number): THREE.Matrix4 {
    this.e.set(swing, 0, out, 'ZXY');
    this.q.setFromEuler(this.e);
    return this.m.copy(from).multiply(this.t.makeTranslation(x, y, 0)).multiply(this.t.makeRotationFromQuaternion(this.q));
  }

  private set(part: Part, index: number, matrix: THREE.Matrix4): void {
    this.meshes.get(part)!.setMatrixAt(index, matrix);
  }

  private paint(slot: number, c: { cloth: THREE.Color; skin: THREE.Color }): void {
    this.meshes.get('body')!.setColorAt(slot, c.cloth);
    this.meshes.get('head')!.setColorAt(slot, c.skin);
    this.meshes.get('arms')!.setColorAt(slot * 2, c.cloth);
    this.meshes.get('arms')!.setColorAt(slot * 2 + 1, c.cloth);
    for (const part of ['body', 'head', 'arms'] as const) {
      const colours = this.meshes.get(part)!.instanceColor;
      if (colours) colours.needsUpdate = true;
    }
  }

  private moved(move: SlotMove): void {
    const colours = this.colourOf.get(move.id);
    if (colours) this.paint(move.to, colours);
  }

  private createMeshes(): void {
    for (const part of Object.keys(PER_AVATAR) as Part[]) {
      const mesh = new THREE.InstancedMesh(this.geometries[part], this.materials[part], this.capacity * PER_AVATAR[part]);
      mesh.instanceMatrix.setUsage(THREE.DynamicDrawUsage);
      mesh.count = 0;
      mesh.frustumCulled = false;  // instances roam; the mesh's own bounds are not kept current
      mesh.name = `avatars-${part}`;
      if (part !== 'legs') mesh.setColorAt(0, new THREE.Color(0xffffff));
      this.parent.add(mesh);
      this.meshes.set(part, mesh);
    }
  }

  private grow(): void {
    // Keep the poses already written this frame: the new, larger meshes start from them.
    const oldMatrices = new Map<Part, Float32Array>();
    for (const [part, mesh] of this.meshes) {
      oldMatrices.set(part, mesh.instanceMatrix.array as Float32Array);
      this.parent.remove(mesh);
      mesh.dispose();
    }
    this.meshes.clear();
    this.capacity *= 2;
    this.createMeshes();
    for (const [part, mesh] of this.meshes) mesh.instanceMatrix.array.set(oldMatrices.get(part)!);
    for (const id of this.slots.ids()) {
      const colours = this.colourOf.get(id);
      const slot = this.slots.slotOf(id);
      if (colours && slot !== undefined) this.paint(slot, colours);
    }
  }
}

/** A head with two dark eyes on its front (-Z), coloured by vertex so one instance colour tints the skin. */
function headGeometry(): THREE.BufferGeometry {
  const skull = new THREE.SphereGeometry(0.15, 10, 8);
  const eyeL = new THREE.BoxGeometry(0.035, 0.035, 0.02).translate(-0.055, 0.02, -0.142);
  const eyeR = eyeL.clone().translate(0.11, 0, 0);
  const hair = new THREE.SphereGeometry(0.155, 10, 4, 0, Math.PI * 2, 0, Math.PI * 0.42).translate(0, 0.01, 0.012);
  const paint = (g: THREE.BufferGeometry, grey: number) => {
    const n = g.getAttribute('position').count;
    g.setAttribute('color', new THREE.Float32BufferAttribute(new Array<number>(n * 3).fill(grey), 3));
    return g;
  };
  const parts = [paint(skull, 1), paint(eyeL, 0.08), paint(eyeR, 0.08), paint(hair, 0.25)];
  // All parts are indexed, so the merge stays indexed (shared vertices are shaded once).
  const merged = mergeGeometries(parts, false)!;
  parts.forEach((p) => p.dispose());
  return merged;
}
