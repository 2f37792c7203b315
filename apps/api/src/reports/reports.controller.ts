import { Body, Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiCreatedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import { Authenticated, AuthUser, CurrentUser, Roles } from '@app/auth';
import { AppError, PageQuery } from '@app/common';
import { Channel } from '@app/database';
import { actorOf, assigneeFilter, ReportsQueryService, ReportsService, WorkloadService } from '@app/reports';
import { parseBound } from '@app/stats';
import { REPORTING_ROLES, STAFF_ROLES } from '@app/workflow';
import { ACTION_BODIES_SCHEMA, ACTION_SLUG_LIST, parseAction } from './action-body';
import { CreateReportDto, ReportListQuery, WorkloadQuery } from './report.dto';
import { WriteLimited } from '../rate-limits';
import { AgencyWorkloadDto, ReportPageDto, ReportViewDto, TimelineEventDto } from './report-view.dto';

@ApiTags('reports')
@ApiBearerAuth()
@Controller('api/v1')
export class ReportsController {
  constructor(
    private readonly reports: ReportsService,
    private readonly query: ReportsQueryService,
    private readonly workloads: WorkloadService,
  ) {}

  @Post('reports')
  @Authenticated()
  @ApiCreatedResponse({ type: ReportViewDto })
  @WriteLimited()
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'retries with the same key return the first result',
  })
  create(@Body() dto: CreateReportDto, @CurrentUser() user: AuthUser, @Headers('idempotency-key') key?: string) {
    if (key !== undefined && !/^[\w.:-]{8,128}$/.test(key)) {
      throw new AppError('VALIDATION_FAILED', 'Invalid Idempotency-Key', {
        fields: { 'Idempotency-Key': ['8–128 letters, digits, . _ : -'] },
      });
    }
    // A citizen files their own report; staff filing from the web console file for nobody in particular.
    const citizen = user.roles.includes('citizen') && user.roles.length === 1;
    const channel: Channel = citizen ? 'app' : 'web';
    return this.reports.create(dto, { actor: user, channel, reporterId: citizen ? user.id : null }, key);
  }

  @Get('reports')
  @Roles(...STAFF_ROLES)
  @ApiOkResponse({ type: ReportPageDto })
  list(@Query() q: ReportListQuery, @CurrentUser() user: AuthUser) {
    return this.query.listForStaff(
      user,
      // A bare date is local midnight and a `to` date its whole day, as in statistics and Open311 (parseBound).
      {
        ...q,
        from: q.from ? parseBound(q.from, 'from') : undefined,
        to: q.to ? parseBound(q.to, 'to') : undefined,
        assigneeId: assigneeFilter(user, q.assignee),
      },
      q,
    );
  }

  /** The load per officer of an agency (delegation, docs/api.md#reports). */
  @Get('reports/workload')
  @Roles(...REPORTING_ROLES)
  @ApiOkResponse({ type: AgencyWorkloadDto })
  workload(@Query() q: WorkloadQuery, @CurrentUser() user: AuthUser) {
    return this.workloads.forAgency(user, q.agencyId);
  }

  @Get('reports/mine')
  @Roles('citizen')
  @ApiOkResponse({ type: ReportPageDto })
  mine(@Query() page: PageQuery, @CurrentUser() user: AuthUser) {
    return this.query.mine(user, page);
  }

  @Get('reports/:id')
  @Authenticated()
  @ApiOkResponse({ type: ReportViewDto })
  get(@Param('id', ParseUUIDPipe) id: string, @CurrentUser() user: AuthUser) {
    return this.query.get(id, user);
  }

  @Get('reports/:id/timeline')
  @Authenticated()
  @ApiOkResponse({ type: [TimelineEventDto] })
  timeline(@Param('id', ParseUUIDPipe) id: string, @CurrentUser() user: AuthUser) {
    return this.query.timeline(id, user);
  }

  @Post('reports/:id/actions/:action')
  @HttpCode(200)
  @Authenticated()
  @ApiOkResponse({ type: ReportViewDto, description: 'the report after the action' })
  @ApiParam({ name: 'action', enum: ACTION_SLUG_LIST })
  @ApiBody({
    schema: ACTION_BODIES_SCHEMA,
    description: "the body of the action named by `action` (each schema's title)",
  })
  async act(
    @Param('id', ParseUUIDPipe) id: string,
    @Param('action') slug: string,
    @Body() body: unknown,
    @CurrentUser() user: AuthUser,
  ) {
    const { command, expectedVersion } = parseAction(slug, body);
    return this.reports.act(id, command, actorOf(user), expectedVersion);
  }
}
