import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AuthUser } from '@app/auth';
import { AppError, normalizeVnMobile, notFound, Page, PageQuery, toPage } from '@app/common';
import { CallOutcome, Db, HotlineCall, Report, User } from '@app/database';
import { reporterForPhone } from './caller-records';
import { ReportsQueryService } from './reports-query.service';
import { NewReport, ReportsService } from './reports.service';
import type { ReportView } from './report-view.policy';

export interface NewCall {
  callerPhone: string;
  callerName?: string;
  callId?: string;
  startedAt: Date;
  endedAt?: Date;
  outcome: CallOutcome;
  notes?: string;
  report?: NewReport;
  reportId?: string;
}

const callView = (c: HotlineCall) => ({
  id: c.id,
  callId: c.externalCallId,
  callerPhone: c.callerPhone,
  callerName: c.callerName,
  callerUserId: c.callerUserId,
  operatorId: c.operatorId,
  startedAt: c.startedAt,
  endedAt: c.endedAt,
  outcome: c.outcome,
  notes: c.notes,
  reportId: c.reportId,
  createdAt: c.createdAt,
});

/**
 * The 1022 hotline: every call is logged with its outcome; a call that brings a new report files it in the
 * same transaction, with the caller as reporter: the account of a proven phone, else the phone's caller record
 * (reporterForPhone), which joins an account only when its holder proves the phone.
 */
@Injectable()
export class HotlineService {
  constructor(
    @InjectDataSource() private readonly orm: DataSource,
    private readonly db: Db,
    private readonly reports: ReportsService,
    private readonly query: ReportsQueryService,
  ) {}

  async logCall(
    input: NewCall,
    operator: AuthUser,
  ): Promise<{ call: ReturnType<typeof callView>; report: ReportView | null }> {
    const phone = normalizeVnMobile(input.callerPhone);
    if (!phone)
      throw new AppError('VALIDATION_FAILED', 'Invalid caller phone', {
        fields: { callerPhone: ['not a Vietnamese phone number'] },
      });
    if (input.outcome === 'new_report' && !input.report) {
      throw new AppError('VALIDATION_FAILED', 'A new_report call needs the report', {
        fields: { report: ['required for outcome new_report'] },
      });
    }
    if (input.outcome !== 'new_report' && input.report) {
      throw new AppError('VALIDATION_FAILED', 'Only a new_report call carries a report', {
        fields: { report: ['only for outcome new_report'] },
      });
    }
    if (input.outcome === 'existing_report' && !input.reportId) {
      throw new AppError('VALIDATION_FAILED', 'An existing_report call names the report', {
        fields: { reportId: ['required for outcome existing_report'] },
      });
    }
    let eventIds: string[] = [];
    let created: Report | undefined;
    const result = await this.orm.transaction(async (m) => {
      if (input.callId) {
        // The switchboard's call id makes a retried submission return the call already logged.
        const existing = await m.findOneBy(HotlineCall, { externalCallId: input.callId });
        if (existing)
          return {
            call: existing,
            report: existing.reportId ? await m.findOneBy(Report, { id: existing.reportId }) : null,
          };
      }
      if (input.reportId && !(await m.existsBy(Report, { id: input.reportId }))) {
        throw new AppError('VALIDATION_FAILED', 'Unknown report', { fields: { reportId: ['no such report'] } });
      }
      const callerUserId = await reporterForPhone(this.db.fromManager(m), phone, input.callerName ?? '', {
        joinProvenAccount: true,
      });
      const call = await m.save(
        m.create(HotlineCall, {
          externalCallId: input.callId ?? null,
          callerPhone: phone,
          callerName: input.callerName ?? null,
          callerUserId,
          operatorId: operator.id,
          startedAt: input.startedAt,
          endedAt: input.endedAt ?? null,
          outcome: input.outcome,
          notes: input.notes ?? null,
          reportId: input.reportId ?? null,
        }),
      );
      if (!input.report) return { call, report: null };
      const filed = await this.reports.createIn(m, input.report, {
        actor: operator,
        channel: 'hotline',
        reporterId: callerUserId,
        hotlineCallId: call.id,
      });
      eventIds = filed.eventIds;
      created = filed.report;
      await m.update(HotlineCall, call.id, { reportId: filed.report.id });
      return { call: { ...call, reportId: filed.report.id }, report: filed.report };
    });
    await this.reports.afterCommit(eventIds, created);
    return {
      call: callView(result.call),
      report: result.report ? await this.query.view(result.report, operator) : null,
    };
  }

  async calls(callerPhone: string | undefined, page: PageQuery) {
    const qb = this.orm.manager.getRepository(HotlineCall).createQueryBuilder('c').orderBy('c.started_at', 'DESC');
    if (callerPhone) {
      const phone = normalizeVnMobile(callerPhone);
      if (!phone) return toPage([], 0, page);
      qb.where('c.caller_phone = :phone', { phone });
    }
    const [rows, total] = await qb.skip(page.offset).take(page.pageSize).getManyAndCount();
    return toPage(rows.map(callView), total, page);
  }

  /**
   * A caller's earlier reports, whichever channel they came through, for the operator on the phone: those of the
   * phone's caller record and of the account with that phone.
   */
  async callerReports(phoneInput: string, operator: AuthUser, page: PageQuery): Promise<Page<ReportView>> {
    const phone = normalizeVnMobile(phoneInput);
    if (!phone) throw notFound('Caller');
    const users = await this.orm.manager.findBy(User, { phone });
    if (!users.length) return toPage([], 0, page);
    return this.query.listForStaff(operator, { reporterIds: users.map((u) => u.id) }, page);
  }
}
