// The fields of an action's body and their limits, as data: each limit is written once, in the action's entry
// (actions/*.ts). The action route builds its validation from them (apps/api/src/reports/action-body.ts), the
// API description shows them, and the console sizes its inputs from them. Browser-safe.

export type Field =
  /** Free text, NFC-normalised and trimmed, then 1 to `maxLength` characters. */
  | { kind: 'text'; maxLength: number; optional?: true }
  | { kind: 'id'; optional?: true }
  | { kind: 'ids'; maxItems: number; optional?: true }
  | { kind: 'integer'; minimum: number; maximum: number; optional?: true }
  | { kind: 'flag'; optional?: true }
  | { kind: 'choice'; values: readonly string[]; optional?: true };

export type BodyFields = Readonly<Record<string, Field>>;

export const text = (maxLength: number) => ({ kind: 'text', maxLength }) as const;
/** The id (UUID) of another row: an agency, a report. */
export const id = () => ({ kind: 'id' }) as const;
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

type ValueOf<F extends Field> = F extends { kind: 'text' | 'id' }
  ? string
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
