import { Placeholder } from '../components/placeholder.js';

export function ResidentPage(_: { id: string }) {
  return <Placeholder title="placeholder.title" />;
}
