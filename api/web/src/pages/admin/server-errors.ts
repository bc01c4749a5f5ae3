// An error answer of the API explained next to the field it concerns, or above the form.
import { ApiError } from '../../lib/api-client.js';
import { msg, type Msg } from './msg.js';

export interface ServerErrorRules {
  /** Field (and message key) for a 409 of a unique or overlap constraint. */
  conflict?: { field: string; key: string };
  /** Field (and message key) for 400 invalid_reference (a chosen record vanished). */
  reference?: { field: string; key: string };
  /** Message keys for other codes, e.g. { cannot_disable_self: 'admin.err.cannotDisableSelf' }. */
  codes?: Record<string, string>;
}

export interface Explained {
  form: Msg | null;
  fields: Record<string, Msg>;
}

export function explainServerError(err: unknown, rules: ServerErrorRules = {}): Explained {
  if (!(err instanceof ApiError)) return { form: msg('admin.err.unexpected'), fields: {} };
  const code = rules.codes?.[err.code];
  if (code) return { form: msg(code), fields: {} };
  if (err.status === 409 && rules.conflict) {
    return { form: msg('admin.err.fixFields'), fields: { [rules.conflict.field]: msg(rules.conflict.key) } };
  }
  if (err.code === 'invalid_reference' && rules.reference) {
    return { form: msg('admin.err.fixFields'), fields: { [rules.reference.field]: msg(rules.reference.key) } };
  }
  if (err.status === 400 && err.issues.length) {
    const fields: Record<string, Msg> = {};
    for (const i of err.issues) {
      const field = i.path.split('.').slice(1).pop();
      if (field) fields[field] ??= msg('admin.err.serverRejected', { detail: i.message });
    }
    return { form: msg('admin.err.fixFields'), fields };
  }
  if (err.status === 409) return { form: msg('admin.err.conflict'), fields: {} };
  if (err.status === 403) return { form: msg('admin.err.forbidden'), fields: {} };
  if (err.status === 404) return { form: msg('admin.err.notFound'), fields: {} };
  if (err.status === 0) return { form: msg('admin.err.network'), fields: {} };
  if (err.status === 503) return { form: msg('admin.err.unavailable'), fields: {} };
  if (err.status === 400) return { form: msg('admin.err.serverRejected', { detail: err.message }), fields: {} };
  return { form: msg('admin.err.unexpected'), fields: {} };
}
