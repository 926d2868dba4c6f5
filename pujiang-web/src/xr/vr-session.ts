// Immersive VR through renderer.xr: starts and ends the session and reads the controllers'
// thumbsticks (left moves, right snap-turns). The space view moves the camera rig from that.

import type * as THREE from 'three';
import type { MoveIntent } from '../scene/movement';
import { SnapTurn, stickMove, thumbstick } from './locomotion';

export async function vrSupported(): Promise<boolean> {
  const xr = typeof navigator !== 'undefined' ? navigator.xr : undefined;
  if (!xr) return false;
  try {
    return await xr.isSessionSupported('immersive-vr');
  } catch {
    return false;  // e.g. blocked by a permissions policy
  }
}

export interface VrInput { intent: MoveIntent; turn: number }

export class VrSession {
  private session: XRSession | null = null;
  private readonly snap = new SnapTurn();

  constructor(private readonly renderer: THREE.WebGLRenderer, private readonly onChange: (presenting: boolean) => void) {}

  get presenting(): boolean {
    return this.session !== null;
  }

  async enter(): Promise<void> {
    if (this.session) return;
    const xr = navigator.xr;
    if (!xr || !(await vrSupported())) throw new Error('This browser or device cannot show VR.');
    const session = await xr.requestSession('immersive-vr', { optionalFeatures: ['local-floor', 'bounded-floor'] });
    this.renderer.xr.enabled = true;
    this.renderer.xr.setReferenceSpaceType('local-floor');
    try {
      await this.renderer.xr.setSession(session);
    } catch {
      // Devices without a floor-level space: fall back to 'local' (the head starts at the origin).
      this.renderer.xr.setReferenceSpaceType('local');
      await this.renderer.xr.setSession(session);
    }
    this.session = session;
    session.addEventListener('end', () => {
      this.session = null;
      this.renderer.xr.enabled = false;
      this.onChange(false);
    });
    this.onChange(true);
  }

  exit(): void {
    void this.session?.end().catch(() => undefined);
  }

  /** The sticks now: left (or the only controller) moves, right snap-turns. */
  poll(): VrInput {
    let intent: MoveIntent = { forward: 0, right: 0, run: false };
    let turn = 0;
    if (!this.session) return { intent, turn };
    for (const source of this.session.inputSources) {
      const pad = source.gamepad;
      if (!pad) continue;
      const stick = thumbstick(pad.axes);
      if (source.handedness === 'right') turn += this.snap.update(stick.x);
      else intent = stickMove(stick.x, stick.y);
    }
    return { intent, turn };
  }
}
