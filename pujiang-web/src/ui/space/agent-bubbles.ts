// Speech bubbles over the digital humans: the line an agent is saying, its words lit up as they are
// spoken, the knowledge-base entry it cites (and its link), and a notice when staff were told. A
// bubble points at its agent's head while the agent is on screen; otherwise (out of view, no 3D
// view) it docks above the emote bar. The chat log carries the same lines for screen readers, so
// bubbles are not live regions.
import { bubbleSegments } from '../../agent/agent-logic';
import type { AgentSpeech, SpeechLine } from '../../agent/agent-speech';
import { h, tx } from '../dom';

export interface AgentBubbles {
  el: HTMLElement;
  dispose(): void;
}

interface Bubble {
  line: SpeechLine;
  el: HTMLElement;
  text: HTMLElement;
  words: HTMLElement[];
  shown: number;            // words lit so far (-1: none)
  anchored: boolean | null; // null until first placed
  /** Where an anchored bubble's tip goes this frame (px in the stage). */
  x: number;
  y: number;
}

/** Keeps a bubble this far (px) inside the view's edges. */
const EDGE = 10;
/** The tail under an anchored bubble (its CSS lifts the bubble by this much), and the space between stacked bubbles. */
const TAIL = 10;
const GAP = 6;

export function agentBubbles(opts: {
  speech: AgentSpeech;
  /** Where agent `entityId`'s bubble points (px in the stage), or null to dock it. */
  anchor(entityId: number): { x: number; y: number } | null;
}): AgentBubbles {
  const { speech } = opts;
  const dock = h('div', { class: 'agent-bubble-dock' });
  const el = h('div', { class: 'agent-bubbles' }, dock);
  const bubbles = new Map<string, Bubble>();
  let frame: number | null = null;

  function build(line: SpeechLine): Bubble {
    const say = line.say;
    const words: HTMLElement[] = [];
    const text = h('p', { class: 'agent-bubble-text', attrs: { 'data-testid': 'agent-bubble-text', lang: line.lang } });
    for (const seg of bubbleSegments(say.text, line.words)) {
      if (seg.kind === 'gap') {
        text.append(seg.text);
      } else {
        const w = h('span', { class: 'agent-word', attrs: { 'data-word': seg.index } }, seg.text);
        words[seg.index] = w;
        text.append(w);
      }
    }
    const name = h('span', { class: 'agent-bubble-name' }, line.name);
    const badge = h('span', { class: 'agent-bubble-badge', tx: 'agent.badge' });
    let cite: HTMLElement | null = null;
    if (say.entryId !== '' || line.link !== null) {
      const source = say.entryId === '' ? null : h('span', {});
      if (source !== null) tx(source, 'agent.source', { id: say.entryId });
      const link = line.link === null ? null
        : h('a', { attrs: { href: line.link, target: '_blank', rel: 'noopener noreferrer' }, tx: 'agent.link' });
      cite = h('p', { class: 'agent-bubble-cite', attrs: { 'data-testid': 'agent-bubble-citation', 'data-entry-id': say.entryId } }, source, link);
    }
    const handoff = say.handoff
      ? h('p', { class: 'agent-bubble-handoff', attrs: { 'data-testid': 'agent-bubble-handoff' }, tx: 'agent.handoff' })
      : null;
    const bubble = h('div', {
      class: 'agent-bubble',
      attrs: {
        'data-testid': 'agent-bubble', 'data-entity-id': line.entityId, 'data-agent-name': line.name, 'data-entry-id': say.entryId,
        'data-handoff': String(say.handoff), 'data-gesture': say.gesture, 'data-expression': line.expression, 'data-words': line.words.length,
      },
    }, h('div', { class: 'agent-bubble-head' }, badge, name), text, cite, handoff);
    return { line, el: bubble, text, words, shown: -1, anchored: null, x: 0, y: 0 };
  }

  /** Lights the words up to `index`; the current one stands out. */
  function light(b: Bubble, index: number): void {
    if (index === b.shown) return;
    if (index < b.shown) {
      // The voice reported a word behind the estimate: light again from the start.
      for (const w of b.words) w?.classList.remove('is-said', 'is-now');
      b.shown = -1;
    }
    b.words[b.shown]?.classList.remove('is-now');
    for (let i = b.shown + 1; i <= index; i++) b.words[i]?.classList.add('is-said');
    const now = b.words[index];
    now?.classList.add('is-now');
    b.shown = index;
    b.el.dataset['word'] = String(index);
    // Long answers scroll inside the bubble to keep the spoken word in sight.
    if (now !== undefined && now.offsetTop + now.offsetHeight > b.text.scrollTop + b.text.clientHeight) {
      b.text.scrollTop = now.offsetTop - b.text.offsetTop - 4;
    }
  }

  /** Puts a bubble over its agent (true) or in the dock (false). */
  function place(b: Bubble): boolean {
    const at = b.line.entityId > 0 ? opts.anchor(b.line.entityId) : null;
    const anchored = at !== null;
    if (anchored !== b.anchored) {
      b.anchored = anchored;
      b.el.classList.toggle('is-anchored', anchored);
      if (anchored) el.append(b.el);
      else {
        b.el.style.left = '';
        b.el.style.top = '';
        dock.append(b.el);
      }
    }
    if (at !== null) {
      const half = b.el.offsetWidth / 2;
      const width = el.clientWidth;
      b.x = width > 2 * (half + EDGE) ? Math.min(width - half - EDGE, Math.max(half + EDGE, at.x)) : width / 2;
      b.y = at.y;
    }
    return anchored;
  }

  /**
   * Agents standing side by side would hide each other's words: the newest bubble keeps its place
   * and older ones move up out of its way (never above the stage's top edge).
   */
  function separate(list: Bubble[]): void {
    const taken: { l: number; r: number; t: number; b: number }[] = [];
    for (const b of list.sort((p, q) => q.line.seq - p.line.seq)) {
      const w = b.el.offsetWidth;
      const h = b.el.offsetHeight;
      const highest = h + EDGE + TAIL;
      let y = Math.max(highest, b.y);
      for (let moved = true, n = 0; moved && n < 8; n++) {
        moved = false;
        for (const o of taken) {
          const bottom = y - TAIL;
          if (b.x - w / 2 < o.r && b.x + w / 2 > o.l && bottom - h < o.b && bottom > o.t && y > highest) {
            y = Math.max(highest, o.t - GAP + TAIL);
            moved = true;
          }
        }
      }
      // No room above: step sideways instead, away from the bubble in the way.
      const width = el.clientWidth;
      for (const o of taken) {
        const bottom = y - TAIL;
        if (b.x - w / 2 < o.r && b.x + w / 2 > o.l && bottom - h < o.b && bottom > o.t) {
          const left = o.l - GAP - w / 2;
          const right = o.r + GAP + w / 2;
          b.x = b.x < (o.l + o.r) / 2 && left >= w / 2 + EDGE ? left : right <= width - w / 2 - EDGE ? right : b.x;
        }
      }
      taken.push({ l: b.x - w / 2, r: b.x + w / 2, t: y - TAIL - h, b: y - TAIL });
      b.el.style.left = `${Math.round(b.x)}px`;
      b.el.style.top = `${Math.round(y)}px`;
    }
  }

  function tick(): void {
    frame = null;
    update();
    if (bubbles.size > 0) schedule();
  }

  /** Drops bubbles whose lines are over, lights the words spoken by now and places the rest. */
  function update(): void {
    const alive = new Map(speech.lines().map((l) => [l.key, l]));
    for (const [key, b] of bubbles) {
      if (alive.get(key) !== b.line) {
        b.el.remove();
        bubbles.delete(key);
      }
    }
    const anchored: Bubble[] = [];
    for (const b of bubbles.values()) {
      light(b, speech.wordNow(b.line));
      b.el.dataset['speaking'] = String(speech.speaking(b.line));
      b.el.dataset['audio'] = b.line.audio;
      if (place(b)) anchored.push(b);
    }
    separate(anchored);
  }

  function schedule(): void {
    if (frame !== null) return;
    frame = typeof requestAnimationFrame === 'function'
      ? requestAnimationFrame(tick)
      : setTimeout(tick, 50) as unknown as number;
  }

  const off = speech.onLine((line) => {
    bubbles.get(line.key)?.el.remove();
    const b = build(line);
    bubbles.set(line.key, b);
    // Shown at once, not on the next frame: a background tab may not have one for a while.
    update();
    schedule();
  });

  return {
    el,
    dispose() {
      off();
      if (frame !== null) {
        if (typeof cancelAnimationFrame === 'function') cancelAnimationFrame(frame);
        else clearTimeout(frame);
      }
      frame = null;
      bubbles.clear();
      el.remove();
    },
  };
}
