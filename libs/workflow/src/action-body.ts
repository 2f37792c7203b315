// The fields of an action's body and their limits, as data: each limit is written once, in the action's entry
// (actions/*.ts). The action route builds its validation from them (apps/api/src/reports/action-body.ts), the
// API description shows them, and the console sizes its inputs from them. Browser-safe.
import type { LatLng } from './workflow.types';

export type Field =
  /** Free text, NFC-normalised and trimmed, then 1 to `maxLength` characters. */
  | { kind: 'text'; maxLength: number; optional?: true }
  | { kind: 'id'; optional?: true }
  /** An id that must be sent but may be null, a value of its own (delegate: null clears the assignee). */
  | { kind: 'id_or_null'; optional?: true }
  /** A point `{ lat, lng }` within `bounds`. */
  | { kind: 'point'; bounds: Bounds; optional?: true }
  | { kind: 'ids'; maxItems: number; optional?: true }
  | { kind: 'integer'; minimum: number; maximum: number; optional?: true }
  | { kind: 'flag'; optional?: true }
  | { kind: 'choice'; values: readonly string[]; optional?: true };

export type BodyFields = Readonly<Record<string, Field>>;

export interface Bounds {
  minLat: number;
  maxLat: number;
  minLng: number;
  maxLng: number;
}

/** Vietnam's mainland plus the Hoàng Sa and Trường Sa archipelagos; a point outside is a client bug or a spoof. */
export const VN_BOUNDS: Readonly<Bounds> = Object.freeze({ minLat: 8.0, maxLat: 23.5, minLng: 102.0, maxLng: 117.9 });

export const text = (maxLength: number) => ({ kind: 'text', maxLength }) as const;
/** The id (UUID) of another row: an agency, a report. */
export const id = () => ({ kind: 'id' }) as const;
/** An id that must be sent but may be null. */
export const idOrNull = () => ({ kind: 'id_or_null' }) as const;
/** A point in Vietnam (the bounds a report's point is filed within). */
export const point = () => ({ kind: 'point', bounds: VN_BOUNDS }) as const;
/** Ids of the actor's own uploads, attached to the report with the event. */
export const ids = (maxItems: number) => ({ kind: 'ids', maxItems }) as const;
export const integer = (minimum: number, maximum: number) => ({ kind: 'integer', minimum, maximum }) as const;
export const flag = () => ({ kind: 'flag' }) as const;
export const choice = <const V extends string>(values: readonly V[]) => ({ kind: 'choice', values }) as const;
export const optional = <F extends Field>(field: F): F & { optional: true } => ({ ...field, optional: true });

/** Limits shared by several actions. */
export const LIMITS = {
  /** A question, reason or short note. */
  shortText: 2000,
  /** A note or an agency's result. */
  longText: 5000,
  /** Photos with one answer or result (the per-report cap, UPLOAD_MAX_PER_REPORT, is the uploads' own). */
  attachments: 20,
} as const;

type ValueOf<F extends Field> = F extends { kind: 'id_or_null' }
  ? string | null
  : F extends { kind: 'text' | 'id' }
    ? string
    : F extends { kind: 'point' }
      ? LatLng
      : F extends { kind: 'ids' }
        ? string[]
        : F extends { kind: 'integer' }
          ? number
          : F extends { kind: 'flag' }
            ? boolean
            : F extends { kind: 'choice'; values: readonly (infer V)[] }
              ? V
              : never;

/** The body an action's fields describe, as its effect receives it. */
export type BodyOf<B extends BodyFields> = {
  -readonly [K in keyof B as B[K] extends { optional: true } ? never : K]: ValueOf<B[K]>;
} & {
  -readonly [K in keyof B as B[K] extends { optional: true } ? K : never]?: ValueOf<B[K]>;
};
