import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AuthUser } from '@app/auth';
import { notFound } from '@app/common';
import { Db, Report } from '@app/database';
import { accessLevel } from '@app/reports';

export interface FollowState {
  reportId: string;
  following: boolean;
}

/**
 * Following a report instead of filing a duplicate (docs/domain.md#duplicates-and-followers): a follower hears each change of
 * its status, never the words written to the reporter (notification.policy.ts), and sees the report in /reports/mine. A citizen
 * may follow a public report, their own, or one they already follow (e.g. a master they were linked to as a
 * duplicate's reporter); anything else is 404, so private reports cannot be probed.
 */
@Injectable()
export class FollowersService {
  constructor(
    @InjectDataSource() private readonly orm: DataSource,
    private readonly db: Db,
  ) {}

  async follow(reportId: string, viewer: AuthUser): Promise<FollowState> {
    await this.assertVisible(reportId, viewer);
    await this.db.kysely
      .insertInto('reportFollowers')
      .values({ reportId, userId: viewer.id, via: 'follow' })
      .onConflict((oc) => oc.doNothing())
      .execute();
    return { reportId, following: true };
  }

  /** Also ends a link made by mark-duplicate: the citizen chose not to hear about the master any more. */
  async unfollow(reportId: string, viewer: AuthUser): Promise<FollowState> {
    await this.assertVisible(reportId, viewer);
    await this.db.kysely
      .deleteFrom('reportFollowers')
      .where('reportId', '=', reportId)
      .where('userId', '=', viewer.id)
      .execute();
    return { reportId, following: false };
  }

  private async assertVisible(reportId: string, viewer: AuthUser): Promise<void> {
    const report = await this.orm.manager.findOne(Report, {
      where: { id: reportId },
      select: {
        id: true,
        agencyId: true,
        reporterId: true,
        isPublic: true,
        status: true,
        cancelReason: true,
        firstAssignedAt: true,
      },
    });
    if (!report) throw notFound('Report');
    const following = !!(await this.db.kysely
      .selectFrom('reportFollowers')
      .select('reportId')
      .where('reportId', '=', reportId)
      .where('userId', '=', viewer.id)
      .executeTakeFirst());
    if (!accessLevel(report, viewer, following)) throw notFound('Report');
  }
}
