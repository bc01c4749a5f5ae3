import type { ComponentChildren } from 'preact';
import type { MessageKey } from '../i18n/i18n.js';
import type { Params } from './router.js';
import type { Role } from './types.js';

export interface AppRoute {
  /** e.g. /facility/residents/:id */
  path: string;
  /** Roles that may open the page; others see "not allowed" (the server refuses their data anyway). */
  roles: readonly Role[];
  /** Catalogue key of the page title (document title). */
  title: MessageKey;
  view: (params: Params) => ComponentChildren;
  /** Shown in the navigation (for the roles above), in this order. */
  nav?: { label: MessageKey; order: number };
}
