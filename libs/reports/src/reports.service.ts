import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AttachmentsService } from '@app/attachments';
import type { AuthUser } from '@app/auth';
import { AppError, notFound } from '@app/common';
import { Env } from '@app/config';
import {
  Attachment,
  Channel,
  Db,
  hydrate,
  nextReportCodeSql,
  sql,
  Priority,
  Report,
  returningColumns,
  setClause,
} from '@app/database';
import { CalendarService, CategoriesService, CommunesService } from '@app/reference';
import {
  ACTIONS,
  CENTRE_ROLES,
  decide,
  hasAnyRole,
  DEFAULT_WORKFLOW_LIMITS,
  type ActionDefinition,
  type Actor,
  type Command,
  type DecisionContext,
  type LatLng,
  type NewEvent,
} from '@app/workflow';
import { claimIdempotencyKey, requestHash, storeIdempotentResponse } from './idempotency';
import { OutboxService } from './outbox.service';
import { applyClock } from './report-clock';
import { accessLevel, mayAct, type AccessLevel, type ReportView } from './report-view.policy';
import { ReportsQueryService } from './reports-query.service';
import { placeOf, RoutingService, type ReportPlace } from './routing.service';
import type { SuggestionRule } from './routing-rules';
import { overseesIn } from './oversight';
import { EventActor, timelineInsert } from './timeline';
import { DeadlinesService } from './deadlines.service';

export interface NewReport {
  categoryId: string;
  description: string;
  title?: string;
  /** Required but for centre staff, who may give a commune and an address instead (placeIn). */
  location?: { lat: number; lng: number };
  address?: string;
  communeCode?: string;
  attachmentIds?: string[];
  priority?: Priority;
  isPublic?: boolean;
  hideIdentity?: boolean;
  allowContact?: boolean;
}

export interface CreateContext {
  actor: AuthUser;
  channel: Channel;
  /** The citizen the report belongs to: the actor for app/web, the caller for hotline, null for anonymous. */
  reporterId: string | null;
  hotlineCallId?: string;
}

const eventActor = (actor: Actor | AuthUser): EventActor =>
  !('kind' in actor)
    ? { id: actor.id, roles: actor.roles }
    : actor.kind === 'user'
      ? { id: actor.userId, roles: actor.roles }
      : actor.kind === 'integration'
        ? { id: actor.userId, roles: ['integration'] }
        : { id: null, roles: ['system'] };

/**
 * The only code that creates reports and changes their status. Each operation is one transaction that locks
 * the report, asks the pure workflow to decide, saves the patch and its deadline changes, and appends the
 * events to the timeline; the events are handed to the outbox after commit.
 */
@Injectable()
export class ReportsService {
  constructor(
    @InjectDataSource() private readonly orm: DataSource,
    private readonly db: Db,
    private readonly calendars: CalendarService,
    private readonly categories: CategoriesService,
    private readonly communes: CommunesService,
    private readonly attachments: AttachmentsService,
    private readonly outbox: OutboxService,
    private readonly routing: RoutingService,
    private readonly deadlines: DeadlinesService,
    private readonly query: ReportsQueryService,
    private readonly env: Env,
  ) {}

  /** Creates a report; with an Idempotency-Key, a retry returns the first response and creates nothing. */
  async create(input: NewReport, ctx: CreateContext, idempotencyKey?: string): Promise<ReportView> {
    const hash = idempotencyKey ? requestHash({ input, channel: ctx.channel }) : '';
    let created: Awaited<ReturnType<ReportsService['createIn']>> | undefined;
    const run = async (m: EntityManager) => {
      if (idempotencyKey) {
        const replay = await claimIdempotencyKey(this.db.fromManager(m), ctx.actor.id, idempotencyKey, hash);
        if (replay) return replay.response as ReportView;
      }
      created = await this.createIn(m, input, ctx);
      const view = await this.query.viewIn(m, created.report, ctx.actor, undefined, {
        attachments: created.attachments,
      });
      if (idempotencyKey)
        await storeIdempotentResponse(this.db.fromManager(m), ctx.actor.id, idempotencyKey, 201, view);
      return view;
    };
    // The report and its first event are one statement: a transaction is needed only to tie other rows to it.
    const view =
      idempotencyKey || input.attachmentIds?.length ? await this.orm.transaction(run) : await run(this.orm.manager);
    await this.afterCommit(created?.eventIds ?? [], created?.report);
    return view;
  }

