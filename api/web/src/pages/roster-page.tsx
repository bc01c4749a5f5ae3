import { Placeholder } from '../components/placeholder.js';

export function RosterPage() {
  return <Placeholder title="placeholder.title" />;
}
