import * as THREE from 'three';
import { describe, expect, it } from 'vitest';
import { AgentFigures } from './agent-figures';
import { limbPose } from './avatar-anim';
import { AvatarCrowd } from './avatar-crowd';

function mesh(scene: THREE.Scene, name: string): THREE.InstancedMesh {
  return scene.children.find((c): c is THREE.InstancedMesh => c instanceof THREE.InstancedMesh && c.name === name)!;
}

describe('AgentFigures', () => {
  it('dresses each agent posed this frame on its head and chest, and hides when there are none', () => {
    const scene = new THREE.Scene();
    const crowd = new AvatarCrowd(scene, 4);
    const figures = new AgentFigures(scene, 1);
    const parts = { head: new THREE.Matrix4(), chest: new THREE.Matrix4() };
    figures.begin();
    for (const id of [1, 2, 3]) {
      crowd.ensure(id, 0x23467a, 0xffe0c0);
      const pose = limbPose(0, 0, 0, 0, null);
      pose.headPitch = 0.3;  // nodding: the cap goes with the head
      crowd.pose(id, id * 2, 0, 0, 0, pose, parts);
      figures.add(parts.head, parts.chest, id === 2 ? 1 : 0, 'smile');
    }
    figures.commit();
    const cap = mesh(scene, 'agents-cap');
    expect(figures.drawn).toBe(3);
    expect(cap.count).toBe(3);
    expect(cap.visible).toBe(true);
    // The cap of agent 3 sits on its head: at x = 6, about 1.6 m up, tipped forward by the nod.
    const m = new THREE.Matrix4();
    cap.getMatrixAt(2, m);
    const p = new THREE.Vector3().setFromMatrixPosition(m);
    expect(p.x).toBeCloseTo(6);
    expect(p.y).toBeGreaterThan(1.55);
    expect(p.z).toBeLessThan(0);
    // An open mouth is taller than a closed one.
    const mouth = mesh(scene, 'agents-mouth');
    const open = new THREE.Vector3();
    const shut = new THREE.Vector3();
    mouth.getMatrixAt(1, m);
    m.decompose(new THREE.Vector3(), new THREE.Quaternion(), open);
    mouth.getMatrixAt(0, m);
    m.decompose(new THREE.Vector3(), new THREE.Quaternion(), shut);
    expect(open.y).toBeGreaterThan(shut.y * 2);

    figures.begin();
    figures.commit();
    expect(mesh(scene, 'agents-cap').visible).toBe(false);
    figures.dispose();
    expect(scene.children.some((c) => c.name.startsWith('agents-'))).toBe(false);
  });
});
