// A list as a table on wide screens and as stacked cards on phones (each cell carries its column name).
import type { ComponentChildren } from 'preact';
import { t, type MessageKey } from '../../i18n/i18n.js';

export interface Column<R> {
  label: MessageKey;
  cell: (row: R) => ComponentChildren;
  num?: boolean;
}

export function DataTable<R>({
  caption,
  columns,
  rows,
  rowKey,
  empty = 'admin.list.empty',
}: {
  caption: string;
  columns: Column<R>[];
  rows: R[];
  rowKey: (r: R) => string;
  empty?: MessageKey;
}) {
  if (!rows.length) return <p class="muted">{t(empty)}</p>;
  const [head, ...rest] = columns;
  return (
    <table class="ad-table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          {columns.map((c) => (
            <th key={c.label} scope="col" class={c.num ? 'num' : undefined}>
              {t(c.label)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={rowKey(r)}>
            <th scope="row" data-label={t(head!.label)}>
              {head!.cell(r)}
            </th>
            {rest.map((c) => (
              <td key={c.label} data-label={t(c.label)} class={c.num ? 'num' : undefined}>
                {c.cell(r)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
