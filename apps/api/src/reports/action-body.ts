// The body of POST /reports/:id/actions/:action (docs/api.md#actions), derived from the action registry
// (@app/workflow actions/): each action's fields become one class-validator class, built once at start, and
// one OpenAPI schema. Every body may also carry expectedVersion for optimistic concurrency.
import { plainToInstance, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsDefined,
  IsInt,
  IsLatitude,
  IsLongitude,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
  ValidateNested,
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
  type Bounds,
  type Command,
  type Field,
  type LatLng,
} from '@app/workflow';

class ActionBody {
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) expectedVersion?: number;
}

/** The class of a point field's value, `{ lat, lng }` within the field's bounds. */
function pointClass(bounds: Bounds): new () => LatLng {
  const Point = class {
    lat: number;
    lng: number;
  };
  const within = (min: number, max: number, name: string) => [
    Min(min, { message: `${name} must be between ${min} and ${max}` }),
    Max(max, { message: `${name} must be between ${min} and ${max}` }),
  ];
  for (const decorate of [IsLatitude(), ...within(bounds.minLat, bounds.maxLat, 'lat')])
    decorate(Point.prototype, 'lat');
  for (const decorate of [IsLongitude(), ...within(bounds.minLng, bounds.maxLng, 'lng')])
    decorate(Point.prototype, 'lng');
  return Point;
}

function validatorsOf(field: Field, name: string): PropertyDecorator[] {
  const optional = field.optional ? [IsOptional()] : [];
  switch (field.kind) {
    case 'text':
      return [...optional, NormalizedText(), IsString(), MinLength(1), MaxLength(field.maxLength)];
    case 'id':
      return [...optional, IsUUID()];
    case 'id_or_null':
      // Null is a value (e.g. "nobody"); a missing field is not.
      return [...optional, ValidateIf((o: Record<string, unknown>) => o[name] !== null), IsDefined(), IsUUID()];
    case 'point': {
      const Point = pointClass(field.bounds);
      // ValidateNested alone lets a missing or non-object value through: IsObject refuses it.
      return [...optional, IsObject(), ValidateNested(), Type(() => Point)];
    }
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
    for (const decorate of validatorsOf(field, name)) decorate(Body.prototype, name);
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
    case 'id_or_null':
      return { type: 'string', format: 'uuid', nullable: true };
    case 'point': {
      const { minLat, maxLat, minLng, maxLng } = field.bounds;
      return {
        type: 'object',
        properties: {
          lat: { type: 'number', minimum: minLat, maximum: maxLat },
          lng: { type: 'number', minimum: minLng, maximum: maxLng },
        },
        required: ['lat', 'lng'],
        additionalProperties: false,
      };
    }
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
