import * as THREE from 'three';
import { describe, expect, it } from 'vitest';
import { limbPose } from './avatar-anim';
import { AvatarCrowd } from './avatar-crowd';

const still = limbPose(0, 0, 0, 0, null);

function meshes(scene: THREE.Scene): Map<string, THREE.InstancedMesh> {
  return new Map(scene.children.filter((c): c is THREE.InstancedMesh => c instanceof THREE.InstancedMesh).map((m) => [m.name, m]));
}

describe('AvatarCrowd', () => {
  it('draws 200 avatars with four instanced meshes', () => {
    const scene = new THREE.Scene();
    const crowd = new AvatarCrowd(scene, 256);
    for (let id = 1; id <= 200; id++) {
      crowd.ensure(id, 0xff0000, 0xffe0c0);
      crowd.pose(id, id, 0, 0, 0, still);
    }
    crowd.commit();
    const m = meshes(scene);
    expect([...m.keys()].sort()).toEqual(['avatars-arms', 'avatars-body', 'avatars-head', 'avatars-legs']);
    expect(m.get('avatars-body')!.count).toBe(200);
    expect(m.get('avatars-legs')!.count).toBe(400);
    // Avatar 150's body stands at x = 150, hips 0.82 m up.
    const matrix = new THREE.Matrix4();
    m.get('avatars-body')!.getMatrixAt(crowd.slots.slotOf(150)!, matrix);
    const p = new THREE.Vector3().setFromMatrixPosition(matrix);
    expect(p.x).toBeCloseTo(150);
    expect(p.y).toBeCloseTo(0.82);
  });

  it('recolours the avatar that moves into a freed slot', () => {
    const scene = new THREE.Scene();
    const crowd = new AvatarCrowd(scene, 4);
    crowd.ensure(1, 0xff0000, 0xffffff);
    crowd.ensure(2, 0x00ff00, 0xffffff);
    crowd.ensure(3, 0x0000ff, 0xffffff);
    crowd.remove(1);
    crowd.commit();
    const body = meshes(scene).get('avatars-body')!;
    expect(body.count).toBe(2);
    expect(crowd.idAt(0)).toBe(3);
    const c = new THREE.Color();
    body.getColorAt(0, c);
    expect(c.getHex()).toBe(0x0000ff);
  });

  it('grows past its capacity and keeps everyone’s colour', () => {
    const scene = new THREE.Scene();
    const crowd = new AvatarCrowd(scene, 2);
    for (let id = 1; id <= 5; id++) crowd.ensure(id, 0x100000 * id, 0xffffff);
    crowd.commit();
    const body = meshes(scene).get('avatars-body')!;
    expect(body.count).toBe(5);
    expect(body.instanceMatrix.count).toBeGreaterThanOrEqual(5);
    const c = new THREE.Color();
    body.getColorAt(crowd.slots.slotOf(4)!, c);
    expect(c.getHex()).toBe(0x400000);
    expect(scene.children.length).toBe(4);  // the old meshes were replaced, not left behind
  });
});
