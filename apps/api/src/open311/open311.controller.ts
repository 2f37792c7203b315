import { All, Body, Controller, Get, Headers, HttpStatus, Param, Post, Query, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeEndpoint, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ApiKeyAccess, Public } from '@app/auth';
import {
  CONTENT_TYPES,
  isO311Format,
  notFound311,
  O311Document,
  O311Format,
  Open311IntegrationsService,
  Open311RequestsService,
  Open311ServicesService,
  Open311UpdatesService,
  parseRequestQuery,
  parseWindow,
  renderDocument,
  single,
} from '../../../../libs/open311/src';
import { Open311ExceptionFilter } from './open311-exception.filter';
import { asForm, parseNewRequest, parseNewUpdate } from './open311-form';
import {
  ApiOpen311Response,
  Open311CreatedRequestDto,
  Open311DiscoveryDto,
  Open311PostedUpdateDto,
  Open311RequestUpdateDto,
  Open311ServiceDefinitionDto,
  Open311ServiceDto,
  Open311ServiceRequestDto,
  Open311TokenDto,
} from './open311.responses';

type QueryParams = Record<string, unknown>;

// The format is checked before any work, so a POST to requests.html creates nothing.
function formatOf(format: string): O311Format {
  if (!isO311Format(format)) throw notFound311(`Unsupported format "${format}": use .xml or .json`);
  return format;
}

/** `abc.xml` → { name: 'abc', format: 'xml' }: ids and codes may contain dots, so split at the last one. */
function splitFile(file: string): { name: string; format: O311Format } {
  const m = /^(.+)\.([a-z]+)$/i.exec(file);
  if (!m) throw notFound311('Add the format to the URL: .xml or .json');
  return { name: m[1], format: formatOf(m[2]) };
}

function send(reply: FastifyReply, format: O311Format, doc: O311Document): string {
  void reply.type(CONTENT_TYPES[format]);
  return renderDocument(doc, format);
}

/**
 * Open311 GeoReport v2 (http://wiki.open311.org/GeoReport_v2) plus the servicerequestupdates extension, for
 * integrations. Reads are public, as in the spec; writes carry an `api_key` form field (checked here, hence
 * @ApiKeyAccess). Errors use the spec's own body, in the URL's format (Open311ExceptionFilter).
 */
@ApiTags('open311')
@Controller('open311/v2')
@UseFilters(Open311ExceptionFilter)
export class Open311Controller {
  constructor(
    private readonly services: Open311ServicesService,
    private readonly requests: Open311RequestsService,
    private readonly updates: Open311UpdatesService,
    private readonly integrations: Open311IntegrationsService,
  ) {}

  @Get('discovery.:format')
  @Public()
  @ApiOperation({ summary: 'Service discovery' })
  @ApiOpen311Response(HttpStatus.OK, Open311DiscoveryDto, 'object')
  discovery(@Param('format') format: string, @Res({ passthrough: true }) reply: FastifyReply) {
    return send(reply, formatOf(format), this.services.discovery());
  }

  @Get('services.:format')
  @Public()
  @ApiOperation({ summary: 'Service list: the categories' })
  @ApiOpen311Response(HttpStatus.OK, Open311ServiceDto, 'list')
  async serviceList(@Param('format') format: string, @Res({ passthrough: true }) reply: FastifyReply) {
    const f = formatOf(format);
    return send(reply, f, await this.services.list());
  }

  @Get('services/:file')
  @Public()
  @ApiOperation({ summary: 'Service definition: the attributes of one category ({service_code}.xml|json)' })
  @ApiOpen311Response(HttpStatus.OK, Open311ServiceDefinitionDto, 'object')
  async serviceDefinition(@Param('file') file: string, @Res({ passthrough: true }) reply: FastifyReply) {
    const { name, format } = splitFile(file);
    return send(reply, format, await this.services.definition(name));
  }

  @Post('requests.:format')
  @ApiKeyAccess()
  @ApiOperation({ summary: 'Create a service request (form-encoded, api_key required)' })
  @ApiOpen311Response(HttpStatus.CREATED, Open311CreatedRequestDto, 'list', 'one item: the new request')
  async createRequest(
    @Param('format') format: string,
    @Body() body: unknown,
    @Headers('content-type') contentType: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const f = formatOf(format);
    const form = asForm(body, contentType);
    const integration = await this.integrations.authenticate(form.api_key);
    return send(reply, f, await this.requests.create(parseNewRequest(form), integration));
  }

  @Get('requests.:format')
  @Public()
  @ApiOperation({ summary: 'Public service requests (service_request_id, service_code, start_date, end_date, status)' })
  @ApiOpen311Response(HttpStatus.OK, Open311ServiceRequestDto, 'list')
  async listRequests(
    @Param('format') format: string,
    @Query() query: QueryParams,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const f = formatOf(format);
    return send(reply, f, await this.requests.list(parseRequestQuery(query)));
  }

  @Get('requests/:file')
  @Public()
  @ApiOperation({ summary: 'One public service request ({service_request_id}.xml|json)' })
  @ApiOpen311Response(HttpStatus.OK, Open311ServiceRequestDto, 'list', 'a list of one, as in the spec')
  async getRequest(
    @Param('file') file: string,
    @Query() query: QueryParams,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const { name, format } = splitFile(file);
    return send(reply, format, await this.requests.get(name, single(query, 'extensions') === 'true'));
  }

  @Get('tokens/:file')
  @Public()
  @ApiOperation({ summary: 'The service_request_id behind a token ({token}.xml|json)' })
  @ApiOpen311Response(HttpStatus.OK, Open311TokenDto, 'list', 'a list of one, as in the spec')
  async token(@Param('file') file: string, @Res({ passthrough: true }) reply: FastifyReply) {
    const { name, format } = splitFile(file);
    return send(reply, format, await this.requests.token(name));
  }

  @Get('servicerequestupdates.:format')
  @Public()
  @ApiOperation({ summary: 'Public updates of service requests in a time window (start_date, end_date)' })
  @ApiOpen311Response(HttpStatus.OK, Open311RequestUpdateDto, 'list')
  async listUpdates(
    @Param('format') format: string,
    @Query() query: QueryParams,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const f = formatOf(format);
    return send(reply, f, await this.updates.list(parseWindow(query), single(query, 'extensions') === 'true'));
  }

  @Post('servicerequestupdates.:format')
  @ApiKeyAccess()
  @ApiOperation({ summary: 'Post an update (a public note) on a request this api_key filed' })
  @ApiOpen311Response(HttpStatus.CREATED, Open311PostedUpdateDto, 'list', 'one item: the new update')
  async postUpdate(
    @Param('format') format: string,
    @Body() body: unknown,
    @Headers('content-type') contentType: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const f = formatOf(format);
    const form = asForm(body, contentType);
    const integration = await this.integrations.authenticate(form.api_key);
    return send(reply, f, await this.updates.post(parseNewUpdate(form), integration));
  }

  /** Anything else under /open311/v2 answers with the spec's 404 body instead of the API's JSON error. */
  @All('*')
  @Public()
  @ApiExcludeEndpoint()
  unknown(): never {
    throw notFound311('No such Open311 resource');
  }
}
