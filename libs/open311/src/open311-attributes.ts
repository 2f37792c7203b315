import type { CategoryAttribute } from '@app/database';
import { parseW3cDateTime } from './open311-dates';
import { Open311Error } from './open311-error';

export type AttributeValues = Record<string, string | number | string[]>;

/**
 * Checks `attribute[code]` values against the category's attribute definitions (GeoReport v2 service
 * definition). Values for codes the category does not define are dropped, not refused: some clients send
 * the same extra attributes to every service. Returns the values to keep, typed; throws one 400 naming every
 * problem, so an integrator fixes them in one round.
 */
export function validateAttributes(
  defs: readonly CategoryAttribute[],
  submitted: Record<string, string[]>,
): AttributeValues {
  const out: AttributeValues = {};
  const problems: string[] = [];
  for (const def of defs) {
    const values = (submitted[def.code] ?? []).map((v) => v.normalize('NFC').trim()).filter((v) => v !== '');
    if (!values.length) {
      if (def.required) problems.push(`attribute[${def.code}] is required`);
      continue;
    }
    const keys = new Set((def.values ?? []).map((v) => v.key));
    switch (def.datatype) {
      case 'multivaluelist': {
        const unknown = values.filter((v) => !keys.has(v));
        if (unknown.length) problems.push(`attribute[${def.code}] has values not in its list: ${unknown.join(', ')}`);
        else out[def.code] = [...new Set(values)];
        break;
      }
      case 'singlevaluelist':
        if (values.length > 1) problems.push(`attribute[${def.code}] takes one value`);
        else if (!keys.has(values[0])) problems.push(`attribute[${def.code}] must be one of: ${[...keys].join(', ')}`);
        else out[def.code] = values[0];
        break;
      case 'number': {
        const n = Number(values[0]);
        if (values.length > 1 || !Number.isFinite(n)) problems.push(`attribute[${def.code}] must be one number`);
        else out[def.code] = n;
        break;
      }
      case 'datetime':
        try {
          out[def.code] = parseW3cDateTime(values[0], `attribute[${def.code}]`).toISOString();
        } catch (e) {
          problems.push((e as Error).message);
        }
        break;
      default:
        if (values.length > 1) problems.push(`attribute[${def.code}] takes one value`);
        else if (values[0].length > 2000) problems.push(`attribute[${def.code}] is longer than 2000 characters`);
        else out[def.code] = values[0];
    }
  }
  if (problems.length) throw new Open311Error(400, problems.join('; '));
  return out;
}
