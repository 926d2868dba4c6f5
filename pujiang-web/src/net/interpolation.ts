// Snapshot interpolation of one entity's pose (docs/protocol.md, "Time sync and interpolation").
//
// Each entity keeps a small ring buffer of (serverTimeMs, pose) samples. poseAt(t) answers the pose at
// server time t, which the caller sets about two ticks behind the estimated server clock:
//   - between two samples: positions, velocities and pitch linearly, yaw along the shorter arc;
//   - after the newest sample: extrapolated with its velocity for at most 250 ms, then held;
//   - before the oldest sample: the oldest pose;
//   - a teleport (a jump no walk could make) is not smeared: the pose switches at the new sample's time.
// Far entities get sparser samples and interpolate between them just the same. A sample after a long
// silence (the entity stood still and was not mentioned) gets a "hold" sample before it, so that the
// entity starts moving shortly before the new sample instead of sliding across the whole silence.

import type { Pose } from './types';

export interface TrackOptions {
  /** Samples kept (a ring buffer). */
  capacity?: number;
  /** Server tick length, ms (1000 / tickHz). */
  tickMs?: number;
  /** Longest extrapolation past the newest sample, ms. */
  maxExtrapolationMs?: number;
  /** A jump at least this long (m)… */
  snapDistance?: number;
  /** …and faster than this (m/s) is a teleport and is not interpolated. */
  snapSpeed?: number;
  /** A gap between samples longer than this many ticks means the entity stood still meanwhile. */
  silenceTicks?: number;
}

interface Sample {
  t: number;
  pose: Pose;
  /** Arrived by a jump: show it from its time on, without blending from the previous one. */
  snap: boolean;
}

const TWO_PI = 2 * Math.PI;

/** An angle in [0, 2π). */
export function normalizeAngle(a: number): number {
  const r = a % TWO_PI;
  return r < 0 ? r + TWO_PI : r;
}

/** The signed difference b − a along the shorter arc, in [−π, π). */
export function shortestArc(a: number, b: number): number {
  return normalizeAngle(b - a + Math.PI) - Math.PI;
}

/** Interpolates yaw from a to b along the shorter arc; the result is in [0, 2π). */
export function lerpYaw(a: number, b: number, f: number): number {
  return normalizeAngle(a + shortestArc(a, b) * f);
}

export function copyPose(p: Pose): Pose {
  return { x: p.x, y: p.y, z: p.z, yaw: p.yaw, pitch: p.pitch, vx: p.vx, vy: p.vy, vz: p.vz, anim: p.anim };
}

export class EntityTrack {
  private readonly capacity: number;
  private readonly tickMs: number;
  private readonly maxExtrapolationMs: number;
  private readonly snapDistance: number;
  private readonly snapSpeed: number;
  private readonly silenceMs: number;
  private readonly ring: Sample[] = [];
  private head = 0; // index of the oldest sample once the ring is full

  constructor(opts: TrackOptions = {}) {
    this.capacity = Math.max(2, opts.capacity ?? 16);
    this.tickMs = opts.tickMs ?? 50;
    this.maxExtrapolationMs = opts.maxExtrapolationMs ?? 250;
    this.snapDistance = opts.snapDistance ?? 5;
    this.snapSpeed = opts.snapSpeed ?? 20;
    this.silenceMs = (opts.silenceTicks ?? 5) * this.tickMs;
  }

  get size(): number {
    return this.ring.length;
  }

  /** The newest sample's pose (what the server last said), or undefined when empty. */
  latest(): Pose | undefined {
    const s = this.at(this.ring.length - 1);
    return s === undefined ? undefined : s.pose;
  }

  /** The newest sample's server time, or undefined when empty. */
  latestTime(): number | undefined {
    return this.at(this.ring.length - 1)?.t;
  }

  clear(): void {
    this.ring.length = 0;
    this.head = 0;
  }

  /**
   * Adds the entity's full pose as of server time `t` (the caller merges partial updates into the last
   * pose first). Samples must come in time order; one at the newest sample's time replaces it, older
   * ones are dropped.
   */
  push(t: number, pose: Pose): void {
    const last = this.at(this.ring.length - 1);
    if (last !== undefined) {
      if (t < last.t) return;
      if (t === last.t) {
        last.pose = copyPose(pose);
        return;
      }
      const dt = t - last.t;
      const dist = Math.hypot(pose.x - last.pose.x, pose.y - last.pose.y, pose.z - last.pose.z);
      if (dist >= this.snapDistance && dist > (this.snapSpeed * dt) / 1000) {
        this.append({ t, pose: copyPose(pose), snap: true });
        return;
      }
      if (dt > this.silenceMs && dist > 0) {
        // It stood still until shortly before t: start the motion as late as its speed allows.
        const speed = Math.hypot(pose.vx, pose.vy, pose.vz);
        const travelMs = speed > 0.01 ? (dist / speed) * 1000 : this.tickMs;
        const holdAt = t - Math.min(dt - 1, Math.max(this.tickMs, travelMs));
        if (holdAt > last.t) this.append({ t: holdAt, pose: { ...copyPose(last.pose), vx: 0, vy: 0, vz: 0 }, snap: false });
      }
    }
    this.append({ t, pose: copyPose(pose), snap: false });
  }

  /** The pose at server time `t` (see the file comment), or undefined when there is no sample. */
  poseAt(t: number): Pose | undefined {
    const n = this.ring.length;
    if (n === 0) return undefined;
    const first = this.at(0)!;
    if (t <= first.t) return copyPose(first.pose);
    const last = this.at(n - 1)!;
    if (t >= last.t) return this.extrapolate(last, t);
    // Binary search for the pair a.t <= t < b.t.
    let lo = 0;
    let hi = n - 1;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (this.at(mid)!.t <= t) lo = mid; else hi = mid;
    }
    const a = this.at(lo)!;
    const b = this.at(hi)!;
    if (b.snap) return copyPose(a.pose);
    return interpolatePose(a.pose, b.pose, (t - a.t) / (b.t - a.t));
  }

  private extrapolate(s: Sample, t: number): Pose {
    const p = copyPose(s.pose);
    const dt = Math.min(t - s.t, this.maxExtrapolationMs) / 1000;
    p.x += p.vx * dt;
    p.y += p.vy * dt;
    p.z += p.vz * dt;
    return p;
  }

  private at(i: number): Sample | undefined {
    if (i < 0 || i >= this.ring.length) return undefined;
    return this.ring[(this.head + i) % this.ring.length];
  }

  private append(s: Sample): void {
    if (this.ring.length < this.capacity) {
      this.ring.push(s);
    } else {
      this.ring[this.head] = s;
      this.head = (this.head + 1) % this.capacity;
    }
  }
}

/** Linear interpolation of two poses at fraction f ∈ [0, 1] (yaw along the shorter arc). */
export function interpolatePose(a: Pose, b: Pose, f: number): Pose {
  const l = (x: number, y: number) => x + (y - x) * f;
  return {
    x: l(a.x, b.x), y: l(a.y, b.y), z: l(a.z, b.z),
    yaw: lerpYaw(a.yaw, b.yaw, f),
    pitch: l(a.pitch, b.pitch),
    vx: l(a.vx, b.vx), vy: l(a.vy, b.vy), vz: l(a.vz, b.vz),
    anim: f < 1 ? a.anim : b.anim,
  };
}
