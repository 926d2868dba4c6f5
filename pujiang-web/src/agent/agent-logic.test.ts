import { describe, expect, it } from 'vitest';
import {
  askTarget, bubbleEndMs, bubbleSegments, estimateWords, expressionCue, gestureCue, gestureSeconds, localText, mouthOpen,
  pickVoice, safeLink, speechDurationMs, speechLang, TIMING, wordIndexAt, wordIndexAtChar, wordsOf, type AgentCandidate,
} from './agent-logic';

describe('word timing', () => {
  it('makes each Han character a word and pauses at punctuation', () => {
    const words = estimateWords('你好，请进。', 'zh-CN');
    expect(words.map((w) => [w.start, w.end])).toEqual([[0, 1], [1, 2], [3, 4], [4, 5]]);
    expect(words.map((w) => w.atMs)).toEqual([0, 230, 460 + TIMING.commaPauseMs, 690 + TIMING.commaPauseMs]);
  });

  it('splits other text on whitespace, 90 ms a letter and at least 180 ms a word', () => {
    const words = estimateWords('Hi there, visitor', 'en');
    expect(words.map((w) => 'Hi there, visitor'.slice(w.start, w.end))).toEqual(['Hi', 'there', 'visitor']);
    expect(words.map((w) => w.atMs)).toEqual([0, 180, 180 + 450 + TIMING.commaPauseMs]);
  });

  it('keeps Latin runs inside Chinese apart from the Han characters', () => {
    const text = '带ID卡';
    expect(estimateWords(text, '').map((w) => text.slice(w.start, w.end))).toEqual(['带', 'ID', '卡']);
  });

  it('uses the server words when they fit the text, else an estimate', () => {
    const text = 'Open 9 to 5';
    const given = [{ start: 0, end: 4, atMs: 0 }, { start: 5, end: 6, atMs: 400 }, { start: 7, end: 9, atMs: 600 }, { start: 10, end: 11, atMs: 800 }];
    expect(wordsOf({ text, lang: 'en', words: given })).toEqual(given);
    const outside = [{ start: 0, end: 40, atMs: 0 }];
    expect(wordsOf({ text, lang: 'en', words: outside })).toEqual(estimateWords(text, 'en'));
    const backwards = [{ start: 5, end: 6, atMs: 0 }, { start: 0, end: 4, atMs: 100 }];
    expect(wordsOf({ text, lang: 'en', words: backwards })).toEqual(estimateWords(text, 'en'));
    expect(wordsOf({ text, lang: 'en', words: [] })).toEqual(estimateWords(text, 'en'));
  });

  it('finds the word spoken at a time and at a boundary offset', () => {
    const words = [{ start: 0, end: 2, atMs: 0 }, { start: 3, end: 8, atMs: 300 }, { start: 9, end: 12, atMs: 900 }];
    expect([-1, 0, 299, 300, 899, 900, 99999].map((t) => wordIndexAt(words, t))).toEqual([-1, 0, 0, 1, 1, 2, 2]);
    expect([0, 2, 3, 7, 9, 50].map((c) => wordIndexAtChar(words, c))).toEqual([0, 0, 1, 1, 2, 2]);
    expect(wordIndexAt([], 100)).toBe(-1);
  });

  it('measures a line from its first word to the end of its last', () => {
    const text = '你好';
    expect(speechDurationMs(text, estimateWords(text, 'zh-CN'))).toBe(460);
    expect(speechDurationMs('', [])).toBe(0);
    expect(bubbleEndMs(460)).toBe(8000);
    expect(bubbleEndMs(20_000)).toBe(26_000);
  });

  it('opens the mouth inside words and closes it in pauses and after the end', () => {
    const text = '好。好';
    const words = estimateWords(text, 'zh-CN');
    expect(mouthOpen(text, words, -5)).toBe(0);
    expect(mouthOpen(text, words, 115)).toBeCloseTo(1);          // the middle of the first syllable
    expect(mouthOpen(text, words, TIMING.hanMs + 50)).toBe(0);     // the pause after 。
    expect(mouthOpen(text, words, words[1]!.atMs + 115)).toBeCloseTo(1);
    expect(mouthOpen(text, words, 10_000)).toBe(0);
  });

  it('splits the bubble text into words and gaps that cover it exactly', () => {
    const text = '  Hello, world!';
    const segs = bubbleSegments(text, estimateWords(text, 'en'));
    expect(segs.map((s) => s.text).join('')).toBe(text);
    expect(segs.filter((s) => s.kind === 'word').map((s) => s.text)).toEqual(['Hello', 'world']);
    expect(segs[1]).toEqual({ kind: 'word', index: 0, text: 'Hello' });
  });

  it('detects the language when the line has none', () => {
    expect(speechLang('', '办理身份证需要什么')).toBe('zh-CN');
    expect(speechLang('', 'What do I need?')).toBe('en');
    expect(speechLang('en', '你好')).toBe('en');
  });
});

