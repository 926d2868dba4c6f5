// Live twin visuals in the 3D view: for each scene or shared object bound to twin properties
// (GET /api/spaces/{id}/bindings), a tint of its material (colour), a floating text label with value and
// unit (label), a bar (gauge), a spin/pulse/bob (animation), and a pulsing red ring plus the alert's
// message while one of its twins has an open alert. Stale values (older than a minute) are greyed.
//
// Per frame, update() only moves anchors and runs animations; labels, gauges and tints are redrawn when
// a twin's state version changes or a value turns stale. Materials are cloned before tinting, so objects
// that shared a material with the bound one keep their colour. Owned by the space view's frame loop.

import * as THREE from 'three';
import type { BindingVisual, TwinBinding } from '../api/rest';
import { font } from './canvas-text';
import { animationParams, colourFor, formatLabel, gaugeFraction, parseObjectRef, unitSymbol, type ObjectRef } from './twin-format';
import { isStale, type TwinStore } from './twin-state';

/** Finds the objects bindings name; either may answer undefined until the object exists (models load late). */
export interface TwinObjectLookup {
  sceneObject(id: string): THREE.Object3D | undefined;
  sharedObject(name: string): THREE.Object3D | undefined;
}

/** The unit of a twin property from its model (a name such as "celsius"); '' when unknown. */
export type UnitLookup = (twin: string, property: string) => string;

const LABEL_W = 512;
const LABEL_LINE_H = 56;
const LABEL_WIDTH_M = 1.8;
const GAUGE_W = 256;
const GAUGE_H = 40;
const GAUGE_WIDTH_M = 1.2;
const ABOVE_M = 0.35;
const ALERT_COLOUR = 0xe5343a;
/** Stale checks need not run every frame. */
const STALE_CHECK_MS = 1000;

type Anim = Extract<BindingVisual, { kind: 'animation' }>;

interface CanvasSprite { sprite: THREE.Sprite; canvas: HTMLCanvasElement; texture: THREE.CanvasTexture; key: string }

/** `owned`: the materials are the object's own (no copies made); their colour is put back instead. */
interface Tint { mesh: THREE.Mesh; original: THREE.Material | THREE.Material[]; copies: THREE.Material[]; owned: boolean }

interface Decor {
  ref: string;
  where: ObjectRef;
  bindings: TwinBinding[];
  twins: string[];
  target: THREE.Object3D | null;
  top: number;           // metres from the target's origin to its top
  bottom: number;
  radius: number;
  label: CanvasSprite | null;
  gauges: Map<string, CanvasSprite>;
  ring: THREE.Mesh | null;
  tints: Tint[] | null;
  tinted: boolean;
  versions: string;      // twin versions + stale flags the visuals were drawn for
  alertOpen: boolean;
  // what animations added, so they can be taken back
  bobOffset: number;
  pulseScale: number;
}

function makeCanvasSprite(width: number, height: number): CanvasSprite {
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const texture = new THREE.CanvasTexture(canvas);
  texture.colorSpace = THREE.SRGBColorSpace;
  const material = new THREE.SpriteMaterial({ map: texture, transparent: true, depthWrite: false });
  const sprite = new THREE.Sprite(material);
  sprite.renderOrder = 2;
  return { sprite, canvas, texture, key: '' };
}

function disposeCanvasSprite(c: CanvasSprite): void {
  c.sprite.removeFromParent();
  c.texture.dispose();
  c.sprite.material.dispose();
}

function roundRect(ctx: CanvasRenderingContext2D, x: number, y: number, w: number, h: number, r: number): void {
  ctx.beginPath();
  ctx.moveTo(x + r, y);
  ctx.arcTo(x + w, y, x + w, y + h, r);
  ctx.arcTo(x + w, y + h, x, y + h, r);
  ctx.arcTo(x, y + h, x, y, r);
  ctx.arcTo(x, y, x + w, y, r);
  ctx.closePath();
}

export class TwinVisuals {
  private readonly decors = new Map<string, Decor>();
  private readonly ringGeometry = new THREE.RingGeometry(0.9, 1, 40).rotateX(-Math.PI / 2);
  private readonly ringMaterial = new THREE.MeshBasicMaterial({ color: ALERT_COLOUR, transparent: true, opacity: 0.8, side: THREE.DoubleSide, depthWrite: false });
  private readonly tmp = new THREE.Vector3();
  private readonly box = new THREE.Box3();
  private lastStaleCheck = -Infinity;
  private staleTick = 0;

  constructor(private readonly parent: THREE.Object3D, private readonly store: TwinStore,
    private readonly lookup: TwinObjectLookup, private readonly unitOf: UnitLookup) {}

