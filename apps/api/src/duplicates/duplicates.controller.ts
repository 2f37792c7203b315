import { Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, Public, Roles } from '@app/auth';
import { OVERSIGHT_ROLES } from '@app/workflow';
import { DuplicatesService, FollowersService } from '@app/duplicates';
import { CandidateDto, FollowStateDto, NearbyQueryDto } from './duplicates.dto';

@ApiTags('reports')
@ApiBearerAuth()
@Controller('api/v1/reports')
export class DuplicatesController {
  constructor(
    private readonly duplicates: DuplicatesService,
    private readonly followers: FollowersService,
  ) {}

  /**
   * Public: it shows only public, not cancelled reports with their public fields, which the public portal
   * already publishes; the web portal asks before login, the app before submitting.
   */
  @Get('nearby')
  @Public()
  @ApiOperation({
    summary: 'Public reports near a point in the category (or its group), best duplicate candidates first',
  })
  @ApiOkResponse({ type: [CandidateDto] })
  nearby(@Query() q: NearbyQueryDto) {
    return this.duplicates.nearby(q);
  }

  @Get(':id/duplicate-candidates')
  @Roles(...OVERSIGHT_ROLES)
  @ApiOperation({ summary: "The report's duplicate candidates, computed when it arrived (computed now if never)" })
  @ApiOkResponse({ type: [CandidateDto] })
  candidates(@Param('id', ParseUUIDPipe) id: string, @CurrentUser() user: AuthUser) {
    return this.duplicates.candidatesFor(id, user);
  }

  @Post(':id/follow')
  @HttpCode(200)
  @Roles('citizen')
  @ApiOperation({
    summary: 'Follow a public report (or your own): hear what its reporter hears. 404 if you cannot see it',
  })
  @ApiOkResponse({ type: FollowStateDto })
  follow(@Param('id', ParseUUIDPipe) id: string, @CurrentUser() user: AuthUser) {
    return this.followers.follow(id, user);
  }

  @Delete(':id/follow')
  @Roles('citizen')
  @ApiOperation({ summary: 'Stop following a report (also one you were linked to as a duplicate’s reporter)' })
  @ApiOkResponse({ type: FollowStateDto })
  unfollow(@Param('id', ParseUUIDPipe) id: string, @CurrentUser() user: AuthUser) {
    return this.followers.unfollow(id, user);
  }
}
