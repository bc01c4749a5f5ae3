// Strings of the administration pages (owned by that section); keys start with "admin.".
export const adminMessages = {
  ja: {
    'admin.title': '管理',
  },
  en: {
    'admin.title': 'Administration',
  },
} as const;
