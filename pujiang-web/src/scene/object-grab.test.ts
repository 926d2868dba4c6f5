import { describe, expect, it } from 'vitest';
import { ObjectGrab, type ObjectSender } from './object-grab';

function recorder() {
  const sent: string[] = [];
  const sender: ObjectSender = {
    grab: (id) => sent.push(`grab ${id}`),
    moveObject: (id, x, _y, z) => sent.push(`move ${id} ${x},${z}`),
    release: (id) => sent.push(`release ${id}`),
  };
  return { sent, sender };
}
const at = (x: number, z: number) => ({ x, y: 0, z, yaw: 0 });

describe('ObjectGrab', () => {
  it('grabs, drags at most 20 times a second once held, and releases on pointer up', () => {
    const { sent, sender } = recorder();
    const g = new ObjectGrab(sender);
    g.begin(7, at(0, 0), 0);
    g.drag(at(1, 0), 10);                       // not held yet: remembered
    expect(sent).toEqual(['grab 7']);
    g.onHolder(7, 3, 3, 40);                    // the server says we hold it
    expect(g.phase).toBe('held');
    expect(sent).toEqual(['grab 7', 'move 7 1,0']);
    for (let t = 50; t < 1050; t += 10) g.drag(at(t / 1000, 0), t);  // pointer moves every 10 ms for 1 s
    const moves = sent.filter((s) => s.startsWith('move')).length;
    expect(moves).toBeGreaterThanOrEqual(20);
    expect(moves).toBeLessThanOrEqual(22);
    g.end(1060);
    expect(sent.slice(-2)).toEqual(['move 7 1.04,0', 'release 7']);
    expect(g.phase).toBe('idle');
  });

  it('sends a throttled trailing move from tick()', () => {
    const { sent, sender } = recorder();
    const g = new ObjectGrab(sender);
    g.begin(7, at(0, 0), 0);
    g.onHolder(7, 3, 3, 0);
    g.drag(at(1, 1), 60);
    g.drag(at(2, 2), 70);   // within 50 ms of the last send
    expect(sent.at(-1)).toBe('move 7 1,1');
    g.tick(100);
    expect(sent.at(-1)).toBe('move 7 1,1');
    g.tick(111);
    expect(sent.at(-1)).toBe('move 7 2,2');
    g.tick(200);
    expect(sent.filter((s) => s.startsWith('move')).length).toBe(2);  // nothing new to send
  });

  it('leaves the object free when the server refuses the grab', () => {
    const { sent, sender } = recorder();
    const g = new ObjectGrab(sender);
    g.begin(7, at(0, 0), 0);
    g.onError('OBJECT_HELD');
    expect(g.phase).toBe('idle');
    g.drag(at(5, 5), 100);
    g.end(120);
    expect(sent).toEqual(['grab 7']);           // no move, no release
  });

  it('gives up when someone else turns out to hold it', () => {
    const { sender } = recorder();
    const g = new ObjectGrab(sender);
    g.begin(7, at(0, 0), 0);
    g.onHolder(7, 9, 3, 10);
    expect(g.phase).toBe('idle');
  });

  it('releases at once when the pointer came up before the grab was confirmed', () => {
    const { sent, sender } = recorder();
    const g = new ObjectGrab(sender);
    g.begin(7, at(0, 0), 0);
    g.end(20);
    g.onHolder(7, 3, 3, 60);
    expect(sent).toEqual(['grab 7', 'release 7']);
    expect(g.phase).toBe('idle');
  });

  it('keeps a still object held (the server lets go after 10 s) and gives up silent grabs', () => {
    const { sent, sender } = recorder();
    const g = new ObjectGrab(sender);
    g.begin(7, at(1, 1), 0);
    g.onHolder(7, 3, 3, 0);
    g.tick(4000);
    expect(sent.filter((s) => s.startsWith('move')).length).toBe(0);
    g.tick(5000);
    expect(sent.filter((s) => s.startsWith('move'))).toEqual(['move 7 1,1']);
    g.tick(9000);
    g.tick(10_000);
    expect(sent.filter((s) => s.startsWith('move')).length).toBe(2);
    const h = new ObjectGrab(recorder().sender);
    h.begin(8, at(0, 0), 0);
    h.tick(3000);
    expect(h.phase).toBe('idle');
  });

  it('drops the hold when the server releases it or the object leaves view', () => {
    const g = new ObjectGrab(recorder().sender);
    g.begin(7, at(0, 0), 0);
    g.onHolder(7, 3, 3, 0);
    g.onHolder(7, 0, 3, 100);
    expect(g.phase).toBe('idle');
    g.begin(7, at(0, 0), 200);
    g.onExit(7);
    expect(g.phase).toBe('idle');
  });

  it('holds at once an object the server already says is ours', () => {
    const { sent, sender } = recorder();
    const g = new ObjectGrab(sender);
    g.begin(7, at(0, 0), 0, true);
    expect(g.phase).toBe('held');
    g.drag(at(1, 2), 60);
    g.end(70);
    expect(sent).toEqual(['move 7 1,2', 'release 7']);
  });
});
