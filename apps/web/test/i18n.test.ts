import { describe, expect, it } from 'vitest';
import { createI18n, currentLang, switchLang } from '../src/i18n/i18n.ts';
import { en } from '../src/i18n/en.ts';
import { htmlLang, pickLang, pickTheme, rememberLang, rememberTheme, storedLang, storedTheme, type PrefStorage } from '../src/i18n/prefs.ts';
import { zh } from '../src/i18n/zh.ts';

function memory(): PrefStorage & { items: Map<string, string> } {
  const items = new Map<string, string>();
  return { items, getItem: (k) => items.get(k) ?? null, setItem: (k, v) => void items.set(k, v) };
}

/** Every key path of a nested messages object, e.g. "tabs.list". */
function keys(o: object, prefix = ''): string[] {
  return Object.entries(o).flatMap(([k, v]) => (typeof v === 'object' && v !== null ? keys(v as object, `${prefix}${k}.`) : [`${prefix}${k}`]));
}

describe('language', () => {
  it('follows the browser until the learner chooses', () => {
    expect(pickLang(null, 'zh-CN')).toBe('zh');
    expect(pickLang(null, 'zh-Hant-TW')).toBe('zh');
    expect(pickLang(null, 'ZH')).toBe('zh');
    expect(pickLang(null, 'en-GB')).toBe('en');
    expect(pickLang(null, 'de')).toBe('en');
    expect(pickLang(null, undefined)).toBe('en');
    expect(pickLang('en', 'zh-CN')).toBe('en');
    expect(pickLang('zh', 'en-US')).toBe('zh');
    expect(pickLang('fr', 'zh-CN')).toBe('zh');
  });

  it('is remembered', () => {
    const storage = memory();
    expect(storedLang(storage)).toBeNull();
    rememberLang(storage, 'zh');
    expect(pickLang(storedLang(storage), 'en-US')).toBe('zh');
  });

  it('survives blocked storage', () => {
    const blocked: PrefStorage = {
      getItem: () => {
        throw new Error('blocked');
      },
      setItem: () => {
        throw new Error('blocked');
      },
    };
    expect(storedLang(blocked)).toBeNull();
    expect(() => rememberLang(blocked, 'en')).not.toThrow();
    expect(storedLang(null)).toBeNull();
  });

  it('names the document language', () => {
    expect(htmlLang('zh')).toBe('zh-CN');
    expect(htmlLang('en')).toBe('en');
  });
});

describe('theme', () => {
  it('follows the system until the learner chooses, then remembers', () => {
    expect(pickTheme(null, true)).toBe('dark');
    expect(pickTheme(null, false)).toBe('light');
    expect(pickTheme('light', true)).toBe('light');
    expect(pickTheme('bogus', true)).toBe('dark');
    const storage = memory();
    rememberTheme(storage, 'dark');
    expect(pickTheme(storedTheme(storage), false)).toBe('dark');
  });
});

describe('i18next setup', () => {
  it('has the same keys, none empty, in both languages', () => {
    expect(keys(zh)).toEqual(keys(en));
    for (const k of keys(zh)) expect(k.split('.').reduce<unknown>((o, p) => (o as Record<string, unknown>)[p], zh)).not.toBe('');
  });

  it('is ready at once and switches languages', async () => {
    const i18n = createI18n('en', false);
    expect(i18n.t('tabs.list')).toBe('Event list');
    expect(i18n.t('status.waiting', { seconds: 3, attempt: 2 })).toBe('Reconnecting in 3 s (attempt 2)');
    const doc = { documentElement: { lang: 'en' } };
    await switchLang(i18n, 'zh', doc);
    expect(currentLang(i18n)).toBe('zh');
    expect(doc.documentElement.lang).toBe('zh-CN');
    expect(i18n.t('tabs.list')).toBe('事件列表');
    // API names stay as they are.
    expect(i18n.t('client.run')).toContain('connect');
  });
});

describe('starting in Chinese', () => {
  it('has the Chinese text before the first render (no flash of English)', async () => {
    const { createI18nForStart } = await import('../src/i18n/i18n.ts');
    const zhStart = await createI18nForStart('zh');
    expect(currentLang(zhStart)).toBe('zh');
    expect(zhStart.t('tabs.list')).toBe('事件列表');
    const enStart = await createI18nForStart('en');
    expect(enStart.t('tabs.list')).toBe('Event list');
  });
});
