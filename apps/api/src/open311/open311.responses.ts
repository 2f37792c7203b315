// OpenAPI descriptions of the Open311 GeoReport v2 answers (documentation only: libs/open311/src builds one tree
// that renders to XML or JSON, open311-document.ts). Each route answers in the URL's format: the JSON form is
// described field by field; the XML form, the spec's reference format with the same fields, only as a string.
import { applyDecorators, HttpStatus } from '@nestjs/common';
import { ApiExtraModels, ApiProperty, ApiPropertyOptional, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { CONTENT_TYPES } from '../../../../libs/open311/src';

const NEVER_SET = 'always empty (null in JSON, an empty element in XML)';

export class Open311EndpointDto {
  @ApiProperty({ example: 'http://wiki.open311.org/GeoReport_v2' }) specification: string;
  @ApiProperty() url: string;
  @ApiProperty() changeset: string;
  @ApiProperty({ enum: ['production', 'test'] }) type: string;
  @ApiProperty({ type: [String], example: ['text/xml', 'application/json'] }) formats: string[];
}

export class Open311DiscoveryDto {
  @ApiProperty({ description: 'when the shape of this interface last changed' }) changeset: string;
  @ApiProperty() contact: string;
  @ApiProperty() key_service: string;
  @ApiProperty({ type: [Open311EndpointDto] }) endpoints: Open311EndpointDto[];
}

/** A category (lĩnh vực) as a GeoReport service. */
export class Open311ServiceDto {
  @ApiProperty() service_code: string;
  @ApiProperty() service_name: string;
  @ApiProperty() description: string;
  @ApiProperty({ description: 'the service has attributes (GET services/{service_code})' }) metadata: boolean;
  @ApiProperty({ enum: ['realtime'] }) type: string;
  @ApiProperty({ type: String, nullable: true, description: NEVER_SET }) keywords: string | null;
  @ApiProperty({ type: String, nullable: true }) group: string | null;
}

export class Open311AttributeValueDto {
  @ApiProperty() key: string;
  @ApiProperty() name: string;
}

export class Open311AttributeDto {
  @ApiProperty({ enum: [true] }) variable: boolean;
  @ApiProperty() code: string;
  @ApiProperty({ enum: ['string', 'number', 'datetime', 'text', 'singlevaluelist', 'multivaluelist'] })
  datatype: string;
  @ApiProperty() required: boolean;
  @ApiProperty({ type: String, nullable: true, description: NEVER_SET }) datatype_description: string | null;
  @ApiProperty() order: number;
  @ApiProperty() description: string;
  @ApiPropertyOptional({ type: [Open311AttributeValueDto], description: 'value lists only' })
  values?: Open311AttributeValueDto[];
}

export class Open311ServiceDefinitionDto {
  @ApiProperty() service_code: string;
  @ApiProperty({ type: [Open311AttributeDto] }) attributes: Open311AttributeDto[];
}

const DETAILED_STATUSES = ['RECEIVED', 'IN_PROCESS', 'PROCESSED', 'ARCHIVED', 'REJECTED'];

export class Open311RequestExtensionsDto {
  @ApiProperty({ description: "the report's code" }) code: string;
  @ApiProperty({ enum: DETAILED_STATUSES }) detailed_status: string;
}

/** A public service request: the report's public view only, never the reporter (open311-request.view.ts). */
export class Open311ServiceRequestDto {
  @ApiProperty({ format: 'uuid' }) service_request_id: string;
  @ApiProperty({ enum: ['open', 'closed'] }) status: string;
  @ApiProperty() status_notes: string;
  @ApiProperty() service_name: string;
  @ApiProperty() service_code: string;
  @ApiProperty() description: string;
  @ApiProperty({ type: String, nullable: true }) agency_responsible: string | null;
  @ApiProperty({ type: String, nullable: true, description: NEVER_SET }) service_notice: string | null;
  @ApiProperty({ format: 'date-time' }) requested_datetime: string;
  @ApiProperty({ format: 'date-time' }) updated_datetime: string;
  @ApiProperty({ type: String, nullable: true, description: NEVER_SET }) expected_datetime: string | null;
  @ApiProperty({ type: String, nullable: true }) address: string | null;
  @ApiProperty({ type: String, nullable: true, description: NEVER_SET }) address_id: string | null;
  @ApiProperty({ type: String, nullable: true, description: NEVER_SET }) zipcode: string | null;
  @ApiProperty({ type: Number, nullable: true }) lat: number | null;
  @ApiProperty({ type: Number, nullable: true }) long: number | null;
  @ApiProperty({ type: String, nullable: true }) media_url: string | null;
  @ApiPropertyOptional({ type: Open311RequestExtensionsDto, description: 'with `extensions=true` only' })
  extended_attributes?: Open311RequestExtensionsDto;
}

/** The answer to POST requests: the new request's id at once (type `realtime`, no token round trip). */
export class Open311CreatedRequestDto {
  @ApiProperty({ format: 'uuid' }) service_request_id: string;
  @ApiProperty() service_notice: string;
  @ApiProperty({ type: String, nullable: true, description: NEVER_SET }) account_id: string | null;
}

export class Open311TokenDto {
  @ApiProperty({ format: 'uuid' }) service_request_id: string;
  @ApiProperty({ format: 'uuid' }) token: string;
}

export class Open311UpdateExtensionsDto {
  @ApiProperty({ enum: DETAILED_STATUSES }) detailed_status: string;
}

/** One public update of a request (the servicerequestupdates extension; open311-update.view.ts). */
export class Open311RequestUpdateDto {
  @ApiProperty({ format: 'uuid' }) update_id: string;
  @ApiProperty({ format: 'uuid' }) service_request_id: string;
  @ApiProperty({ enum: ['open', 'closed'] }) status: string;
  @ApiProperty({ format: 'date-time' }) updated_datetime: string;
  @ApiProperty() description: string;
  @ApiProperty({ type: String, nullable: true, description: NEVER_SET }) media_url: string | null;
  @ApiPropertyOptional({ type: Open311UpdateExtensionsDto, description: 'with `extensions=true` only' })
  extended_attributes?: Open311UpdateExtensionsDto;
}

export class Open311PostedUpdateDto {
  @ApiProperty({ format: 'uuid' }) update_id: string;
}

/**
 * A route's answer in both of the URL's formats: `model` (a JSON array of it with `list`, as the spec's lists
 * are bare arrays) for `.json`, the same fields as XML for `.xml`.
 */
export function ApiOpen311Response(
  status: HttpStatus.OK | HttpStatus.CREATED,
  model: new () => object,
  shape: 'object' | 'list',
  description?: string,
) {
  const ref = { $ref: getSchemaPath(model) };
  return applyDecorators(
    ApiExtraModels(model),
    ApiResponse({
      status,
      description,
      content: {
        [CONTENT_TYPES.json]: { schema: shape === 'list' ? { type: 'array', items: ref } : ref },
        [CONTENT_TYPES.xml]: { schema: { type: 'string' } },
      },
    }),
  );
}
