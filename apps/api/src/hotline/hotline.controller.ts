import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { ReportPageDto } from '../reports/report-view.dto';
import { Type } from 'class-transformer';
import { IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength, ValidateNested } from 'class-validator';
import { AuthUser, CurrentUser, Roles } from '@app/auth';
import { CENTRE_ROLES } from '@app/workflow';
import { IsCalendarDateTime, NormalizedText, PageQuery } from '@app/common';
import { HotlineService } from '@app/reports';
import { CreateReportDto } from '../reports/report.dto';
import { HotlineCallPageDto, LoggedCallDto } from './hotline.responses';

const PHONE = /^[+\d][\d\s.-]{6,20}$/;

class CallDto {
  @ApiProperty({ example: '0912345678' }) @IsString() @Matches(PHONE) callerPhone: string;
  @ApiPropertyOptional() @IsOptional() @NormalizedText() @IsString() @MaxLength(120) callerName?: string;
  @ApiPropertyOptional({ description: "the switchboard's call id; makes retries safe" })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  callId?: string;
  @ApiProperty() @IsCalendarDateTime() startedAt: string;
  @ApiPropertyOptional() @IsOptional() @IsCalendarDateTime() endedAt?: string;
  @ApiProperty({ enum: ['new_report', 'existing_report', 'consultation', 'other'] })
  @IsIn(['new_report', 'existing_report', 'consultation', 'other'])
  outcome: 'new_report' | 'existing_report' | 'consultation' | 'other';
  @ApiPropertyOptional() @IsOptional() @NormalizedText() @IsString() @MaxLength(5000) notes?: string;
  @ApiPropertyOptional({ type: CreateReportDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => CreateReportDto)
  report?: CreateReportDto;
  @ApiPropertyOptional() @IsOptional() @IsUUID() reportId?: string;
}

class CallListQuery extends PageQuery {
  @IsOptional() @IsString() @Matches(PHONE) callerPhone?: string;
}

@ApiTags('hotline')
@ApiBearerAuth()
@Controller('api/v1/hotline')
@Roles(...CENTRE_ROLES)
export class HotlineController {
  constructor(private readonly hotline: HotlineService) {}

  @Post('calls')
  @Roles('operator')
  @ApiCreatedResponse({ type: LoggedCallDto })
  logCall(@Body() dto: CallDto, @CurrentUser() user: AuthUser) {
    return this.hotline.logCall(
      { ...dto, startedAt: new Date(dto.startedAt), endedAt: dto.endedAt ? new Date(dto.endedAt) : undefined },
      user,
    );
  }

  @Get('calls')
  @ApiOkResponse({ type: HotlineCallPageDto })
  calls(@Query() q: CallListQuery) {
    return this.hotline.calls(q.callerPhone, q);
  }

  @Get('callers/:phone/reports')
  @ApiOkResponse({ type: ReportPageDto })
  callerReports(@Param('phone') phone: string, @Query() page: PageQuery, @CurrentUser() user: AuthUser) {
    return this.hotline.callerReports(phone, user, page);
  }
}