  /** Creation inside a caller's transaction (the hotline logs the call and files the report atomically). */
  async createIn(
    m: EntityManager,
    input: NewReport,
    ctx: CreateContext,
  ): Promise<{ report: Report; eventIds: string[]; attachments: Attachment[] }> {
    const category = await this.categories.activeForFiling(input.categoryId);
    const now = new Date();
    const priority = input.priority ?? category.priority;
    const calendar = await this.calendars.calendar(category.calendar);
    const clock = applyClock(
      { kind: 'start', stage: 'screening', fresh: true },
      {
        report: { ...EMPTY_CLOCK, priority },
        sla: category.sla,
        reminderAtFraction: category.escalation.reminderAtFraction,
        calendar,
        now,
      },
    );
    const place = await this.placeIn(m, input, ctx.actor);
    const point = place.location && `SRID=4326;POINT(${place.location.lng} ${place.location.lat})`;
    const suggestion = await this.routing.suggestIn(m, category, place, now);
    const suggestedAgencyId = suggestion.agencyId;
    // The id is made here so that the report and its first event go in one statement (the event's foreign key
    // is checked at the statement's end, when both rows exist).
    const id = randomUUID();
    const kysely = this.db.fromManager(m);
    const event = timelineInsert(kysely, [
      {
        reportId: id,
        actor: eventActor(ctx.actor),
        event: {
          type: 'report.created',
          fromStatus: null,
          toStatus: 'received',
          internal: false,
          data: {
            channel: ctx.channel,
            categoryId: category.id,
            priority,
            suggestedAgencyId,
            dueAt: clock.dueAt?.toISOString() ?? null,
          },
        },
      },
    ]);
    const {
      rows: [row],
    } = await sql<Record<string, unknown> & { eventId: string }>`
      WITH report AS (
         INSERT INTO reports (id, code, status, category_id, suggested_agency_id, priority, channel, title, description,
           location, address, reporter_id, hotline_call_id, is_public, hide_identity, allow_contact,
           stage, stage_version, due_at, next_check_at, created_at, updated_at, commune_code, suggestion_rule)
         VALUES (${id}, ${nextReportCodeSql(now)}, 'received', ${category.id}, ${suggestedAgencyId}, ${priority}, ${ctx.channel}, ${input.title ?? null},
           ${input.description}, ${point}::geography, ${input.address ?? null}, ${ctx.reporterId},
           ${ctx.hotlineCallId ?? null}, ${input.isPublic ?? true}, ${input.hideIdentity ?? false},
           ${input.allowContact ?? true}, ${clock.stage}, ${clock.stageVersion}, ${clock.dueAt}, ${clock.nextCheckAt},
           ${now}, ${now}, ${place.communeCode}, ${suggestion.rule && JSON.stringify(suggestion.rule)}::jsonb)
         RETURNING ${returningColumns(this.orm, Report)}
       ), event AS (${event})
       SELECT report.*, (SELECT id FROM event) AS "eventId" FROM report`.execute(kysely);
    const attachments = input.attachmentIds?.length
      ? await this.attachments.claim(
          m,
          input.attachmentIds,
          ctx.actor.id,
          { reportId: id },
          this.env.UPLOAD_MAX_PER_REPORT,
        )
      : [];
    return { report: hydrate(this.orm, Report, row), eventIds: [row.eventId], attachments };
  }

