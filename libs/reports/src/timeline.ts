import type { EntityManager } from 'typeorm';
import type { NewEvent } from '@app/workflow';

export interface EventActor {
  id: string | null;
  roles: string[];
}

export interface TimelineEntry {
  reportId: string;
  actor: EventActor;
  event: NewEvent;
}

/**
 * The INSERT of timeline rows (the timeline is also the outbox), for any number of reports, with its parameters
 * numbered from `$first` on, so that it can run alone or as a data-modifying CTE beside the statement that
 * changes the reports. Returns `id` per row, in the order given.
 */
export function timelineInsert(entries: TimelineEntry[], first = 1): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const rows = entries.map(({ reportId, actor, event: e }) => {
    const b = first + params.length;
    params.push(reportId, e.type, e.fromStatus, e.toStatus, actor.id, actor.roles, e.internal, JSON.stringify(e.data));
    return `($${b}::uuid, $${b + 1}, $${b + 2}, $${b + 3}, $${b + 4}::uuid, $${b + 5}::text[], $${b + 6}::boolean, $${b + 7}::jsonb)`;
  });
  return {
    sql: `INSERT INTO report_events (report_id, type, from_status, to_status, actor_id, actor_roles, internal, data)
          VALUES ${rows.join(', ')} RETURNING id`,
    params,
  };
}

/** Appends events to one report's timeline and returns their ids, in order. */
export async function appendEvents(
  m: EntityManager,
  reportId: string,
  actor: EventActor,
  events: NewEvent[],
): Promise<string[]> {
  if (!events.length) return [];
  const { sql, params } = timelineInsert(events.map((event) => ({ reportId, actor, event })));
  const inserted: Array<{ id: string }> = await m.query(sql, params);
  return inserted.map((r) => r.id);
}
