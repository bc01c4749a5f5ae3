// Form state checked with the API's own zod schema before sending; server answers land on the same fields.
import { useRef, useState } from 'preact/hooks';
import type { z } from 'zod';
import { explainServerError, type ServerErrorRules } from './server-errors.js';
import { issuesByField, type FieldHints } from './zod-messages.js';
import type { Msg } from './msg.js';

export type Values = Record<string, string | boolean | string[]>;

export interface FormSpec<V extends Values, S extends z.ZodType> {
  initial: V;
  schema: S;
  /** From the inputs' strings to the request body (empty optional fields left out). */
  toBody: (v: V) => unknown;
  send: (body: z.output<S>) => Promise<unknown>;
  hints?: Record<string, FieldHints>;
  server?: ServerErrorRules;
  /** After a success: e.g. reload the list; the form resets unless `keep` is set. */
  done?: (result: unknown) => void;
  keep?: boolean;
  /** Moves problems reported on a composite field (e.g. a union) to the input that shows it. */
  remap?: (fields: Record<string, Msg>, v: V) => Record<string, Msg>;
}

export interface FormApi<V extends Values> {
  values: V;
  errors: Record<string, Msg>;
  formError: Msg | null;
  busy: boolean;
  set: (name: keyof V & string, value: V[keyof V]) => void;
  submit: (e?: Event) => Promise<void>;
  reset: (to?: V) => void;
  /** The form element: the first field with a problem gets the focus. */
  ref: { current: HTMLFormElement | null };
}

export function useForm<V extends Values, S extends z.ZodType>(spec: FormSpec<V, S>): FormApi<V> {
  const [values, setValues] = useState<V>(spec.initial);
  const [errors, setErrors] = useState<Record<string, Msg>>({});
  const [formError, setFormError] = useState<Msg | null>(null);
  const [busy, setBusy] = useState(false);
  const ref = useRef<HTMLFormElement | null>(null);

  const focusFirst = (fields: Record<string, Msg>) => {
    requestAnimationFrame(() => {
      const names = Object.keys(fields);
      const el = [...(ref.current?.elements ?? [])].find(
        (e) => names.includes((e as HTMLInputElement).name) && !(e as HTMLInputElement).disabled,
      ) as HTMLElement | undefined;
      (el ?? ref.current?.querySelector<HTMLElement>('[role=alert]'))?.focus();
    });
  };

  return {
    values,
    errors,
    formError,
    busy,
    ref,
    set: (name, value) => {
      setValues((v) => ({ ...v, [name]: value }));
      if (errors[name]) setErrors(({ [name]: _, ...rest }) => rest);
    },
    reset: (to) => {
      setValues(to ?? spec.initial);
      setErrors({});
      setFormError(null);
    },
    submit: async (e) => {
      e?.preventDefault();
      const parsed = spec.schema.safeParse(spec.toBody(values));
      if (!parsed.success) {
        const byField = issuesByField(parsed.error.issues, spec.hints ?? {});
        const fields = spec.remap ? spec.remap(byField, values) : byField;
        setErrors(fields);
        setFormError({ key: 'admin.err.fixFields' as Msg['key'] });
        focusFirst(fields);
        return;
      }
      setBusy(true);
      setFormError(null);
      try {
        const result = await spec.send(parsed.data);
        setErrors({});
        if (!spec.keep) setValues(spec.initial);
        spec.done?.(result);
      } catch (err) {
        const x = explainServerError(err, spec.server);
        setErrors(x.fields);
        setFormError(x.form);
        focusFirst(x.fields);
      } finally {
        setBusy(false);
      }
    },
  };
}

/** '' means "not given": left out of the body so the schema's optional rules apply. */
export const opt = (s: string | boolean | string[] | undefined): string | undefined => {
  if (typeof s !== 'string') return undefined;
  const v = s.trim();
  return v === '' ? undefined : v;
};
/** A number input: '' is left out, anything else becomes a number (NaN fails the schema: "enter a number"). */
export const optNumber = (s: string | boolean | string[] | undefined): number | undefined => {
  const v = opt(s);
  return v === undefined ? undefined : Number(v);
};
