import { ValidationError, ValidationPipe } from '@nestjs/common';
import { buildMessage, isISO8601, ValidateBy, type ValidationOptions } from 'class-validator';
import { validationFailed } from './errors';

/** Flattens nested class-validator errors into `{ "location.lat": ["lat must not be greater than 24"] }`. */
export function flattenValidationErrors(errors: ValidationError[], prefix = ''): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const error of errors) {
    const path = prefix ? `${prefix}.${error.property}` : error.property;
    if (error.constraints) out[path] = Object.values(error.constraints);
    if (error.children?.length) Object.assign(out, flattenValidationErrors(error.children, path));
  }
  return out;
}

/** Global input validation: strip nothing silently, refuse unknown fields, convert types. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => validationFailed({ fields: flattenValidationErrors(errors) }),
  });
}

/** A calendar date, optionally with a time: `2026-03-01`, `2026-03-01T08:00:00+07:00`, `2026-03-01T01:00:00Z`. */
const CALENDAR_DATE_TIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * A date or date-time that JavaScript and PostgreSQL both read as the same instant. class-validator's IsISO8601
 * also accepts week dates (`2020-W01`), ordinal dates and the basic format (`20200101`), which `new Date()` cannot
 * read: they used to reach the database as Invalid Date and answer 500.
 */
export const IsCalendarDateTime = (options?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'isCalendarDateTime',
      validator: {
        validate: (value) =>
          typeof value === 'string' &&
          CALENDAR_DATE_TIME.test(value) &&
          isISO8601(value, { strict: true }) &&
          Number.isFinite(Date.parse(value)),
        defaultMessage: buildMessage(
          (prefix) => `${prefix}$property must be a date as YYYY-MM-DD or an ISO 8601 date-time`,
          options,
        ),
      },
    },
    options,
  );
