// The body of POST /reports/:id/actions/:action (docs/api.md#actions), derived from the action registry
// (@app/workflow actions/): each action's fields become one class-validator class, built once at start, and
// one OpenAPI schema. Every body may also carry expectedVersion for optimistic concurrency.
import { plainToInstance, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
  validateSync,
} from 'class-validator';
import { flattenValidationErrors, NormalizedText, validationFailed } from '@app/common';
import {
  ACTIONS,
  ACTION_SLUGS,
  actionFromSlug,
  CLIENT_ACTIONS,
  type ActionName,
  type BodyFields,
  type Command,
  type Field,
} from '@app/workflow';

class ActionBody {
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) expectedVersion?: number;
}

function validatorsOf(field: Field): PropertyDecorator[] {
  const optional = field.optional ? [IsOptional()] : [];
  switch (field.kind) {
    case 'text':
      return [...optional, NormalizedText(), IsString(), MinLength(1), MaxLength(field.maxLength)];
    case 'id':
      return [...optional, IsUUID()];
    case 'ids':
      return [...optional, IsArray(), ArrayMaxSize(field.maxItems), IsUUID('all', { each: true })];
    case 'integer':
      return [...optional, IsInt(), Min(field.minimum), Max(field.maximum)];
    case 'flag':
      return [...optional, IsBoolean()];
    case 'choice':
      return [...optional, IsIn([...field.values])];
  }
}

/** One class per action, decorated from its fields as a hand-written DTO would be. */
function bodyClass(fields: BodyFields): new () => ActionBody {
  const Body = class extends ActionBody {};
  for (const [name, field] of Object.entries(fields)) {
    for (const decorate of validatorsOf(field)) decorate(Body.prototype, name);
  }
  return Body;
}

// The system's own actions (no_response) have no body a client could send.
const BODIES = new Map(CLIENT_ACTIONS.map((a) => [a, bodyClass(ACTIONS[a].body)] as const));

/** The slugs the route accepts. */
export const ACTION_SLUG_LIST = CLIENT_ACTIONS.map((a) => ACTION_SLUGS[a]);

/** Parses `/actions/:action` and its body into a workflow command; 400 for an unknown action or a bad body. */
export function parseAction(slug: string, body: unknown): { command: Command; expectedVersion?: number } {
  const action = actionFromSlug(slug);
  const Body = action && BODIES.get(action);
  if (!action || !Body)
    throw validationFailed({ fields: { action: [`unknown action; one of ${ACTION_SLUG_LIST.join(', ')}`] } });
  const dto = plainToInstance(Body, body ?? {});
  const errors = validateSync(dto, { whitelist: true, forbidNonWhitelisted: true });
  if (errors.length) throw validationFailed({ fields: flattenValidationErrors(errors) });
  const { expectedVersion, ...rest } = dto;
  return { command: { action, ...rest } as Command, expectedVersion };
}

type JsonSchema = Record<string, unknown>;

function schemaOf(field: Field): JsonSchema {
  switch (field.kind) {
    case 'text':
      return { type: 'string', minLength: 1, maxLength: field.maxLength, description: 'trimmed, NFC-normalised' };
    case 'id':
      return { type: 'string', format: 'uuid' };
    case 'ids':
      return { type: 'array', maxItems: field.maxItems, items: { type: 'string', format: 'uuid' } };
    case 'integer':
      return { type: 'integer', minimum: field.minimum, maximum: field.maximum };
    case 'flag':
      return { type: 'boolean' };
    case 'choice':
      return { type: 'string', enum: [...field.values] };
  }
}

/** The OpenAPI schema of one action's body. */
export function actionBodySchema(action: ActionName): JsonSchema {
  const { body, label } = ACTIONS[action];
  const fields = Object.entries(body as BodyFields);
  const required = fields.filter(([, f]) => !f.optional).map(([name]) => name);
  return {
    title: ACTION_SLUGS[action],
    description: `${label} (POST …/actions/${ACTION_SLUGS[action]})`,
    type: 'object',
    properties: {
      ...Object.fromEntries(fields.map(([name, f]) => [name, schemaOf(f)])),
      expectedVersion: {
        type: 'integer',
        minimum: 1,
        description: 'the version the client saw; 409 VERSION_CONFLICT if the report changed since',
      },
    },
    ...(required.length ? { required } : {}),
    additionalProperties: false,
  };
}

/** The route's body: one of the actions' bodies, the one named by the path's `action`. */
export const ACTION_BODIES_SCHEMA: JsonSchema = { oneOf: CLIENT_ACTIONS.map(actionBodySchema) };
