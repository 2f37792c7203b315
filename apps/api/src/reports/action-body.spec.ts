// The bodies of the action route, as the registry's fields make them: the rules a client's input meets before
// the workflow sees it (the workflow's own rules are libs/workflow/src/actions/actions.spec.ts).
import { AppError } from '@app/common';
import { ACTIONS, CLIENT_ACTIONS, type BodyFields } from '@app/workflow';
import { ACTION_BODIES_SCHEMA, actionBodySchema, parseAction } from './action-body';

const ID = '2f1d3c4b-5a69-4788-9abc-def012345678';

/** The fields the route reports as wrong, or 'ok'. */
function refused(slug: string, body: unknown): string[] | 'ok' {
  try {
    parseAction(slug, body);
    return 'ok';
  } catch (e) {
    if (!(e instanceof AppError) || e.code !== 'VALIDATION_FAILED') throw e;
    return Object.keys((e.details as { fields: Record<string, string[]> }).fields);
  }
}

describe('action bodies', () => {
  it.each([
    ['return', { reason: '  ' }, 'reason'],
    ['send-back', { reason: '' }, 'reason'],
    ['reopen', { reason: ' ' }, 'reason'],
    ['deny-extension', { reason: '' }, 'reason'],
    ['request-extension', { workingDays: 2, reason: '' }, 'reason'],
    ['reject', { reason: 'spam', note: '' }, 'note'],
    ['request-info', { question: '\n' }, 'question'],
    ['submit-result', { text: '' }, 'text'],
    ['note', { text: ' ', internal: true }, 'text'],
    ['assign', { agencyId: '' }, 'agencyId'],
  ])('%s refuses a blank %j', (slug, body, field) => {
    expect(refused(slug, body)).toEqual([field]);
  });

  it('refuses values outside each field', () => {
    expect(refused('reject', { reason: 'duplicate', note: 'x' })).toEqual(['reason']);
    expect(refused('rate', { satisfied: 'yes' })).toEqual(['satisfied']);
    expect(refused('note', { text: 'x' })).toEqual(['internal']);
    expect(refused('mark-duplicate', { duplicateOfId: 'PA-2026-000001' })).toEqual(['duplicateOfId']);
    expect(refused('provide-info', { text: 'x', attachmentIds: ['a1'] })).toEqual(['attachmentIds']);
    expect(refused('request-info', { question: 'x'.repeat(2001) })).toEqual(['question']);
    expect(refused('withdraw', { reason: 'x' })).toEqual(['reason']);
  });

  // One limit per rule: the field in the registry, not a copy here.
  it.each([
    [0, ['workingDays']],
    [6, ['workingDays']],
    [2.5, ['workingDays']],
    [1, 'ok'],
    [5, 'ok'],
  ] as const)('takes %s working days of extension: %j', (workingDays, outcome) => {
    expect(refused('request-extension', { workingDays, reason: 'Chờ vật tư' })).toEqual(outcome);
  });

  it('takes an id or null where null is a value, never a missing one (delegate)', () => {
    expect(refused('delegate', { assigneeId: ID })).toBe('ok');
    expect(refused('delegate', { assigneeId: null })).toBe('ok');
    expect(refused('delegate', {})).toEqual(['assigneeId']);
    expect(refused('delegate', { assigneeId: 'u-1' })).toEqual(['assigneeId']);
    expect(parseAction('delegate', { assigneeId: null }).command).toEqual({ action: 'delegate', assigneeId: null });
  });

  it('takes a point inside Vietnam as { lat, lng } and nothing else (reclassify)', () => {
    expect(refused('reclassify', { location: { lat: 21.59, lng: 105.85 } })).toBe('ok');
    expect(refused('reclassify', { location: { lat: 48.85, lng: 2.35 } })).toEqual(['location.lat', 'location.lng']);
    expect(refused('reclassify', { location: { lat: 21.59 } })).toEqual(['location.lng']);
    expect(refused('reclassify', { location: { lat: 21.59, lng: 105.85, alt: 3 } })).toEqual(['location.alt']);
    expect(refused('reclassify', { location: '21.59,105.85' })).toEqual(['location']);
    expect(refused('reclassify', { priority: 'critical' })).toEqual(['priority']);
    expect(actionBodySchema('reclassify')).toMatchObject({
      properties: { location: { type: 'object', required: ['lat', 'lng'] } },
    });
    expect(actionBodySchema('delegate')).toMatchObject({
      properties: { assigneeId: { format: 'uuid', nullable: true } },
      required: ['assigneeId'],
    });
  });

  it("refuses an unknown action and the system's own", () => {
    expect(refused('fly-away', {})).toEqual(['action']);
    expect(refused('no-response', {})).toEqual(['action']);
    expect(refused('request_info', { question: 'x' })).toEqual(['action']);
  });

  it('makes a command: trimmed NFC text, the version apart', () => {
    const decomposed = '  Đe\u0302\u0300n hỏng  ';
    expect(parseAction('note', { text: decomposed, internal: false, expectedVersion: '3' })).toEqual({
      command: { action: 'note', text: 'Đền hỏng', internal: false },
      expectedVersion: 3,
    });
    expect(parseAction('provide-info', { attachmentIds: [ID] }).command).toEqual({
      action: 'provide_info',
      attachmentIds: [ID],
    });
    expect(parseAction('acknowledge', undefined)).toEqual({
      command: { action: 'acknowledge' },
      expectedVersion: undefined,
    });
  });

  it('describes every body the route takes in OpenAPI, from the same fields', () => {
    const schemas = ACTION_BODIES_SCHEMA.oneOf as Array<{ title: string }>;
    expect(schemas.map((s) => s.title)).toEqual(CLIENT_ACTIONS.map((a) => a.replace(/_/g, '-')));
    expect(actionBodySchema('request_extension')).toMatchObject({
      required: ['workingDays', 'reason'],
      additionalProperties: false,
      properties: {
        workingDays: { type: 'integer', minimum: 1, maximum: 5 },
        reason: { type: 'string', minLength: 1, maxLength: 2000 },
      },
    });
    for (const a of CLIENT_ACTIONS) {
      const { properties } = actionBodySchema(a) as { properties: Record<string, unknown> };
      expect(Object.keys(properties).sort()).toEqual(
        [...Object.keys(ACTIONS[a].body as BodyFields), 'expectedVersion'].sort(),
      );
    }
  });
});
