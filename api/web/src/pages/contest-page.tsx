import { Placeholder } from '../components/placeholder.js';

export function ContestPage() {
  return <Placeholder title="placeholder.title" />;
}
