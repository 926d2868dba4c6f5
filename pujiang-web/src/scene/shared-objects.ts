// Shared objects (entities of kind 'object'): one mesh each, its shape and colour from its name
// (a "ball" is a sphere, a "crate" a wooden crate, anything else a coloured cube), and a ring on the
// floor while someone holds it.

import * as THREE from 'three';
import { avatarColour, hashString } from './colours';

export const OBJECT_TAG_HEIGHT = 0.85;
const HELD_BY_ME = 0xffb020;
const HELD_BY_OTHER = 0x39a0ff;

interface ObjectVisual { name: string; group: THREE.Group; body: THREE.Mesh; ring: THREE.Mesh; material: THREE.MeshLambertMaterial }

export class SharedObjects {
  private readonly visuals = new Map<number, ObjectVisual>();
  private readonly shapes: { sphere: THREE.BufferGeometry; cube: THREE.BufferGeometry; crate: THREE.BufferGeometry;
    gem: THREE.BufferGeometry; ring: THREE.BufferGeometry };
  private readonly crateTexture: THREE.CanvasTexture;
  private readonly ringMaterials: { mine: THREE.MeshBasicMaterial; other: THREE.MeshBasicMaterial };

  constructor(private readonly parent: THREE.Object3D) {
    this.shapes = {
      sphere: new THREE.SphereGeometry(0.25, 16, 12).translate(0, 0.25, 0),
      cube: new THREE.BoxGeometry(0.4, 0.4, 0.4).translate(0, 0.2, 0),
      crate: new THREE.BoxGeometry(0.55, 0.55, 0.55).translate(0, 0.275, 0),
      gem: new THREE.IcosahedronGeometry(0.28, 0).translate(0, 0.28, 0),
      ring: new THREE.RingGeometry(0.42, 0.52, 32).rotateX(-Math.PI / 2).translate(0, 0.02, 0),
    };
    this.crateTexture = crateTexture();
    this.ringMaterials = {
      mine: new THREE.MeshBasicMaterial({ color: HELD_BY_ME, transparent: true, opacity: 0.85 }),
      other: new THREE.MeshBasicMaterial({ color: HELD_BY_OTHER, transparent: true, opacity: 0.85 }),
    };
  }

  has(id: number): boolean {
    return this.visuals.has(id);
  }

  ids(): IterableIterator<number> {
    return this.visuals.keys();
  }

  ensure(id: number, name: string): void {
    if (this.visuals.has(id)) return;
    const lower = name.toLowerCase();
    const kind = /ball|sphere|球/.test(lower) ? 'sphere' : /crate|box|箱/.test(lower) ? 'crate'
      : /cube|block|方/.test(lower) ? 'cube' : 'gem';
    const material = kind === 'crate'
      ? new THREE.MeshLambertMaterial({ map: this.crateTexture })
      : new THREE.MeshLambertMaterial({ color: avatarColour(`object:${name}:${hashString(name)}`) });
    const body = new THREE.Mesh(this.shapes[kind], material);
    body.userData.objectId = id;
    const ring = new THREE.Mesh(this.shapes.ring, this.ringMaterials.other);
    ring.visible = false;
    const group = new THREE.Group();
    group.add(body, ring);
    group.name = `object-${id}`;
    this.parent.add(group);
    this.visuals.set(id, { name, group, body, ring, material });
  }

  remove(id: number): void {
    const v = this.visuals.get(id);
    if (!v) return;
    this.parent.remove(v.group);
    v.material.dispose();
    this.visuals.delete(id);
  }

  retainOnly(keep: ReadonlySet<number>): void {
    for (const id of [...this.visuals.keys()]) if (!keep.has(id)) this.remove(id);
  }

  place(id: number, x: number, y: number, z: number, yaw: number, holder: 'none' | 'me' | 'other', timeSec: number): void {
    const v = this.visuals.get(id);
    if (!v) return;
    v.group.position.set(x, y, z);
    v.body.rotation.y = yaw;
    v.ring.visible = holder !== 'none';
    if (holder !== 'none') {
      v.ring.material = holder === 'me' ? this.ringMaterials.mine : this.ringMaterials.other;
      // A held object floats a little and its ring pulses, so everyone sees it is in someone's hands.
      v.body.position.y = 0.12 + Math.sin(timeSec * 4) * 0.03;
      v.ring.scale.setScalar(1 + Math.sin(timeSec * 6) * 0.06);
      v.material.emissive.setHex(holder === 'me' ? 0x3a2500 : 0x0a2040);
    } else {
      v.body.position.y = 0;
      v.material.emissive.setHex(0x000000);
    }
  }

  /** The group drawing the object of this name (the first, if several share it), for twin bindings. */
  byName(name: string): THREE.Object3D | undefined {
    for (const v of this.visuals.values()) if (v.name === name) return v.group;
    return undefined;
  }

  /** Meshes a click can hit; userData.objectId names the entity. */
  pickMeshes(): THREE.Object3D[] {
    return [...this.visuals.values()].map((v) => v.body);
  }

  dispose(): void {
    for (const id of [...this.visuals.keys()]) this.remove(id);
    for (const g of Object.values(this.shapes)) g.dispose();
    this.crateTexture.dispose();
    this.ringMaterials.mine.dispose();
    this.ringMaterials.other.dispose();
  }
}

function crateTexture(): THREE.CanvasTexture {
  const c = document.createElement('canvas');
  c.width = 128;
  c.height = 128;
  const ctx = c.getContext('2d');
  if (ctx) {
    ctx.fillStyle = '#b07a3c';
    ctx.fillRect(0, 0, 128, 128);
    ctx.strokeStyle = '#6e4720';
    ctx.lineWidth = 10;
    ctx.strokeRect(5, 5, 118, 118);
    ctx.lineWidth = 8;
    ctx.beginPath();
    ctx.moveTo(8, 8);
    ctx.lineTo(120, 120);
    ctx.stroke();
    ctx.lineWidth = 2;
    for (let y = 30; y < 128; y += 28) { ctx.beginPath(); ctx.moveTo(10, y); ctx.lineTo(118, y); ctx.stroke(); }
  }
  const t = new THREE.CanvasTexture(c);
  t.colorSpace = THREE.SRGBColorSpace;
  return t;
}
