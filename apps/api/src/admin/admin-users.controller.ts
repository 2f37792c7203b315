import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { AccountPageDto, AccountViewDto, ResetLinkDto, UserDto } from '../auth/account-view.dto';
import { IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { AuthUser, CurrentUser, Roles, UsersService } from '@app/auth';
import { NormalizedText, PageQuery } from '@app/common';
import { ROLES, type Role } from '@app/workflow';
import { CreateStaffDto, UpdateUserDto } from '../auth/auth.dto';

class UserListQuery extends PageQuery {
  @ApiPropertyOptional({
    enum: ['staff', 'citizen'],
    default: 'staff',
    description: 'staff accounts or citizens (never caller records)',
  })
  @IsOptional()
  @IsIn(['staff', 'citizen'])
  kind: 'staff' | 'citizen' = 'staff';

  @ApiPropertyOptional({ enum: ROLES }) @IsOptional() @IsIn(ROLES) role?: Role;

  @ApiPropertyOptional({ description: 'name (accents optional), username or phone' })
  @IsOptional()
  @NormalizedText()
  @IsString()
  @MinLength(1)
  @MaxLength(120)
  q?: string;
}

/** Accounts, for the admin (docs/identity.md, Accounts). */
@ApiTags('admin')
@ApiBearerAuth()
@Controller('api/v1/admin/users')
@Roles('admin')
export class AdminUsersController {
  constructor(private readonly users: UsersService) {}

  @Post()
  @ApiCreatedResponse({ type: UserDto })
  create(@Body() dto: CreateStaffDto) {
    return this.users.createStaff(dto);
  }

  @Get()
  @ApiOkResponse({ type: AccountPageDto })
  list(@Query() query: UserListQuery) {
    return this.users.list(query, { kind: query.kind, role: query.role, q: query.q });
  }

  @Get(':id')
  @ApiOkResponse({ type: AccountViewDto })
  get(@Param('id', ParseUUIDPipe) id: string) {
    return this.users.get(id);
  }

  /** Name, roles, agency; a change of roles or agency ends the account's sessions at once. */
  @Patch(':id')
  @ApiOkResponse({ type: AccountViewDto })
  update(@Param('id', ParseUUIDPipe) id: string, @Body() dto: UpdateUserDto) {
    return this.users.update(id, dto);
  }

  @Post(':id/lock')
  @HttpCode(200)
  @ApiOkResponse({ type: AccountViewDto })
  lock(@Param('id', ParseUUIDPipe) id: string, @CurrentUser() admin: AuthUser) {
    return this.users.setLocked(id, true, admin.id);
  }

  @Post(':id/unlock')
  @HttpCode(200)
  @ApiOkResponse({ type: AccountViewDto })
  unlock(@Param('id', ParseUUIDPipe) id: string, @CurrentUser() admin: AuthUser) {
    return this.users.setLocked(id, false, admin.id);
  }

  /** A one-time link (24 h) that sets a new password, to hand to the person; their sessions end now. */
  @Post(':id/password-reset-link')
  @ApiCreatedResponse({ type: ResetLinkDto })
  issueResetLink(@Param('id', ParseUUIDPipe) id: string, @CurrentUser() admin: AuthUser) {
    return this.users.issueResetLink(id, admin.id);
  }

  /** Turns the person's second factor off (a lost phone); their sessions end. */
  @Post(':id/mfa-reset')
  @HttpCode(200)
  @ApiOkResponse({ type: AccountViewDto })
  resetMfa(@Param('id', ParseUUIDPipe) id: string) {
    return this.users.resetMfa(id);
  }
}
