import type { Database, Kysely } from '@app/database';
import type { NewEvent, Role } from '@app/workflow';

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
 * The INSERT of timeline rows (the timeline is also the outbox), for any number of reports, so that it can run
 * alone or as a data-modifying CTE beside the statement that changes the reports (inside Kysely's `sql` tag).
 * Returns `id` per row, in the order given.
 */
export function timelineInsert(db: Kysely<Database>, entries: TimelineEntry[]) {
  return db
    .insertInto('reportEvents')
    .values(
      entries.map(({ reportId, actor, event: e }) => ({
        reportId,
        type: e.type,
        fromStatus: e.fromStatus,
        toStatus: e.toStatus,
        actorId: actor.id,
        // Besides accounts' roles the timeline names 'system' and 'integration' (schema.ts types the column Role[]).
        actorRoles: actor.roles as Role[],
        internal: e.internal,
        data: JSON.stringify(e.data),
      })),
    )
    .returning('id');
}

/** Appends events to one report's timeline (`db`: the caller's transaction) and returns their ids, in order. */
export async function appendEvents(
  db: Kysely<Database>,
  reportId: string,
  actor: EventActor,
  events: NewEvent[],
): Promise<string[]> {
  if (!events.length) return [];
  const inserted = await timelineInsert(
    db,
    events.map((event) => ({ reportId, actor, event })),
  ).execute();
  return inserted.map((r) => r.id);
}
