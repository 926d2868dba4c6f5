import { describe, expect, it } from 'vitest';
import type { AgentSay } from './agent-logic';
import { AgentSpeech, MUTE_KEY, type StorageLike, type SynthLike, type UtteranceLike, type VoiceLike } from './agent-speech';

class FakeUtterance implements UtteranceLike {
  lang = '';
  voice: unknown = null;
  rate = 1;
  onstart: UtteranceLike['onstart'] = null;
  onend: UtteranceLike['onend'] = null;
  onerror: UtteranceLike['onerror'] = null;
  onboundary: UtteranceLike['onboundary'] = null;
  constructor(public text: string) {}
}

class FakeSynth implements SynthLike {
  spoken: FakeUtterance[] = [];
  cancels = 0;
  constructor(private readonly voices: VoiceLike[] = []) {}
  speak(u: UtteranceLike): void { this.spoken.push(u as FakeUtterance); }
  cancel(): void { this.cancels++; }
  getVoices(): readonly VoiceLike[] { return this.voices; }
}

function memoryStorage(initial: Record<string, string> = {}): StorageLike & { data: Record<string, string> } {
  const data = { ...initial };
  return { data, getItem: (k) => data[k] ?? null, setItem: (k, v) => { data[k] = v; } };
}

function say(over: Partial<AgentSay> = {}): AgentSay {
  return {
    from: 5, fromName: '小浦', scope: 'direct', text: '您好，欢迎光临。', lang: 'zh-CN', gesture: 'greet', expression: 'smile',
    words: [], entryId: '', link: '', handoff: false, serverTimeMs: 1, ...over,
  };
}

function setup(opts: { voices?: VoiceLike[]; storage?: StorageLike | null; synth?: boolean } = {}) {
  let now = 1000;
  const synth = new FakeSynth(opts.voices);
  const speech = new AgentSpeech({
    synth: opts.synth === false ? null : synth,
    utterance: (text) => new FakeUtterance(text),
    storage: opts.storage === undefined ? memoryStorage() : opts.storage,
    now: () => now,
  });
  return { speech, synth, advance: (ms: number) => { now += ms; }, at: () => now };
}

describe('agent speech', () => {
  it('speaks a line with a matching voice and times its words', () => {
    const { speech, synth, advance } = setup({ voices: [{ lang: 'en-US', name: 'Alex' }, { lang: 'zh-CN', name: 'Tingting' }] });
    const line = speech.handle(say());
    expect(synth.spoken).toHaveLength(1);
    expect(synth.spoken[0]!.lang).toBe('zh-CN');
    expect(line.voice).toBe('Tingting');
    expect(line.gesture).toBe('wave');
    expect(line.expression).toBe('smile');
    expect(speech.wordNow(line)).toBe(0);
    advance(240);
    expect(speech.wordNow(line)).toBe(1);
    expect(speech.frame(5)?.speaking).toBe(true);
    expect(speech.frame(6)).toBeNull();
  });

  it('lines its timeline up with the voice when it starts and at word boundaries', () => {
    const { speech, synth, advance } = setup();
    const line = speech.handle(say({ text: 'Welcome to the hall', lang: 'en' }));
    advance(500);
    synth.spoken[0]!.onstart?.({});
    expect(line.audio).toBe('speaking');
    expect(speech.wordNow(line)).toBe(0);            // the voice only just started
    advance(100);
    synth.spoken[0]!.onboundary?.({ charIndex: 15, name: 'word' });  // "hall" is spoken now
    expect(speech.wordNow(line)).toBe(3);
    expect(line.boundaries).toBe(1);
    synth.spoken[0]!.onend?.({});
    expect(line.audio).toBe('ended');
  });

  it('keeps the bubble while the voice runs long, and forgets it after the hold', () => {
    const { speech, synth, advance } = setup();
    const line = speech.handle(say({ text: '好' }));
    synth.spoken[0]!.onstart?.({});
    advance(30_000);
    expect(speech.lines()).toEqual([line]);          // still speaking
    expect(speech.frame(5)?.speaking).toBe(true);
    synth.spoken[0]!.onend?.({});
    expect(speech.lines()).toEqual([]);
    expect(speech.lineOf(5)).toBeUndefined();

    // An engine that never reports the end does not keep a bubble up for ever.
    const stuck = speech.handle(say({ text: '好' }));
    synth.spoken[1]!.onstart?.({});
    advance(60_000);
    expect(speech.lines()).toEqual([stuck]);
    advance(10_000);
    expect(speech.lines()).toEqual([]);
  });

  it('lets the newest line cut off the one being spoken', () => {
    const { speech, synth } = setup();
    const first = speech.handle(say({ from: 5 }));
    synth.spoken[0]!.onstart?.({});
    const second = speech.handle(say({ from: 6, fromName: 'Guide', text: 'This way, please.', lang: 'en' }));
    expect(synth.cancels).toBe(1);
    expect(first.audio).toBe('ended');
    expect(second.audio).toBe('queued');
    // A late event from the first utterance changes nothing about the second.
    synth.spoken[0]!.onend?.({});
    synth.spoken[1]!.onstart?.({});
    expect(second.audio).toBe('speaking');
    expect(speech.lines().map((l) => l.name)).toEqual(['小浦', 'Guide']);
  });

  it('remembers mute, stops speech when muted and shows lines anyway', () => {
    const storage = memoryStorage();
    const { speech, synth } = setup({ storage });
    speech.handle(say());
    speech.setMuted(true);
    expect(storage.data[MUTE_KEY]).toBe('1');
    expect(synth.cancels).toBe(1);
    speech.handle(say({ text: '请稍候。' }));
    expect(synth.spoken).toHaveLength(1);
    expect(speech.lines()).toHaveLength(1);

    const again = setup({ storage });
    expect(again.speech.muted).toBe(true);
    again.speech.handle(say());
    expect(again.synth.spoken).toHaveLength(0);
    again.speech.setMuted(false);
    expect(storage.data[MUTE_KEY]).toBe('0');
  });

  it('works without speechSynthesis or storage', () => {
    const { speech, advance } = setup({ synth: false, storage: null });
    expect(speech.supported).toBe(false);
    const line = speech.handle(say({ from: 0, handoff: true, link: 'javascript:alert(1)' }));
    expect(line.key).toBe('n:小浦');
    expect(line.audio).toBe('none');
    expect(line.link).toBeNull();
    speech.setMuted(true);
    expect(speech.muted).toBe(true);
    advance(100);
    expect(speech.wordNow(line)).toBe(0);
  });

  it('survives a speechSynthesis that throws', () => {
    const broken: SynthLike = { speak() { throw new Error('not allowed'); }, cancel() { throw new Error('nope'); }, getVoices() { throw new Error('no'); } };
    const speech = new AgentSpeech({ synth: broken, utterance: (t) => new FakeUtterance(t), storage: null, now: () => 0 });
    const line = speech.handle(say());
    expect(line.audio).toBe('failed');
    expect(() => speech.setMuted(true)).not.toThrow();
    expect(() => speech.dispose()).not.toThrow();
  });

  it('tells listeners about each line', () => {
    const { speech } = setup();
    const seen: string[] = [];
    const off = speech.onLine((l) => seen.push(l.say.text));
    speech.handle(say({ text: 'a' }));
    off();
    speech.handle(say({ text: 'b' }));
    expect(seen).toEqual(['a']);
  });
});
