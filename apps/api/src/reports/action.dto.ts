import { plainToInstance, Type } from 'class-transformer';
import {
  ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min, MinLength, validateSync,
} from 'class-validator';
import { flattenValidationErrors, NormalizedText, validationFailed } from '@app/common';
import { actionFromSlug, type ActionName, type Command } from '@app/workflow';

// One body class per action (docs/api.md#actions). Every body may carry expectedVersion for optimistic concurrency.
class ActionBody {
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) expectedVersion?: number;
}
const Text = (max = 5000) => (target: object, key: string) => {
  NormalizedText()(target, key);
  IsString()(target, key);
  MinLength(1)(target, key);
  MaxLength(max)(target, key);
};
const Attachments = () => (target: object, key: string) => {
  IsOptional()(target, key);
  IsArray()(target, key);
  ArrayMaxSize(20)(target, key);
  IsUUID('all', { each: true })(target, key);
};

class AssignBody extends ActionBody { @IsUUID() agencyId: string; @IsOptional() @Text(2000) note?: string; }
class RequestInfoBody extends ActionBody { @Text(2000) question: string; }
class ProvideInfoBody extends ActionBody { @Text() text: string; @Attachments() attachmentIds?: string[]; }
class RejectBody extends ActionBody { @IsIn(['not_eligible', 'spam']) reason: 'not_eligible' | 'spam'; @Text(2000) note: string; }
class MarkDuplicateBody extends ActionBody { @IsUUID() duplicateOfId: string; }
class ReasonBody extends ActionBody { @Text(2000) reason: string; }
class RequestExtensionBody extends ActionBody { @IsInt() @Min(1) @Max(60) workingDays: number; @Text(2000) reason: string; }
class SubmitResultBody extends ActionBody { @Text() text: string; @Attachments() attachmentIds?: string[]; }
class RateBody extends ActionBody { @IsBoolean() satisfied: boolean; @IsOptional() @Text(2000) comment?: string; }
class NoteBody extends ActionBody { @Text() text: string; @IsBoolean() internal: boolean; }

const BODIES: Partial<Record<ActionName, new () => ActionBody>> = {
  assign: AssignBody,
  request_info: RequestInfoBody,
  provide_info: ProvideInfoBody,
  reject: RejectBody,
  mark_duplicate: MarkDuplicateBody,
  unmark_duplicate: ActionBody,
  withdraw: ActionBody,
  acknowledge: ActionBody,
  return: ReasonBody,
  request_extension: RequestExtensionBody,
  approve_extension: ActionBody,
  deny_extension: ReasonBody,
  submit_result: SubmitResultBody,
  approve_result: ActionBody,
  send_back: ReasonBody,
  reopen: ReasonBody,
  rate: RateBody,
  close: ActionBody,
  note: NoteBody,
  // no_response is the system's own action: it has no slug a client may call.
};

export const ACTION_SLUG_LIST = Object.keys(BODIES).map((a) => a.replace(/_/g, '-'));

/** Parses `/actions/:action` and its body into a workflow command; 400 for an unknown action or a bad body. */
export function parseAction(slug: string, body: unknown): { command: Command; expectedVersion?: number } {
  const action = actionFromSlug(slug);
  const Body = action && BODIES[action];
  if (!action || !Body) throw validationFailed({ fields: { action: [`unknown action; one of ${ACTION_SLUG_LIST.join(', ')}`] } });
  const dto = plainToInstance(Body, body ?? {});
  const errors = validateSync(dto, { whitelist: true, forbidNonWhitelisted: true });
  if (errors.length) throw validationFailed({ fields: flattenValidationErrors(errors) });
  const { expectedVersion, ...rest } = dto;
  return { command: { action, ...rest } as Command, expectedVersion };
}
