import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import type { AuthUser } from '@app/auth';
import { notFound } from '@app/common';
import { Attachment, Report, User } from '@app/database';
import { CategoriesService } from '@app/reference';
import { accessLevel, toReportView, type ReportView } from '@app/reports';
import { AutoAssignService, type AutoAssignOutcome } from './auto-assign.service';
import { forward, searchCandidates, type Sql } from './candidate-search';
import { loadScan, saveScan } from './candidate-store';

/** How many candidates a screener or a citizen is shown. */
export const SHOWN_CANDIDATES = 10;

export interface CandidateView {
  report: ReportView;
  distanceM: number;
  score: number;
  similarity: number | null;
}

export interface NearbyQuery {
  lat: number;
  lng: number;
  categoryId: string;
  description?: string;
}

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;
const sqlOf =
  (m: EntityManager): Sql =>
  (text, params) =>
    m.query(text, params);

/**
 * Duplicate candidates (docs/domain.md#duplicates-and-followers): computed once per report off the request path (in the
 * worker, from the report's `report.created` event) and stored, so the screener's list is a lookup; computed live for a citizen who has
 * not submitted yet. Scoring is duplicate-score.ts, the query candidate-search.ts.
 */
@Injectable()
export class DuplicatesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly autoAssign: AutoAssignService,
    private readonly categories: CategoriesService,
  ) {}

  /**
   * A new report's analysis: scan and store its candidates, then auto-assign where its category allows. Safe to
   * repeat (the scan is a set of upserts, the assignment a workflow action that a report no longer in `received`
   * refuses), as the outbox's at-least-once dispatch may.
   */
  async analyse(reportId: string): Promise<{ candidates: number; autoAssign: AutoAssignOutcome } | null> {
    const report = await this.db.manager.findOneBy(Report, { id: reportId });
    if (!report) return null;
    const candidates = await this.scan(report);
    return { candidates, autoAssign: await this.autoAssign.run(report) };
  }

  /** Public reports near a point in the category, for a citizen about to submit ("follow it instead?"). */
  async nearby(q: NearbyQuery): Promise<CandidateView[]> {
    await this.categories.activeForFiling(q.categoryId);
    const list = forward(
      await searchCandidates(sqlOf(this.db.manager), {
        location: { lat: q.lat, lng: q.lng },
        categoryId: q.categoryId,
        at: new Date(),
        text: q.description?.trim() ? q.description : null,
        publicOnly: true,
      }),
    ).slice(0, SHOWN_CANDIDATES);
    return this.views(
      list.map((c) => ({ candidateId: c.id, ...c })),
      undefined,
    );
  }

  /** A report's candidates for the centre: the stored ones, or computed (and stored) now if never scanned. */
  async candidatesFor(reportId: string, viewer: AuthUser): Promise<CandidateView[]> {
    const report = await this.db.manager.findOneBy(Report, { id: reportId });
    if (!report || !accessLevel(report, viewer)) throw notFound('Report');
    let stored = await loadScan(sqlOf(this.db.manager), report.id, SHOWN_CANDIDATES);
    if (!stored) {
      await this.scan(report);
      stored = (await loadScan(sqlOf(this.db.manager), report.id, SHOWN_CANDIDATES)) ?? [];
    }
    return this.views(stored, viewer);
  }

  /** Searches, then stores the result in one statement; returns how many candidates the report itself got. */
  private async scan(report: Report): Promise<number> {
    const sql = sqlOf(this.db.manager);
    // Candidates are found by distance: a report filed with only a commune and an address has none.
    if (!report.location) {
      await saveScan(sql, report.id, []);
      return 0;
    }
    const [lng, lat] = report.location.coordinates;
    const list = await searchCandidates(sql, {
      location: { lat, lng },
      categoryId: report.categoryId,
      at: report.createdAt,
      text: report.description,
      excludeId: report.id,
    });
    await saveScan(sql, report.id, list);
    return forward(list).length;
  }

  /** Candidate reports as the viewer may see them: three batched reads, whatever the list's length. */
  private async views(
    list: Array<{ candidateId: string; distanceM: number; score: number; similarity: number | null }>,
    viewer: AuthUser | undefined,
  ): Promise<CandidateView[]> {
    if (!list.length) return [];
    const ids = list.map((c) => c.candidateId);
    const m = this.db.manager;
    const reports = new Map((await m.findBy(Report, { id: In(ids) })).map((r) => [r.id, r]));
    const attachments = await m.find(Attachment, { where: { reportId: In(ids) }, order: { createdAt: 'ASC' } });
    const reporterIds = [...new Set([...reports.values()].map((r) => r.reporterId).filter((x): x is string => !!x))];
    const users = viewer && reporterIds.length ? await m.findBy(User, { id: In(reporterIds) }) : [];
    const userById = new Map(users.map((u) => [u.id, { id: u.id, fullName: u.fullName, phone: u.phone }]));
    const out: CandidateView[] = [];
    for (const c of list) {
      const report = reports.get(c.candidateId);
      const level = report && accessLevel(report, viewer);
      if (!report || !level) continue;
      const view = toReportView(report, level, {
        attachments: attachments.filter((a) => a.reportId === report.id),
        viewer,
        reporter: report.reporterId ? (userById.get(report.reporterId) ?? null) : null,
      });
      out.push({
        report: view,
        distanceM: round(c.distanceM, 1),
        score: round(c.score, 4),
        similarity: c.similarity === null ? null : round(c.similarity, 4),
      });
    }
    return out;
  }
}
