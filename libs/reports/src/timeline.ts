import type { EntityManager } from 'typeorm';
import type { WorkflowEvent } from '@app/workflow';

export interface EventActor {
  id: string | null;
  roles: string[];
}

/** Appends events to a report's timeline (which is also the outbox) and returns their ids, in order. */
export async function appendEvents(
  m: EntityManager,
  reportId: string,
  actor: EventActor,
  events: Array<Pick<WorkflowEvent, 'type' | 'internal' | 'data'> & { fromStatus: string | null; toStatus: string | null }>,
): Promise<string[]> {
  if (!events.length) return [];
  const values: unknown[] = [];
  const rows = events.map((e, i) => {
    values.push(reportId, e.type, e.fromStatus, e.toStatus, actor.id, actor.roles, e.internal, JSON.stringify(e.data));
    const b = i * 8;
    return `($${b + 1}, $${b + 2}, $${b + 3}, $${b + 4}, $${b + 5}, $${b + 6}, $${b + 7}, $${b + 8})`;
  });
  const inserted: Array<{ id: string }> = await m.query(
    `INSERT INTO report_events (report_id, type, from_status, to_status, actor_id, actor_roles, internal, data)
     VALUES ${rows.join(', ')} RETURNING id`,
    values,
  );
  return inserted.map((r) => r.id);
}
