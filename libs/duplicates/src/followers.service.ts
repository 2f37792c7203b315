import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AuthUser } from '@app/auth';
import { notFound } from '@app/common';
import { Report } from '@app/database';
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
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async follow(reportId: string, viewer: AuthUser): Promise<FollowState> {
    await this.assertVisible(reportId, viewer);
    await this.db.query(
      `INSERT INTO report_followers (report_id, user_id, via) VALUES ($1, $2, 'follow') ON CONFLICT DO NOTHING`,
      [reportId, viewer.id],
    );
    return { reportId, following: true };
  }

  /** Also ends a link made by mark-duplicate: the citizen chose not to hear about the master any more. */
  async unfollow(reportId: string, viewer: AuthUser): Promise<FollowState> {
    await this.assertVisible(reportId, viewer);
    await this.db.query(`DELETE FROM report_followers WHERE report_id = $1 AND user_id = $2`, [reportId, viewer.id]);
    return { reportId, following: false };
  }

  private async assertVisible(reportId: string, viewer: AuthUser): Promise<void> {
    const report = await this.db.manager.findOne(Report, {
      where: { id: reportId },
      select: { id: true, agencyId: true, reporterId: true, isPublic: true },
    });
    if (!report) throw notFound('Report');
    const following =
      (
        await this.db.query(`SELECT 1 FROM report_followers WHERE report_id = $1 AND user_id = $2`, [
          reportId,
          viewer.id,
        ])
      ).length > 0;
    if (!accessLevel(report, viewer, following)) throw notFound('Report');
  }
}
