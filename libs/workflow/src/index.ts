export * from './workflow.types';
export { TRANSITIONS, decide, applyPatch, replay, partiesOf } from './workflow';
export type { Transition, TableClock, Party } from './workflow';
export { isPublicEventData, isPublished, publishedSql } from './published';
