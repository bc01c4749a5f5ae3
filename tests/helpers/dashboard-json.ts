import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const GENERATED_DIR = fileURLToPath(new URL('../../dashboards/generated/', import.meta.url));

export interface DashboardTarget {
  refId?: string;
  datasource?: { type?: string; uid?: string };
  query?: string;
  expr?: string;
  rawQuery?: boolean;
  resultFormat?: string;
  [k: string]: unknown;
}

export interface DashboardPanel {
  type: string;
  id?: number;
  title?: string;
  description?: string;
  gridPos?: { x: number; y: number; w: number; h: number };
  datasource?: { type?: string; uid?: string };
  targets?: DashboardTarget[];
  panels?: DashboardPanel[];
  [k: string]: unknown;
}

export interface DashboardJson {
  uid: string;
  title: string;
  schemaVersion: number;
  panels: DashboardPanel[];
  templating: {
    list?: Array<{ name: string; type: string; query?: unknown; datasource?: { type?: string; uid?: string } }>;
  };
  [k: string]: unknown;
}

/** The committed dashboards (what Grafana provisions), by file name without .json. */
export function loadGeneratedDashboards(): Map<string, DashboardJson> {
  const files = readdirSync(GENERATED_DIR).filter((f) => f.endsWith('.json'));
  return new Map(
    files.map((f) => [f.replace(/\.json$/, ''), JSON.parse(readFileSync(join(GENERATED_DIR, f), 'utf8'))]),
  );
}

/** Every panel, rows' inner panels included, rows themselves excluded. */
export function allPanels(d: DashboardJson): DashboardPanel[] {
  return d.panels.flatMap((p) => (p.type === 'row' ? (p.panels ?? []) : [p]));
}

/** Every target of every panel, with where it came from. */
export function allTargets(d: DashboardJson): Array<{ panel: DashboardPanel; target: DashboardTarget }> {
  return allPanels(d).flatMap((panel) => (panel.targets ?? []).map((target) => ({ panel, target })));
}
