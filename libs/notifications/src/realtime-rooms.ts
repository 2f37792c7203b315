// Names shared by the API's socket.io gateway (which puts sockets in rooms) and the worker (which emits to
// them through Redis). Pure: no framework imports.
import { AGENCY_ROLES, CENTRE_QUEUE_ROLES, hasAnyRole, LEADERSHIP_ROLES } from '@app/workflow';

/** The socket.io namespace of the real-time API (docs/api.md#real-time). */
export const REALTIME_NAMESPACE = '/realtime';

export const rooms = {
  user: (userId: string) => `user:${userId}`,
  agency: (agencyId: string) => `agency:${agencyId}`,
  centre: 'centre',
  leadership: 'leadership',
  /**
   * Non-staff subscribers of one report. It hears what the public may know, status changes, and only while the
   * report is public: membership is checked once, at subscribe time, so nothing here may depend on who is in it.
   * The reporter and followers are told in their own user rooms, whatever the report's privacy.
   */
  report: (reportId: string) => `report:${reportId}`,
  /**
   * Centre staff watching one report: they also hear its internal events. Agency staff hear their cases'
   * internal events through their agency room instead, which follows the case when it moves to another agency.
   */
  reportStaff: (reportId: string) => `report:${reportId}:staff`,
} as const;

/**
 * The Redis pub/sub key of socket.io, derived from REDIS_PREFIX so that the API's adapter and the worker's
 * emitter meet on the same channels while other deployments (or parallel test files) sharing a Redis do not.
 */
export const socketIoKey = (redisPrefix: string) => `${redisPrefix}:socket.io`;

/** The rooms a connected user joins automatically, from their account as it is when the socket connects. */
export function roomsForUser(user: { id: string; roles: readonly string[]; agencyId: string | null }): string[] {
  const out = [rooms.user(user.id)];
  if (user.agencyId && hasAnyRole(user.roles, AGENCY_ROLES)) out.push(rooms.agency(user.agencyId));
  if (hasAnyRole(user.roles, CENTRE_QUEUE_ROLES)) out.push(rooms.centre);
  if (hasAnyRole(user.roles, LEADERSHIP_ROLES)) out.push(rooms.leadership);
  return out;
}