  /**
   * Where a new report is (docs/domain.md#communes-and-addresses): a point, its commune found by the
   * jurisdictions unless one is given; or, for centre staff only (a caller who cannot say where on a map, a
   * console without map tiles), a commune and an address without a point.
   */
  private async placeIn(m: EntityManager, input: NewReport, actor: AuthUser): Promise<ReportPlace> {
    if (input.communeCode) await this.communes.assertExistsIn(m, input.communeCode);
    if (input.location) {
      const communeCode = input.communeCode ?? (await this.communes.resolveIn(m, input.location))?.code ?? null;
      return { location: input.location, communeCode };
    }
    const missing = (field: string, message: string) =>
      new AppError('VALIDATION_FAILED', 'The report needs a place', { fields: { [field]: [message] } });
    if (!hasAnyRole(actor.roles, CENTRE_ROLES)) throw missing('location', 'location is required');
    if (!input.communeCode) throw missing('location', 'give a location, or a communeCode and an address');
    if (!input.address) throw missing('address', 'an address is required when there is no location');
    return { location: null, communeCode: input.communeCode };
  }

  /**
   * Runs one workflow action. The row lock serialises concurrent actions on a report: the second waits, then
   * decides against the state the first left, so it gets 409 INVALID_TRANSITION if that state moved.
   */
  async act(reportId: string, command: Command, actor: Actor, expectedVersion?: number): Promise<ReportView | null> {
    let eventIds: string[] = [];
    let actorLevel: AccessLevel | undefined;
    const viewer: AuthUser | undefined =
      actor.kind === 'user' ? { id: actor.userId, roles: actor.roles, agencyId: actor.agencyId } : undefined;
    const report = await this.orm.transaction(async (m) => {
      const current = await m
        .getRepository(Report)
        .createQueryBuilder('r')
        .setLock('pessimistic_write')
        .where('r.id = :id', { id: reportId })
        .getOne();
      if (!current) throw notFound('Report');
      if (viewer) {
        // 404, never 403, so ids of other people's cases cannot be probed.
        const oversees = await overseesIn(this.db.fromManager(m), viewer, current.agencyId);
        const level = accessLevel(current, viewer, false, oversees);
        if (!level || !mayAct(level)) throw notFound('Report');
        actorLevel = level;
      }
      if (expectedVersion !== undefined && expectedVersion !== current.version) {
        throw new AppError('VERSION_CONFLICT', 'The report changed since you loaded it', {
          currentVersion: current.version,
          currentStatus: current.status,
        });
      }
      const ctx = await this.decisionContext(m, current, command);
      const decision = decide(current, command, actor, ctx);
      if (!decision.ok) throw new AppError(decision.error.code, decision.error.message, decision.error.details);

      const now = new Date();
      const { rating, result, location, ...plain } = decision.patch;
      const changes: Partial<Report> = { ...plain, version: current.version + 1, updatedAt: now };
      // A new suggestion (reclassify) brings the rule it came from, or none.
      if (ctx.suggestionRule !== undefined) changes.suggestionRule = ctx.suggestionRule;
      if (rating)
        Object.assign(changes, { ratingSatisfied: rating.satisfied, ratingComment: rating.comment, ratedAt: now });
      if (result) Object.assign(changes, { result: { ...result, at: result.at.toISOString() }, handledAt: result.at });
      if (decision.clock) {
        // The deadlines are the category's as the action leaves it (reclassify may change it and the priority).
        const { category, calendar } = await this.classification(current, decision.patch.categoryId);
        const before =
          decision.clock.kind === 'recompute'
            ? { ...(await this.classification(current)), priority: current.priority }
            : undefined;
        Object.assign(
          changes,
          applyClock(decision.clock, {
            report: { ...current, priority: decision.patch.priority ?? current.priority },
            sla: category.sla,
            reminderAtFraction: category.escalation.reminderAtFraction,
            calendar,
            now,
            ...(before
              ? { before: { sla: before.category.sla, calendar: before.calendar, priority: before.priority } }
              : {}),
          }),
        );
      }
      const { report: updated, eventIds: ids } = await this.updateWithEvents(
        m,
        current.id,
        changes,
        eventActor(actor),
        decision.events,
        location,
      );
      eventIds = ids;
      if (decision.attachments && viewer) {
        await this.attachments.claim(
          m,
          decision.attachments,
          viewer.id,
          { reportId: current.id, eventId: ids[0] },
          this.env.UPLOAD_MAX_PER_REPORT,
        );
      }
      for (const f of decision.follows ?? []) {
        await this.db
          .fromManager(m)
          .insertInto('reportFollowers')
          .values({ reportId: f.reportId, userId: f.userId, via: f.via })
          .onConflict((oc) => oc.doNothing())
          .execute();
      }
      return updated;
    });
    await this.afterCommit(eventIds, report);
    return viewer ? this.query.view(report, viewer, actorLevel) : null;
  }

