import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { CalendarKind, createWorkingCalendar, WorkingCalendar } from '@app/calendar';
import { CalendarException } from '@app/database';

// Other processes (the worker, other API replicas) pick up an admin's edit within this time.
const CACHE_MS = 60_000;

type Calendars = Record<CalendarKind, WorkingCalendar>;

/**
 * The working calendars built from the admin-edited exceptions. Loaded at start-up and refreshed in the
 * background when stale, so a caller never waits on the database for one: deadline maths runs inside
 * report transactions, and a calendar load needing a second pool connection there would deadlock a busy
 * pool (every connection held by a transaction waiting for the calendar).
 */
@Injectable()
export class CalendarService implements OnModuleInit {
  private readonly logger = new Logger(CalendarService.name);
  private current: Calendars | null = null;
  private loadedAt = 0;
  private refreshing: Promise<void> | null = null;

  constructor(
    @InjectRepository(CalendarException) private readonly exceptions: Repository<CalendarException>,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.refresh();
  }

  async calendar(kind: CalendarKind): Promise<WorkingCalendar> {
    if (!this.current) await this.refresh();
    else if (Date.now() - this.loadedAt > CACHE_MS) {
      this.refresh().catch((e) => this.logger.warn(`calendar refresh failed, keeping the loaded one: ${(e as Error).message}`));
    }
    return this.current![kind];
  }

  async list(): Promise<Array<Pick<CalendarException, 'date' | 'kind' | 'note'>>> {
    const rows = await this.exceptions.find({ order: { date: 'ASC' } });
    return rows.map(({ date, kind, note }) => ({ date, kind, note }));
  }

  /** PUT semantics: the given list becomes the whole set of exceptions. */
  async replace(entries: Array<{ date: string; kind: 'off' | 'working'; note?: string }>): Promise<void> {
    await this.db.transaction(async (m) => {
      await m.createQueryBuilder().delete().from(CalendarException).execute();
      if (entries.length) {
        await m.insert(CalendarException, entries.map((e) => ({ date: e.date, kind: e.kind, note: e.note ?? '' })));
      }
    });
    await this.refresh();
  }

  /** One load at a time; concurrent callers share it. */
  private refresh(): Promise<void> {
    this.refreshing ??= this.list()
      .then((exceptions) => {
        this.current = { office: createWorkingCalendar('office', { exceptions }), '24x7': createWorkingCalendar('24x7') };
        this.loadedAt = Date.now();
      })
      .finally(() => (this.refreshing = null));
    return this.refreshing;
  }
}
