import { signal } from '@preact/signals';
import { en } from './en.js';
import { ja, type MessageKey } from './ja.js';

export type Lang = 'ja' | 'en';
export type { MessageKey };

/** Times are always shown in Japan time, whoever reads them and wherever. */
export const TIME_ZONE = 'Asia/Tokyo';
const STORAGE_KEY = 'mimamori.lang';
const catalogues: Record<Lang, Record<MessageKey, string>> = { ja, en };

function initialLang(): Lang {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'ja';
  } catch {
    return 'ja';
  }
}

export const lang = signal<Lang>(initialLang());

export function setLang(next: Lang): void {
  lang.value = next;
  document.documentElement.lang = next;
  try {
    localStorage.setItem(STORAGE_KEY, next);
  } catch {
    // private mode: the choice lasts for this page only
  }
}

/** The message in the current language, with {name} placeholders filled in. */
export function t(key: MessageKey, vars?: Record<string, string | number>): string {
  const text = catalogues[lang.value][key] ?? key;
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? `{${name}}`));
}

const locale = () => (lang.value === 'ja' ? 'ja-JP' : 'en');

export function fmtNumber(n: number | null | undefined, digits = 0): string {
  if (n === null || n === undefined || Number.isNaN(n)) return t('common.none');
  return new Intl.NumberFormat(locale(), { maximumFractionDigits: digits, minimumFractionDigits: 0 }).format(n);
}

export function fmtPercent(n: number | null | undefined): string {
  if (n === null || n === undefined) return t('common.none');
  return new Intl.NumberFormat(locale(), {
    style: 'percent',
    maximumFractionDigits: 1,
    signDisplay: 'exceptZero',
  }).format(n / 100);
}

type Style = 'dateTime' | 'date' | 'time' | 'dayMonth' | 'weekday';
const styles: Record<Style, Intl.DateTimeFormatOptions> = {
  dateTime: { dateStyle: 'medium', timeStyle: 'short' },
  date: { dateStyle: 'medium' },
  time: { hour: '2-digit', minute: '2-digit' },
  dayMonth: { month: 'numeric', day: 'numeric' },
  weekday: { month: 'numeric', day: 'numeric', weekday: 'short' },
};

/** A date-time (Date, ISO string or epoch ms) in Japan time; local dates (YYYY-MM-DD) stay that day. */
export function fmtDate(value: Date | string | number | null | undefined, style: Style = 'dateTime'): string {
  if (value === null || value === undefined) return t('common.none');
  const date =
    typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)
      ? new Date(`${value}T12:00:00+09:00`)
      : new Date(value);
  return new Intl.DateTimeFormat(locale(), { ...styles[style], timeZone: TIME_ZONE }).format(date);
}

/** Today's date in Japan (YYYY-MM-DD), offset by whole days. */
export function japanDate(offsetDays = 0, from = Date.now()): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  });
  return parts.format(new Date(from + offsetDays * 86_400_000));
}
