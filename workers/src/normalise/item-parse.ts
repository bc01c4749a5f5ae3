import type { z } from 'zod';

type Path = ReadonlyArray<PropertyKey>;

export interface ItemReject {
  raw: unknown;
  detail: string;
}

const describe = (base: Path, issues: ReadonlyArray<{ path: Path; message: string }>) =>
  issues
    .slice(0, 5)
    .map((i) => `${[...base, ...i.path].map(String).join('.')}: ${i.message}`)
    .join('; ');

function startsWith(path: Path, prefix: Path): boolean {
  return prefix.every((p, i) => path[i] === p);
}

function getAt(value: unknown, path: Path): unknown {
  return path.reduce<unknown>((v, k) => (v as Record<PropertyKey, unknown> | undefined)?.[k], value);
}

/** Copy of `value` with the given indices removed from the array at `path` (copies only along the path). */
function withoutItems(value: unknown, path: Path, drop: Set<number>): unknown {
  if (path.length === 0) return (value as unknown[]).filter((_, i) => !drop.has(i));
  const [head, ...rest] = path;
  const obj = value as Record<PropertyKey, unknown>;
  return { ...obj, [head!]: withoutItems(obj[head!], rest, drop) };
}

/**
 * Parses a vendor document so that a bad item of one of its lists (a dataset entry, an epoch)
 * is rejected alone, like a bad reading of a canonical message: items named by the issues are
 * removed and the rest parsed again. Any problem outside those lists rejects the whole document.
 * `base` prefixes the paths in the details (e.g. ['payload']).
 */
export function parseWithItemRejects<T>(
  schema: z.ZodType<T>,
  raw: unknown,
  itemArrays: ReadonlyArray<readonly string[]>,
  base: Path,
): { data: T | null; rejected: ItemReject[] } {
  let value = raw;
  const rejected: ItemReject[] = [];
  for (let pass = 0; pass < 3; pass++) {
    const r = schema.safeParse(value);
    if (r.success) return { data: r.data, rejected };
    const drops = new Map<readonly string[], Map<number, Array<{ path: Path; message: string }>>>();
    let wholeDocument = false;
    for (const issue of r.error.issues) {
      const list = itemArrays.find((a) => startsWith(issue.path, a) && typeof issue.path[a.length] === 'number');
      if (!list) {
        wholeDocument = true;
        break;
      }
      const byIndex = drops.get(list) ?? drops.set(list, new Map()).get(list)!;
      const index = issue.path[list.length] as number;
      byIndex.set(index, [...(byIndex.get(index) ?? []), { path: issue.path, message: issue.message }]);
    }
    if (wholeDocument) return { data: null, rejected: [{ raw, detail: describe(base, r.error.issues) }] };
    for (const [list, byIndex] of drops) {
      const items = getAt(value, list) as unknown[];
      for (const [index, issues] of byIndex) rejected.push({ raw: items[index], detail: describe(base, issues) });
      value = withoutItems(value, list, new Set(byIndex.keys()));
    }
  }
  return { data: null, rejected: [{ raw, detail: `${base.map(String).join('.')}: too many bad items` }] };
}
