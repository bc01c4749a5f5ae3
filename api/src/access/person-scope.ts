import { listCandidatePersonIds, loadAccessFacts, type PgPool } from '../../../core/src/index.js';
import { listsEveryone, listsPerson, type Caller } from './policy.js';

/**
 * The people the caller may see in lists: everyone for admins, else the candidates (own
 * person, own facility, people who granted the account something) that the policy lets through.
 */
export async function visiblePersonIds(pool: PgPool, caller: Caller): Promise<string[] | 'all'> {
  if (listsEveryone(caller)) return 'all';
  const candidates = await listCandidatePersonIds(pool, caller);
  if (candidates.length === 0) return [];
  const facts = await loadAccessFacts(pool, caller, candidates);
  return [...facts.values()].filter((f) => listsPerson(caller, f)).map((f) => f.personId);
}
