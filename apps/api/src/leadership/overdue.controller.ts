import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, Roles } from '@app/auth';
import { REPORTING_ROLES } from '@app/workflow';
import { OverdueService } from '@app/letters';
import { OverdueQuery } from './leadership.dto';
import { OverduePageDto } from './overdue.responses';

@ApiTags('leadership')
@ApiBearerAuth()
@Controller('api/v1/overdue')
export class OverdueController {
  constructor(private readonly overdue: OverdueService) {}

  @Get()
  // Agency leaders are let through here and narrowed to their own agency by the service.
  @Roles(...REPORTING_ROLES)
  @ApiOkResponse({ type: OverduePageDto })
  @ApiOperation({ summary: 'Cases overdue now, with how late they are in working time and their escalation level' })
  list(@Query() q: OverdueQuery, @CurrentUser() user: AuthUser) {
    return this.overdue.list({ agencyId: q.agencyId, level: q.level, categoryId: q.categoryId, sort: q.sort }, user, q);
  }
}