describe('voice choice', () => {
  const v = (lang: string, name: string, localService = false, def = false) => ({ lang, name, localService, default: def });

  it('prefers the exact tag, then mainland Mandarin, then other Chinese', () => {
    const voices = [v('zh-HK', 'Sin-ji'), v('zh-TW', 'Mei-Jia'), v('en-US', 'Samantha'), v('zh_CN', 'Ting-Ting')];
    expect(pickVoice(voices, 'zh-CN')?.name).toBe('Ting-Ting');
    expect(pickVoice(voices.slice(0, 3), 'zh-CN')?.name).toBe('Mei-Jia');
    expect(pickVoice([v('zh-HK', 'Sin-ji')], 'zh-CN')?.name).toBe('Sin-ji');
  });

  it('takes any English voice for en, preferring a local one', () => {
    const voices = [v('en-GB', 'Remote', false), v('en-US', 'Local', true), v('fr-FR', 'Amelie', true)];
    expect(pickVoice(voices, 'en')?.name).toBe('Local');
    expect(pickVoice(voices, 'en-GB')?.name).toBe('Remote');
  });

  it('answers null when nothing fits (the browser then picks by lang)', () => {
    expect(pickVoice([v('fr-FR', 'Amelie')], 'zh-CN')).toBeNull();
    expect(pickVoice([], 'en')).toBeNull();
  });
});

describe('cues', () => {
  it('maps the server gestures to avatar gestures', () => {
    expect(['greet', 'point', 'explain', 'nod', 'bow', 'shrug', 'think', '', 'juggle', 'NOD'].map(gestureCue))
      .toEqual(['wave', 'point', 'explain', 'nod', 'bow', 'shrug', 'think', null, null, 'nod']);
    expect(['smile', 'concerned', 'attentive', 'neutral', '', 'angry'].map(expressionCue))
      .toEqual(['smile', 'concerned', 'attentive', 'neutral', 'neutral', 'neutral']);
  });

  it('lets an explanation last while the agent speaks, within 2 to 8 s', () => {
    expect(gestureSeconds('explain', 5000)).toBe(5);
    expect(gestureSeconds('explain', 500)).toBe(2);
    expect(gestureSeconds('explain', 60_000)).toBe(8);
    expect(gestureSeconds('wave', 60_000)).toBe(2);
  });

  it('shows only safe links', () => {
    expect(safeLink('https://zwfw.example.cn/guide?id=3')).toBe('https://zwfw.example.cn/guide?id=3');
    expect(safeLink('/help/passport')).toBe('/help/passport');
    expect(safeLink('javascript:alert(1)')).toBeNull();
    expect(safeLink('//evil.example')).toBeNull();
    expect(safeLink('')).toBeNull();
  });
});

describe('quick-button target', () => {
  const agent = { name: '小浦', personaNames: ['小浦', 'Xiaopu'] };
  const self = { x: 0, z: 0 };

  it('asks the agent directly when it is in view', () => {
    const seen: AgentCandidate[] = [
      { id: 4, kind: 'avatar', name: '小浦', x: 1, z: 0 },   // a visitor who took the same name
      { id: 9, kind: 'agent', name: '小浦', x: 5, z: 0 },
    ];
    expect(askTarget(agent, seen, self, ' 几点开门？ ')).toEqual({ scope: 'direct', toId: 9, text: '几点开门？' });
  });

  it('matches the persona name too, and picks the nearest of two', () => {
    const seen: AgentCandidate[] = [
      { id: 3, kind: 'agent', name: 'Xiaopu', x: 9, z: 0 },
      { id: 7, kind: 'agent', name: '小浦', x: 2, z: 1 },
      { id: 8, kind: 'agent', name: 'Guide', x: 1, z: 0 },
    ];
    expect(askTarget(agent, seen, self, 'Hours?')).toEqual({ scope: 'direct', toId: 7, text: 'Hours?' });
    expect(askTarget(agent, seen, null, 'Hours?').toId).toBe(3);
  });

  it('names the agent in a space-wide message when it is not in view', () => {
    expect(askTarget(agent, [{ id: 4, kind: 'avatar', name: '李明', x: 0, z: 0 }], self, '怎么预约？'))
      .toEqual({ scope: 'space', toId: 0, text: '@小浦 怎么预约？' });
  });

  it('reads text in the UI language with fallbacks', () => {
    expect(localText({ 'zh-CN': '你好', en: 'Hello' }, 'zh-CN')).toBe('你好');
    expect(localText({ zh: '你好', en: 'Hello' }, 'zh-CN')).toBe('你好');
    expect(localText({ 'zh-CN': '你好', en: 'Hello' }, 'en')).toBe('Hello');
    expect(localText({ 'zh-CN': '你好' }, 'en')).toBe('你好');
    expect(localText(undefined, 'en')).toBe('');
  });
});
