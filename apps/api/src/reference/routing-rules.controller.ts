import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Roles } from '@app/auth';
import { RoutingRulesService } from '@app/reports';
import { CreateRoutingRuleDto, RoutingRuleViewDto, UpdateRoutingRuleDto } from './routing-rules.dto';

/** The admin's routing rules (docs/domain.md#routing-rules, docs/api.md#routing-rules). */
@ApiTags('admin')
@ApiBearerAuth()
@Controller('api/v1/admin/routing-rules')
@Roles('admin')
export class RoutingRulesController {
  constructor(private readonly rules: RoutingRulesService) {}

  @Get()
  @ApiOkResponse({ type: [RoutingRuleViewDto], description: 'in the order they are tried' })
  list() {
    return this.rules.list();
  }

  @Post()
  @ApiCreatedResponse({ type: RoutingRuleViewDto })
  create(@Body() dto: CreateRoutingRuleDto) {
    return this.rules.create(dto);
  }

  @Patch(':id')
  @ApiOkResponse({ type: RoutingRuleViewDto })
  update(@Param('id', ParseUUIDPipe) id: string, @Body() dto: UpdateRoutingRuleDto) {
    return this.rules.update(id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  async remove(@Param('id', ParseUUIDPipe) id: string) {
    await this.rules.remove(id);
  }
}
