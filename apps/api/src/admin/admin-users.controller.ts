import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { PageQuery } from '@app/common';
import { Roles, UsersService } from '@app/auth';
import { ROLES, type Role } from '@app/workflow';
import { CreateStaffDto } from '../auth/auth.dto';

class UserListQuery extends PageQuery {
  @IsOptional() @IsIn(ROLES)
  role?: Role;
}

@ApiTags('admin')
@ApiBearerAuth()
@Controller('api/v1/admin/users')
@Roles('admin')
export class AdminUsersController {
  constructor(private readonly users: UsersService) {}

  @Post()
  create(@Body() dto: CreateStaffDto) {
    return this.users.createStaff(dto);
  }

  @Get()
  list(@Query() query: UserListQuery) {
    return this.users.list(query, query.role);
  }
}
