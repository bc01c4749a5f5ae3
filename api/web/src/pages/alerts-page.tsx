import { Placeholder } from '../components/placeholder.js';

export function AlertsPage() {
  return <Placeholder title="placeholder.title" />;
}
