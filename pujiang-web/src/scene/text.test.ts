import { describe, expect, it } from 'vitest';
import { avatarColour, hashString, hslToHex } from './colours';
import { pickText } from './local-text';
import { breakUnits, wrapText } from './text-layout';

const chars = (s: string) => [...s].length;  // a monospace measure: one unit per character

describe('wrapText', () => {
  it('breaks English at spaces', () => {
    expect(wrapText('the quick brown fox jumps', 10, chars)).toEqual(['the quick', 'brown fox', 'jumps']);
  });

  it('breaks Chinese between any characters but never before closing punctuation', () => {
    expect(wrapText('浦江数字展览馆，欢迎您。', 4, chars)).toEqual(['浦江数字', '展览馆，', '欢迎您。']);
    expect(breakUnits('中文abc def')).toEqual(['中', '文', 'abc ', 'def']);
  });

  it('keeps paragraphs and cuts words wider than the panel', () => {
    expect(wrapText('a\n\nb', 10, chars)).toEqual(['a', '', 'b']);
    expect(wrapText('abcdefghij', 4, chars)).toEqual(['abcd', 'efgh', 'ij']);
  });
});

describe('pickText', () => {
  const t = { en: 'Hall', 'zh-CN': '大厅' };
  it('uses the language, then its base language, then English, then any', () => {
    expect(pickText(t, 'zh-CN')).toBe('大厅');
    expect(pickText(t, 'zh')).toBe('大厅');
    expect(pickText(t, 'fr')).toBe('Hall');
    expect(pickText({ en: '', ja: 'ホール' }, 'fr')).toBe('ホール');
    expect(pickText(undefined, 'en')).toBe('');
  });
});

describe('colours', () => {
  it('is stable per user and differs between users', () => {
    expect(hashString('abc')).toBe(0x1a47e90b);
    expect(avatarColour('user-1')).toBe(avatarColour('user-1'));
    expect(avatarColour('user-1')).not.toBe(avatarColour('user-2'));
    expect(hslToHex(0, 1, 0.5)).toBe(0xff0000);
    expect(hslToHex(120, 1, 0.25)).toBe(0x008000);
  });
});
