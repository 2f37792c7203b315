import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
  Req,
  Res,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiProduces,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AuthUser, CurrentUser, Public, Roles } from '@app/auth';
import { validationFailed } from '@app/common';
import {
  AreaFeedService,
  parseBBox,
  PublicationService,
  PublicIndicatorsService,
  PublicReportsService,
  SubscriptionsService,
  type FeedArea,
  type PublicFilter,
  type SubscriptionInput,
} from '@app/public';
import { ReportsQueryService } from '@app/reports';
import { parseBound } from '@app/stats';
import { ReportPageDto, ReportViewDto } from '../reports/report-view.dto';
import { WriteLimited } from '../rate-limits';
import {
  FeedQuery,
  PublicationBody,
  PublicFilterQuery,
  PublicIndicatorsQuery,
  PublicMapQuery,
  SubscriptionBody,
} from './public.dto';
import {
  PUBLIC_CASE_SCHEMA,
  PUBLIC_INDICATORS_SCHEMA,
  PUBLIC_MAP_SCHEMA,
  SUBSCRIPTION_SCHEMA,
} from './public.responses';

const filterOf = (q: PublicFilterQuery): PublicFilter => ({
  categoryId: q.categoryId,
  status: q.status,
  communeCode: q.communeCode,
  // A bare date is local midnight and a `to` date its whole day, as every period filter (parseBound).
  from: q.from ? parseBound(q.from, 'from') : undefined,
  to: q.to ? parseBound(q.to, 'to') : undefined,
  bbox: q.bbox !== undefined ? parseBBox(q.bbox) : undefined,
});

/** The citizens' portal's API (docs/api.md#public): anonymous reads of what is published, and area alerts. */
@ApiTags('public')
@Controller('api/v1')
export class PublicController {
  constructor(
    private readonly reports: PublicReportsService,
    private readonly indicators: PublicIndicatorsService,
    private readonly feeds: AreaFeedService,
  ) {}

  @Get('public/reports')
  @Public()
  @ApiOkResponse({ type: ReportPageDto, description: 'published reports, public wording, masked' })
  list(@Query() q: PublicFilterQuery) {
    return this.reports.list(filterOf(q), q);
  }

  @Get('public/reports/by-code/:code')
  @Public()
  @ApiOkResponse({ schema: PUBLIC_CASE_SCHEMA })
  byCode(@Param('code') code: string) {
    return this.reports.byCode(code);
  }

  @Get('public/map')
  @Public()
  @ApiQuery({ name: 'bbox', required: true, description: 'minLng,minLat,maxLng,maxLat' })
  @ApiOkResponse({ schema: PUBLIC_MAP_SCHEMA })
  map(@Query() q: PublicMapQuery) {
    const filter = filterOf(q);
    if (!filter.bbox) throw validationFailed({ fields: { bbox: ['bbox is required'] } }, 'The map needs a box');
    return this.reports.map({ ...filter, bbox: filter.bbox }, q.zoom);
  }

  @Get('public/indicators')
  @Public()
  @ApiOkResponse({ schema: PUBLIC_INDICATORS_SCHEMA })
  indicatorsOf(@Query() q: PublicIndicatorsQuery) {
    return this.indicators.get(q.groupBy ?? 'agency', q.months ?? 12);
  }

  @Get('public/feeds/area.atom')
  @Public()
  @ApiProduces('application/atom+xml')
  @ApiOkResponse({ schema: { type: 'string' }, description: 'Atom 1.0' })
  async feed(@Query() q: FeedQuery, @Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    const xml = await this.feeds.atom(areaOf(q), `${req.protocol}://${req.hostname}${req.url}`);
    reply.header('content-type', 'application/atom+xml; charset=utf-8');
    return xml;
  }
}

/** Exactly one kind of area: a commune, a point with its radius, or a category. */
function areaOf(q: FeedQuery): FeedArea {
  const point = q.lat !== undefined || q.lng !== undefined || q.radiusM !== undefined;
  const given = [q.communeCode !== undefined, point, q.categoryId !== undefined].filter(Boolean).length;
  if (given !== 1) {
    throw validationFailed(
      { fields: { area: ['give one of communeCode, lat+lng+radiusM, categoryId'] } },
      'One area, please',
    );
  }
  if (q.communeCode) return { kind: 'commune', communeCode: q.communeCode };
  if (q.categoryId) return { kind: 'category', categoryId: q.categoryId };
  if (q.lat === undefined || q.lng === undefined || q.radiusM === undefined) {
    throw validationFailed({ fields: { area: ['lat, lng and radiusM go together'] } }, 'Incomplete area');
  }
  return { kind: 'area', lat: q.lat, lng: q.lng, radiusM: q.radiusM };
}

/** A citizen's area alerts (docs/api.md#public). */
@ApiTags('public')
@ApiBearerAuth()
@Controller('api/v1/me/subscriptions')
export class SubscriptionsController {
  constructor(private readonly subscriptions: SubscriptionsService) {}

  @Get()
  @Roles('citizen')
  @ApiOkResponse({ schema: { type: 'array', items: SUBSCRIPTION_SCHEMA } })
  list(@CurrentUser() user: AuthUser) {
    return this.subscriptions.list(user.id);
  }

  @Post()
  @Roles('citizen')
  @WriteLimited()
  @ApiCreatedResponse({ schema: SUBSCRIPTION_SCHEMA, description: '200 with the existing one when it is a repeat' })
  async add(
    @Body() body: SubscriptionBody,
    @CurrentUser() user: AuthUser,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const input: SubscriptionInput =
      body.kind === 'commune'
        ? { kind: 'commune', communeCode: body.communeCode! }
        : body.kind === 'category'
          ? { kind: 'category', categoryId: body.categoryId! }
          : { kind: 'area', location: body.location!, radiusM: body.radiusM! };
    const { created, subscription } = await this.subscriptions.add(user.id, input);
    reply.status(created ? 201 : 200);
    return subscription;
  }

  @Delete(':id')
  @Roles('citizen')
  @HttpCode(204)
  @ApiNoContentResponse()
  async remove(@Param('id', ParseUUIDPipe) id: string, @CurrentUser() user: AuthUser) {
    await this.subscriptions.remove(user.id, id);
  }
}

/** The centre's moderation of a report's public face (docs/api.md#public, docs/domain.md#privacy). */
@ApiTags('public')
@ApiBearerAuth()
@Controller('api/v1/reports')
export class PublicationController {
  constructor(
    private readonly publication: PublicationService,
    private readonly query: ReportsQueryService,
  ) {}

  @Patch(':id/publication')
  @Roles('screener', 'leader', 'admin')
  @WriteLimited()
  @ApiOkResponse({ type: ReportViewDto, description: 'the report as the centre sees it' })
  async edit(@Param('id', ParseUUIDPipe) id: string, @Body() body: PublicationBody, @CurrentUser() user: AuthUser) {
    await this.publication.edit(id, body);
    return this.query.get(id, user);
  }
}