  /**
   * Side effects of a committed change: its events to the outbox (whatever else an event sets off, such as a new
   * report's duplicate scan, runs from there in the worker), its next deadline checkpoint to Bull.
   */
  async afterCommit(eventIds: string[], report?: Pick<Report, 'id' | 'stageVersion' | 'nextCheckAt'>): Promise<void> {
    // Independent queues (neither ever throws): sent together, answered in one wait.
    await Promise.all([this.outbox.enqueue(eventIds), report && this.deadlines.schedule(report)]);
  }

  /**
   * A report's patch and its timeline events as one statement; returns the changed report and the event ids.
   * A new point (reclassify) is written apart: setClause leaves spatial columns out.
   */
  private async updateWithEvents(
    m: EntityManager,
    id: string,
    changes: Partial<Report>,
    actor: EventActor,
    events: NewEvent[],
    location?: LatLng,
  ): Promise<{ report: Report; eventIds: string[] }> {
    const kysely = this.db.fromManager(m);
    const point = location
      ? sql`, location = ST_SetSRID(ST_MakePoint(${location.lng}, ${location.lat}), 4326)::geography`
      : sql``;
    const insert = events.length
      ? timelineInsert(
          kysely,
          events.map((event) => ({ reportId: id, actor, event })),
        )
      : null;
    const {
      rows: [row],
    } = await sql<Record<string, unknown> & { eventIds: string[] }>`
      WITH report AS (
        UPDATE reports SET ${setClause(this.orm, Report, changes)}${point} WHERE id = ${id}
        RETURNING ${returningColumns(this.orm, Report)}
      )${insert ? sql`, event AS (${insert})` : sql``}
      SELECT report.*, ${insert ? sql`ARRAY(SELECT id FROM event)` : sql`'{}'::uuid[]`} AS "eventIds" FROM report`.execute(
      kysely,
    );
    return { report: hydrate(this.orm, Report, row), eventIds: row.eventIds };
  }

