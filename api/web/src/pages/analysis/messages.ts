// Strings of the programme-analysis pages (owned by that section); keys start with "analysis.".
export const analysisMessages = {
  ja: {
    'analysis.title': 'プログラム分析',
  },
  en: {
    'analysis.title': 'Programme analysis',
  },
} as const;
