// The action registry: every action of the report workflow, one entry each (action-definition.ts). The names,
// slugs, commands and the event → action map are derived from it. Browser-safe.
import type { BodyOf } from '../action-body';
import type { EventType } from '../events';
import { HANDLING_ACTIONS } from './handling';
import { INTAKE_ACTIONS } from './intake';
import { NOTE_ACTIONS } from './note';
import { OUTCOME_ACTIONS } from './outcome';

export const ACTIONS = { ...INTAKE_ACTIONS, ...HANDLING_ACTIONS, ...OUTCOME_ACTIONS, ...NOTE_ACTIONS };

export type Actions = typeof ACTIONS;
export type ActionName = keyof Actions;
export const ACTION_NAMES = Object.keys(ACTIONS) as ActionName[];
export const isActionName = (value: unknown): value is ActionName =>
  typeof value === 'string' && Object.hasOwn(ACTIONS, value);

/** The body of one action, as its effect receives it (without expectedVersion, which is the route's). */
export type BodyOfAction<A extends ActionName> = BodyOf<Actions[A]['body']>;
export type CommandOf<A extends ActionName> = { action: A } & BodyOfAction<A>;
export type Command = { [A in ActionName]: CommandOf<A> }[ActionName];

type Kebab<S extends string> = S extends `${infer Head}_${infer Tail}` ? `${Head}-${Kebab<Tail>}` : S;
/** The URL form of an action (`/reports/:id/actions/request-info`), also what allowedActions lists. */
export type ActionSlug = Kebab<ActionName>;

export const ACTION_SLUGS = Object.freeze(
  Object.fromEntries(ACTION_NAMES.map((a) => [a, a.replace(/_/g, '-')])) as { readonly [A in ActionName]: Kebab<A> },
);
const ACTION_BY_SLUG: ReadonlyMap<string, ActionName> = new Map(ACTION_NAMES.map((a) => [ACTION_SLUGS[a], a] as const));

/** Maps a URL slug (`request-info`) to its action (`request_info`); undefined for anything else. */
export const actionFromSlug = (slug: string): ActionName | undefined => ACTION_BY_SLUG.get(slug);

/** Actions a person or an integration takes (through the route); the others are the system's own. */
export const CLIENT_ACTIONS: readonly ActionName[] = ACTION_NAMES.filter((a) =>
  ACTIONS[a].parties.some((p) => p !== 'system'),
);

const ACTION_OF_EVENT: ReadonlyMap<EventType, ActionName> = new Map(
  ACTION_NAMES.flatMap((a) => ACTIONS[a].events.map((e: EventType) => [e, a] as const)),
);

/** The action that records an event (for `report.status_changed`'s `action`); undefined for the system's events. */
export const actionOfEvent = (type: EventType): ActionName | undefined => ACTION_OF_EVENT.get(type);