  /** What decide() needs: the clock, the limits, and the facts about other rows the action's entry names. */
  private async decisionContext(
    m: EntityManager,
    report: Report,
    command: Command,
  ): Promise<DecisionContext & { suggestionRule?: SuggestionRule | null }> {
    const ctx: DecisionContext & { suggestionRule?: SuggestionRule | null } = {
      now: new Date(),
      limits: DEFAULT_WORKFLOW_LIMITS,
    };
    const loads = (ACTIONS[command.action] as ActionDefinition | undefined)?.loads;
    const kysely = this.db.fromManager(m);
    if (loads?.duplicateMaster) {
      const master = await kysely
        .selectFrom('reports')
        .select(['id', 'status', 'duplicateOfId'])
        .where('id', '=', loads.duplicateMaster(command))
        .executeTakeFirst();
      ctx.duplicateMaster = master ?? null;
      const duplicate = await kysely
        .selectFrom('reports')
        .select('id')
        .where('duplicateOfId', '=', report.id)
        .limit(1)
        .executeTakeFirst();
      ctx.reportHasDuplicates = duplicate !== undefined;
    }
    if (loads?.agency) {
      const agency = await kysely
        .selectFrom('agencies')
        .select('id')
        .where('id', '=', loads.agency(command))
        .where('isActive', '=', true)
        .executeTakeFirst();
      ctx.agency = agency ?? null;
    }
    const assigneeId = loads?.assignee?.(command);
    if (assigneeId) {
      const user = await kysely
        .selectFrom('users')
        .select(['id', 'agencyId', 'roles', sql<boolean>`is_active AND anonymised_at IS NULL`.as('active')])
        .where('id', '=', assigneeId)
        .executeTakeFirst();
      ctx.assignee = user ?? null;
    }
    const unit = loads?.unit?.(command);
    if (unit) {
      const row = await kysely
        .selectFrom('agencies')
        .select(['id', 'parentId', 'isActive as active'])
        .where('id', '=', unit.agencyId)
        .executeTakeFirst();
      ctx.unit = row ?? null;
      if (unit.workingDays !== undefined) {
        // The unit's deadline in the case's own calendar, as its other deadlines.
        const { calendar } = await this.classification(report);
        ctx.handDownDueAt = calendar.addWorkingMinutes(ctx.now, unit.workingDays * calendar.workingMinutesPerDay);
      }
    }
    const next = loads?.reclassification?.(command);
    if (next) Object.assign(ctx, await this.reclassificationContext(m, report, next));
    return ctx;
  }

  /**
   * What `reclassify` needs to judge a new classification: the category named (if active), the commune named or
   * the one the new point lies in, and routing's suggestion for the report so placed and classified.
   */
  private async reclassificationContext(
    m: EntityManager,
    report: Report,
    next: { categoryId?: string; location?: LatLng; communeCode?: string },
  ): Promise<
    Pick<DecisionContext, 'category' | 'commune' | 'suggestedAgencyId'> & { suggestionRule: SuggestionRule | null }
  > {
    const named = next.categoryId ? await this.categories.cached(next.categoryId) : undefined;
    let commune: { code: string } | null | undefined;
    if (next.communeCode !== undefined) {
      const row = await this.db
        .fromManager(m)
        .selectFrom('communes')
        .select('code')
        .where('code', '=', next.communeCode)
        .executeTakeFirst();
      commune = row ?? null;
    } else if (next.location) {
      commune = await this.communes.resolveIn(m, next.location);
    }
    const current = placeOf(report);
    const place: ReportPlace = {
      location: next.location ?? current.location,
      communeCode: commune?.code ?? current.communeCode,
    };
    const category = named ?? (await this.categories.cached(report.categoryId));
    return {
      ...(named !== undefined ? { category: named?.isActive ? { id: named.id } : null } : {}),
      ...(commune !== undefined ? { commune: commune && { code: commune.code } } : {}),
      // Rules read the time the report came in, as they did at filing.
      ...(category
        ? await this.routing.suggestIn(m, category, place, report.createdAt).then((s) => ({
            suggestedAgencyId: s.agencyId,
            suggestionRule: s.rule,
          }))
        : { suggestedAgencyId: null, suggestionRule: null }),
    };
  }

  /** The category a report is classified in (or `categoryId`, its new one) and that category's working calendar. */
  private async classification(report: Report, categoryId = report.categoryId) {
    const category = await this.categories.cached(categoryId);
    if (!category) throw new Error(`category ${categoryId} of report ${report.id} is missing`);
    return { category, calendar: await this.calendars.calendar(category.calendar) };
  }
}

const EMPTY_CLOCK = {
  stage: null,
  stageVersion: 0,
  dueAt: null,
  resolutionDueAt: null,
  pausedAt: null,
  pausedRemainingMinutes: null,
  escalationLevel: 0,
  remindedAt: null,
  wasOverdue: false,
  nextCheckAt: null,
};
