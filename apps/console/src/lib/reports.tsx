// The workflow actions a desk takes on a report (docs/api.md#reports): which ones the server allows now
// (`allowedActions`), and running one with the version the user was looking at.
import { ACTION_SLUGS, type ActionName, type BodyOfAction } from '@app/workflow';
import type { paths } from './api-types';
import { client, data, type ReportView } from './client';

type ActionPath = paths['/api/v1/reports/{id}/actions/{action}']['post']['parameters']['path'];
import { queryClient } from './queries';

/**
 * Runs a workflow action (POST /reports/:id/actions/:slug) with the version the user was looking at; the body is
 * typed by the action's fields in the registry (@app/workflow actions/). The answer is the report after it.
 */
export async function act<A extends ActionName>(
  report: Pick<ReportView, 'id' | 'version'>,
  action: A,
  body: BodyOfAction<A>,
): Promise<ReportView> {
  try {
    const updated = await data(
      client.POST('/api/v1/reports/{id}/actions/{action}', {
        // The registry compiled from source may know an action the generated types do not yet: the server decides.
        params: { path: { id: report.id, action: ACTION_SLUGS[action] as ActionPath['action'] } },
        body: { ...body, expectedVersion: report.version } as never,
      }),
    );
    queryClient.setQueryData(['report', report.id], updated);
    return updated;
  } finally {
    // Whatever the answer (a 409 means someone else changed it), what the desks show of it is stale now.
    void queryClient.invalidateQueries({ queryKey: ['report', report.id] });
    void queryClient.invalidateQueries({ queryKey: ['timeline', report.id] });
    void queryClient.invalidateQueries({ queryKey: ['reports'] });
  }
}

/** Whether the server offers this action to the user on this report now. */
export const can = (report: Pick<ReportView, 'allowedActions'> | null | undefined, action: ActionName): boolean =>
  !!(report?.allowedActions as readonly string[] | undefined)?.includes(ACTION_SLUGS[action]);