  /** Scene item ids that bindings name: the scene builder must keep these as objects of their own. */
  static sceneIds(bindings: readonly TwinBinding[]): Set<string> {
    const ids = new Set<string>();
    for (const b of bindings) {
      const r = parseObjectRef(b.object);
      if (r.kind === 'scene') ids.add(r.id);
    }
    return ids;
  }

  setBindings(bindings: readonly TwinBinding[]): void {
    for (const d of this.decors.values()) this.release(d);
    this.decors.clear();
    for (const b of bindings) {
      let d = this.decors.get(b.object);
      if (d === undefined) {
        const parsed = parseObjectRef(b.object);
        const where: ObjectRef = parsed.kind === 'shared' && b.objectName !== undefined ? { kind: 'shared', name: b.objectName } : parsed;
        d = { ref: b.object, where, bindings: [], twins: [], target: null, top: 1, bottom: 0, radius: 0.5,
          label: null, gauges: new Map(), ring: null, tints: null, tinted: false, versions: '', alertOpen: false, bobOffset: 0, pulseScale: 1 };
        this.decors.set(b.object, d);
      }
      d.bindings.push(b);
      if (!d.twins.includes(b.twin)) d.twins.push(b.twin);
    }
  }

  /** The binding object (`TwinBinding.object`) a picked mesh belongs to, or null. */
  refAt(object: THREE.Object3D | null): string | null {
    for (let o = object; o !== null; o = o.parent) {
      const ref = o.userData.twinRef;
      if (typeof ref === 'string' && this.decors.has(ref)) return ref;
    }
    return null;
  }

  /** The twins bound to a binding object, in binding order. */
  twinsOf(ref: string): string[] {
    return this.decors.get(ref)?.twins.slice() ?? [];
  }

  /**
   * One frame. `serverNowMs` is the server clock (for staleness), `tSec` a monotonic time and `dt`
   * the frame's seconds (for animations). Cheap when nothing changed.
   */
  update(serverNowMs: number, tSec: number, dt: number): void {
    if (serverNowMs - this.lastStaleCheck >= STALE_CHECK_MS) {
      this.lastStaleCheck = serverNowMs;
      this.staleTick++;
    }
    for (const d of this.decors.values()) {
      if (!this.resolve(d)) continue;
      const key = this.versionKey(d, serverNowMs);
      if (key !== d.versions) {
        d.versions = key;
        this.redraw(d, serverNowMs);
      }
      this.place(d, tSec);
      this.animate(d, tSec, dt);
    }
  }

  /** Finds (or re-finds, for shared objects that left view and came back) the bound object. */
  private resolve(d: Decor): boolean {
    if (d.target !== null && (d.where.kind === 'scene' || d.target.parent !== null)) return true;
    if (d.target !== null) this.forgetTarget(d);
    const o = d.where.kind === 'scene' ? this.lookup.sceneObject(d.where.id) : this.lookup.sharedObject(d.where.name);
    if (o === undefined) return false;
    d.target = o;
    o.userData.twinRef = d.ref;
    o.updateWorldMatrix(true, true);
    this.box.setFromObject(o);
    o.getWorldPosition(this.tmp);
    if (!this.box.isEmpty()) {
      d.top = this.box.max.y - this.tmp.y;
      d.bottom = this.box.min.y - this.tmp.y;
      d.radius = Math.max(0.3, Math.hypot(this.box.max.x - this.box.min.x, this.box.max.z - this.box.min.z) / 2);
    }
    d.versions = ''; // draw afresh on the new object
    d.tints = null;
    d.tinted = false;
    d.bobOffset = 0;
    d.pulseScale = 1;
    return true;
  }

  /** Only the stale check's tick enters the key, so staleness is re-evaluated once a second, not every frame. */
  private versionKey(d: Decor, _serverNowMs: number): string {
    let key = String(this.staleTick);
    for (const twin of d.twins) key += `|${this.store.get(twin)?.version ?? -1}`;
    return key;
  }

