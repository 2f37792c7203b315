import { Readable } from 'node:stream';
import { Controller, Get, Header, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, Roles } from '@app/auth';
import { attachmentDisposition, downloadName } from '@app/common/downloads';
import { Env } from '@app/config';
import { exportFileName, PeriodInput, resolvePeriod, StatsExportService, StatsRequest, StatsService } from '@app/stats';
import { OVERSIGHT_ROLES, REPORTING_ROLES } from '@app/workflow';
import { PeriodQuery, ScopedPeriodQuery, StatsQuery } from './stats.dto';
import { AgencyStatsDto, CategoryStatsDto, HotlineStatsDto, OverviewDto } from './stats.responses';

// REPORTING_ROLES: agency leaders are let in and narrowed to their own agency by the stats service.
const CSV_TYPE = 'text/csv; charset=utf-8';
/** A CSV download's response: the content type, with the file as a string (OpenAPI has no CSV schema). */
const CSV_RESPONSE = { content: { [CSV_TYPE]: { schema: { type: 'string' } } } } as const;
// Statistics name agencies' failings and citizens' reports: no shared cache may keep a copy.
const NO_STORE = ['Cache-Control', 'no-store'] as const;

@ApiTags('leadership')
@ApiBearerAuth()
@Controller('api/v1/stats')
export class StatsController {
  constructor(
    private readonly stats: StatsService,
    private readonly exports: StatsExportService,
    private readonly env: Env,
  ) {}

  @Get('overview')
  @Roles(...REPORTING_ROLES)
  @ApiOkResponse({ type: OverviewDto })
  @ApiOperation({
    summary:
      'Counts by status and status group, on-time and satisfaction rates (Decision 766), handling time, overdue now, trend',
  })
  overview(@Query() q: StatsQuery, @CurrentUser() user: AuthUser) {
    return this.stats.overview(this.request(q), user);
  }

  @Get('agencies')
  @Roles(...REPORTING_ROLES)
  @ApiOkResponse({ type: [AgencyStatsDto] })
  @ApiOperation({ summary: 'Per agency: received, handled, on time, overdue now, handling time, satisfaction' })
  async agencies(@Query() q: StatsQuery, @CurrentUser() user: AuthUser) {
    const rows = await this.stats.breakdown('agency', this.request(q), user);
    return rows.map(({ id, ...row }) => ({ agencyId: id, ...row }));
  }

  @Get('categories')
  @Roles(...REPORTING_ROLES)
  @ApiOkResponse({ type: [CategoryStatsDto] })
  @ApiOperation({ summary: 'Per category (lĩnh vực): the same figures as per agency' })
  async categories(@Query() q: StatsQuery, @CurrentUser() user: AuthUser) {
    const rows = await this.stats.breakdown('category', this.request(q), user);
    return rows.map(({ id, ...row }) => ({ categoryId: id, ...row }));
  }

  @Get('hotline')
  @Roles(...OVERSIGHT_ROLES)
  @ApiOkResponse({ type: HotlineStatsDto })
  @ApiOperation({ summary: 'Hotline 1022 calls by outcome and per local day' })
  hotline(@Query() q: PeriodQuery, @CurrentUser() user: AuthUser) {
    return this.stats.hotline(this.request(q).period, user);
  }

  @Get('export.csv')
  @Roles(...REPORTING_ROLES)
  @Header(...NO_STORE)
  @ApiOkResponse(CSV_RESPONSE)
  @ApiOperation({ summary: 'Reports received in the period, one row each (UTF-8 with BOM, RFC 4180), streamed' })
  exportReports(@Query() q: ScopedPeriodQuery, @CurrentUser() user: AuthUser): StreamableFile {
    const req = this.request(q);
    // Readable.from pulls the next chunk only when the socket has drained the previous one (backpressure).
    const stream = Readable.from(this.exports.reportsCsv(req, user), { objectMode: false });
    const disposition = attachmentDisposition(downloadName(exportFileName('phan-anh', req.period)));
    return new StreamableFile(stream, { type: CSV_TYPE, disposition });
  }

  @Get('agencies.csv')
  @Roles(...REPORTING_ROLES)
  @Header(...NO_STORE)
  @ApiOkResponse(CSV_RESPONSE)
  @ApiOperation({ summary: 'The per-agency figures as CSV (UTF-8 with BOM, RFC 4180)' })
  async exportAgencies(@Query() q: ScopedPeriodQuery, @CurrentUser() user: AuthUser): Promise<StreamableFile> {
    const req = this.request(q);
    const body = Buffer.from(await this.exports.agenciesCsv(req, user), 'utf8');
    const disposition = attachmentDisposition(downloadName(exportFileName('co-quan', req.period)));
    return new StreamableFile(body, { type: CSV_TYPE, disposition, length: body.length });
  }

  private request(q: PeriodInput & { agencyId?: string; categoryId?: string }): StatsRequest {
    const cutoff = { day: this.env.STATS_MONTH_CUTOFF_DAY, hour: this.env.STATS_MONTH_CUTOFF_HOUR };
    return { period: resolvePeriod(q, cutoff, new Date()), agencyId: q.agencyId, categoryId: q.categoryId };
  }
}
