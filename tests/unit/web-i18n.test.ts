import { describe, expect, it } from 'vitest';
import { en } from '../../api/web/src/i18n/en.js';
import { ja } from '../../api/web/src/i18n/ja.js';

describe('web UI message catalogues', () => {
  it('have the same keys in Japanese and English', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(ja).sort());
  });

  it('have no empty message', () => {
    for (const [lang, catalogue] of Object.entries({ ja, en }))
      for (const [key, text] of Object.entries(catalogue)) expect(text.trim(), `${lang} ${key}`).not.toBe('');
  });

  it('use the same placeholders in both languages', () => {
    const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(ja) as (keyof typeof ja)[]) expect(names(en[key]), key).toEqual(names(ja[key]));
  });
});