  private redraw(d: Decor, serverNowMs: number): void {
    const lines: { text: string; stale: boolean; alert: boolean }[] = [];
    let colour: number | null = null;
    let alertMessage: string | null = null;
    for (const twin of d.twins) {
      const a = this.store.get(twin)?.alerts[0];
      if (a !== undefined && alertMessage === null) alertMessage = a.message || a.rule || a.id;
    }
    for (const b of d.bindings) {
      const state = this.store.get(b.twin);
      const value = state?.reported[b.property];
      const stale = isStale(state, b.property, serverNowMs);
      const v = b.visual;
      if (v.kind === 'label') {
        const unit = v.unit ?? unitSymbol(this.unitOf(b.twin, b.property));
        lines.push({ text: formatLabel(value, unit, v.format, v.decimals), stale, alert: false });
      } else if (v.kind === 'colour') {
        colour = colourFor(v, value) ?? colour;
      } else if (v.kind === 'gauge') {
        this.drawGauge(d, b.id, gaugeFraction(value, v.min, v.max), stale);
      }
    }
    if (alertMessage !== null) lines.push({ text: `⚠ ${alertMessage}`, stale: false, alert: true });
    d.alertOpen = alertMessage !== null;
    this.drawLabel(d, lines);
    this.tint(d, colour);
    if (d.alertOpen && d.ring === null) {
      d.ring = new THREE.Mesh(this.ringGeometry, this.ringMaterial);
      d.ring.renderOrder = 1;
      this.parent.add(d.ring);
    } else if (!d.alertOpen && d.ring !== null) {
      d.ring.removeFromParent();
      d.ring = null;
    }
  }

  private drawLabel(d: Decor, lines: { text: string; stale: boolean; alert: boolean }[]): void {
    if (lines.length === 0) {
      if (d.label !== null) { disposeCanvasSprite(d.label); d.label = null; }
      return;
    }
    const key = JSON.stringify(lines);
    const height = LABEL_LINE_H * lines.length + 16;
    if (d.label !== null && d.label.canvas.height !== height) { disposeCanvasSprite(d.label); d.label = null; }
    if (d.label === null) {
      d.label = makeCanvasSprite(LABEL_W, height);
      d.label.sprite.scale.set(LABEL_WIDTH_M, LABEL_WIDTH_M * height / LABEL_W, 1);
      this.parent.add(d.label.sprite);
    }
    const l = d.label;
    if (l.key === key) return;
    l.key = key;
    const ctx = l.canvas.getContext('2d');
    if (ctx === null) return;
    ctx.clearRect(0, 0, l.canvas.width, l.canvas.height);
    const allStale = lines.every((x) => x.stale || x.alert);
    ctx.fillStyle = allStale ? 'rgba(40,42,48,0.55)' : 'rgba(16,20,28,0.78)';
    roundRect(ctx, 2, 2, l.canvas.width - 4, l.canvas.height - 4, 14);
    ctx.fill();
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    lines.forEach((line, i) => {
      ctx.font = font(line.alert ? 30 : 38, 'bold');
      ctx.fillStyle = line.alert ? '#ff8a8a' : line.stale ? '#9aa0a6' : '#ffffff';
      ctx.fillText(line.text, l.canvas.width / 2, 8 + LABEL_LINE_H * (i + 0.5), l.canvas.width - 24);
    });
    l.texture.needsUpdate = true;
  }

  private drawGauge(d: Decor, id: string, fraction: number | null, stale: boolean): void {
    let g = d.gauges.get(id);
    if (g === undefined) {
      g = makeCanvasSprite(GAUGE_W, GAUGE_H);
      g.sprite.scale.set(GAUGE_WIDTH_M, GAUGE_WIDTH_M * GAUGE_H / GAUGE_W, 1);
      d.gauges.set(id, g);
      this.parent.add(g.sprite);
    }
    // Redraw at most per half percent: a jittering sensor does not re-upload the texture every frame.
    const key = `${fraction === null ? 'none' : Math.round(fraction * 200)}|${stale}`;
    if (g.key === key) return;
    g.key = key;
    const ctx = g.canvas.getContext('2d');
    if (ctx === null) return;
    ctx.clearRect(0, 0, GAUGE_W, GAUGE_H);
    ctx.fillStyle = 'rgba(16,20,28,0.78)';
    roundRect(ctx, 2, 2, GAUGE_W - 4, GAUGE_H - 4, 10);
    ctx.fill();
    if (fraction !== null) {
      ctx.fillStyle = stale ? '#8a8f96' : fraction > 0.85 ? '#e5343a' : fraction > 0.6 ? '#f0a020' : '#3cc46a';
      roundRect(ctx, 6, 6, Math.max(8, (GAUGE_W - 12) * fraction), GAUGE_H - 12, 7);
      ctx.fill();
    }
    g.texture.needsUpdate = true;
  }

