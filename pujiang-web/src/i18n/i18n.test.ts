import { describe, expect, it } from 'vitest';
import { en } from './en';
import { zhCN } from './zh-CN';
import { fill, langFromTag, pickLang, pickLocal, translate } from './translate';

describe('dictionaries', () => {
  it('have the same keys in en and zh-CN', () => {
    expect(Object.keys(zhCN).sort()).toEqual(Object.keys(en).sort());
  });

  it('have no empty strings', () => {
    for (const [key, text] of [...Object.entries(en), ...Object.entries(zhCN)]) {
      expect(text.trim(), key).not.toBe('');
    }
  });

  it('use the same placeholders in both languages', () => {
    const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(names(zhCN[key]), key).toEqual(names(en[key]));
    }
  });
});

describe('language choice', () => {
  it('maps zh* to zh-CN and everything else to en', () => {
    expect(langFromTag('zh')).toBe('zh-CN');
    expect(langFromTag('zh-TW')).toBe('zh-CN');
    expect(langFromTag('ZH-cn')).toBe('zh-CN');
    expect(langFromTag('en-GB')).toBe('en');
    expect(langFromTag('fr')).toBe('en');
    expect(langFromTag(undefined)).toBe('en');
  });

  it('prefers a valid stored choice, then the browser languages', () => {
    expect(pickLang('zh-CN', ['en-US'])).toBe('zh-CN');
    expect(pickLang('en', ['zh-CN'])).toBe('en');
    expect(pickLang('klingon', ['zh-CN'])).toBe('zh-CN');
    expect(pickLang(null, ['fr-FR', 'zh-CN'])).toBe('zh-CN');
    expect(pickLang(null, ['de-DE', 'fr-FR'])).toBe('en');
    expect(pickLang(null, [])).toBe('en');
  });
});

describe('lookup', () => {
  const dict = { hello: 'Hello {name}', only: 'only here' };
  const zh = { hello: '你好 {name}' };

  it('fills placeholders and leaves unknown ones alone', () => {
    expect(fill('{a} and {b}', { a: 1 })).toBe('1 and {b}');
    expect(fill('no params')).toBe('no params');
  });

  it('falls back to the fallback dictionary, then the key', () => {
    expect(translate(zh, dict, 'hello', { name: '李明' })).toBe('你好 李明');
    expect(translate(zh, dict, 'only')).toBe('only here');
    expect(translate(zh, dict, 'missing.key')).toBe('missing.key');
  });

  it('picks scene text in the language, then en, then any', () => {
    expect(pickLocal({ en: 'Hall', 'zh-CN': '大厅' }, 'zh-CN')).toBe('大厅');
    expect(pickLocal({ en: 'Hall' }, 'zh-CN')).toBe('Hall');
    expect(pickLocal({ en: '', fr: 'Salle' }, 'zh-CN')).toBe('Salle');
    expect(pickLocal(undefined, 'en')).toBe('');
  });
});
