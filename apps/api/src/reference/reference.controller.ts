import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseArrayPipe,
  ParseUUIDPipe,
  Patch,
  Post,
  Put,
} from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, Public, Roles } from '@app/auth';
import { notFound } from '@app/common';
import { AgenciesService, ApiKeysService, CalendarService, CategoriesService } from '@app/reference';
import {
  CalendarExceptionDto,
  CreateAgencyDto,
  CreateApiKeyDto,
  CreateCategoryDto,
  JurisdictionDto,
  UpdateAgencyDto,
  UpdateCategoryDto,
} from './reference.dto';
import {
  AgencyViewDto,
  ApiKeyViewDto,
  CalendarExceptionViewDto,
  CategoryViewDto,
  CreatedApiKeyDto,
} from './reference.responses';

@ApiTags('reference')
@Controller('api/v1')
export class ReferenceController {
  constructor(
    private readonly categories: CategoriesService,
    private readonly agencies: AgenciesService,
  ) {}

  @Get('categories')
  @Public()
  @ApiOkResponse({ type: [CategoryViewDto] })
  listCategories() {
    return this.categories.list();
  }

  @Get('agencies')
  @Public()
  @ApiOkResponse({ type: [AgencyViewDto] })
  listAgencies() {
    return this.agencies.list();
  }
}

@ApiTags('admin')
@ApiBearerAuth()
@Controller('api/v1/admin')
@Roles('admin')
export class AdminReferenceController {
  constructor(
    private readonly categories: CategoriesService,
    private readonly agencies: AgenciesService,
    private readonly calendar: CalendarService,
    private readonly apiKeys: ApiKeysService,
  ) {}

  @Get('categories')
  @ApiOkResponse({ type: [CategoryViewDto] })
  listAllCategories() {
    return this.categories.list(true);
  }

  @Post('categories')
  @ApiCreatedResponse({ type: CategoryViewDto })
  createCategory(@Body() dto: CreateCategoryDto) {
    return this.categories.create(dto);
  }

  @Patch('categories/:id')
  @ApiOkResponse({ type: CategoryViewDto })
  updateCategory(@Param('id', ParseUUIDPipe) id: string, @Body() dto: UpdateCategoryDto) {
    return this.categories.update(id, dto);
  }

  @Post('agencies')
  @ApiCreatedResponse({ type: AgencyViewDto })
  createAgency(@Body() dto: CreateAgencyDto) {
    return this.agencies.create(dto);
  }

  @Patch('agencies/:id')
  @ApiOkResponse({ type: AgencyViewDto })
  updateAgency(@Param('id', ParseUUIDPipe) id: string, @Body() dto: UpdateAgencyDto) {
    return this.agencies.update(id, dto);
  }

  @Put('agencies/:id/jurisdiction')
  @ApiOkResponse({ type: AgencyViewDto })
  setJurisdiction(@Param('id', ParseUUIDPipe) id: string, @Body() dto: JurisdictionDto) {
    return this.agencies.setJurisdiction(id, dto);
  }

  @Get('calendar/exceptions')
  @ApiOkResponse({ type: [CalendarExceptionViewDto] })
  listCalendarExceptions() {
    return this.calendar.list();
  }

  @Put('calendar/exceptions')
  @ApiBody({ type: [CalendarExceptionDto] })
  @ApiOkResponse({ type: [CalendarExceptionViewDto], description: 'the whole set, as now stored' })
  async replaceCalendarExceptions(
    @Body(new ParseArrayPipe({ items: CalendarExceptionDto, whitelist: true, forbidNonWhitelisted: true }))
    entries: CalendarExceptionDto[],
  ) {
    await this.calendar.replace(entries);
    return this.calendar.list();
  }

  @Get('api-keys')
  @ApiOkResponse({ type: [ApiKeyViewDto], description: 'newest first, revoked ones included' })
  listApiKeys() {
    return this.apiKeys.list();
  }

  @Post('api-keys')
  @ApiCreatedResponse({ type: CreatedApiKeyDto })
  createApiKey(@Body() dto: CreateApiKeyDto, @CurrentUser() user: AuthUser) {
    return this.apiKeys.create(dto.name, user.id);
  }

  @Delete('api-keys/:id')
  @HttpCode(204)
  async revokeApiKey(@Param('id', ParseUUIDPipe) id: string) {
    if (!(await this.apiKeys.revoke(id))) throw notFound('API key');
  }
}