  /** Colours the object's meshes (their own copies of the materials); null restores them. */
  private tint(d: Decor, colour: number | null): void {
    const target = d.target;
    if (target === null) return;
    if (colour === null) {
      if (d.tinted) this.untint(d);
      return;
    }
    if (d.tints === null) {
      d.tints = [];
      const own = d.where.kind === 'shared'; // SharedObjects gives each object a material of its own
      target.traverse((o) => {
        if (!(o instanceof THREE.Mesh)) return;
        if (own && typeof o.userData.objectId !== 'number') return; // the held-ring's material is shared by all objects
        const original = o.material as THREE.Material | THREE.Material[];
        const copies = own ? [original].flat() : [original].flat().map((m) => m.clone());
        if (!own) o.material = Array.isArray(original) ? copies : copies[0]!;
        d.tints!.push({ mesh: o, original, copies, owned: own });
      });
    }
    for (const t of d.tints) {
      for (const m of t.copies) {
        const c = (m as THREE.Material & { color?: THREE.Color }).color;
        if (c instanceof THREE.Color) {
          if (m.userData.twinOriginalColour === undefined) m.userData.twinOriginalColour = c.getHex();
          c.setHex(colour);
        }
      }
    }
    d.tinted = true;
  }

  private untint(d: Decor): void {
    for (const t of d.tints ?? []) {
      if (t.owned) {
        for (const m of t.copies) {
          const c = (m as THREE.Material & { color?: THREE.Color }).color;
          const was = m.userData.twinOriginalColour;
          if (c instanceof THREE.Color && typeof was === 'number') c.setHex(was);
        }
        continue;
      }
      t.mesh.material = t.original;
      t.copies.forEach((m) => m.dispose());
    }
    d.tints = null;
    d.tinted = false;
  }

  private place(d: Decor, tSec: number): void {
    const target = d.target!;
    target.getWorldPosition(this.tmp);
    let y = this.tmp.y + d.top + ABOVE_M;
    for (const g of d.gauges.values()) {
      g.sprite.position.set(this.tmp.x, y, this.tmp.z);
      y += GAUGE_WIDTH_M * GAUGE_H / GAUGE_W + 0.08;
    }
    if (d.label !== null) {
      const h = d.label.sprite.scale.y;
      d.label.sprite.position.set(this.tmp.x, y + h / 2, this.tmp.z);
    }
    if (d.ring !== null) {
      d.ring.position.set(this.tmp.x, this.tmp.y + d.bottom + 0.05, this.tmp.z);
      d.ring.scale.setScalar((d.radius + 0.3) * (1 + 0.12 * Math.sin(tSec * 6)));
      this.ringMaterial.opacity = 0.55 + 0.35 * (0.5 + 0.5 * Math.sin(tSec * 6));
    }
  }

  private animate(d: Decor, tSec: number, dt: number): void {
    const target = d.target!;
    let bob = 0;
    let pulse = 1;
    for (const b of d.bindings) {
      if (b.visual.kind !== 'animation') continue;
      const state = this.store.get(b.twin);
      const { on, speed } = animationParams(b.visual as Anim, b.property, state?.reported ?? {});
      if (!on) continue;
      switch (b.visual.clip) {
        case 'spin': target.rotation.y += speed * dt; break;
        case 'pulse': pulse *= 1 + 0.08 * Math.sin(tSec * Math.PI * 2 * speed); break;
        case 'bob': bob += 0.12 * Math.sin(tSec * Math.PI * 2 * speed); break;
      }
    }
    // Shared objects are put back in place by SharedObjects every frame; scene objects keep what we add.
    const placedEachFrame = d.where.kind === 'shared';
    target.position.y += placedEachFrame ? bob : bob - d.bobOffset;
    d.bobOffset = bob;
    if (pulse !== d.pulseScale) {
      target.scale.multiplyScalar(pulse / d.pulseScale);
      d.pulseScale = pulse;
    }
  }

  /** Takes back what was done to a target (tint, animation offsets, the pick mark). */
  private forgetTarget(d: Decor): void {
    const target = d.target;
    if (target === null) return;
    if (d.tinted) this.untint(d);
    if (d.where.kind === 'scene') target.position.y -= d.bobOffset;
    if (d.pulseScale !== 1) target.scale.multiplyScalar(1 / d.pulseScale);
    if (target.userData.twinRef === d.ref) delete target.userData.twinRef;
    d.target = null;
  }

  private release(d: Decor): void {
    this.forgetTarget(d);
    if (d.label !== null) disposeCanvasSprite(d.label);
    d.label = null;
    for (const g of d.gauges.values()) disposeCanvasSprite(g);
    d.gauges.clear();
    d.ring?.removeFromParent();
    d.ring = null;
  }

  dispose(): void {
    for (const d of this.decors.values()) this.release(d);
    this.decors.clear();
    this.ringGeometry.dispose();
    this.ringMaterial.dispose();
  }
}
