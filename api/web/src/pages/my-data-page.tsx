import { Placeholder } from '../components/placeholder.js';

export function MyDataPage() {
  return <Placeholder title="placeholder.title" />;
}
