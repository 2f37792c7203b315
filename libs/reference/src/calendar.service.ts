import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { CalendarKind, createWorkingCalendar, WorkingCalendar } from '@app/calendar';
import { CalendarException } from '@app/database';

// Other processes (the worker, other API replicas) pick up an admin's edit within this time.
const CACHE_MS = 60_000;

/** The working calendars built from the admin-edited exceptions, cached because every deadline needs one. */
@Injectable()
export class CalendarService {
  private cache: { at: number; calendars: Promise<Record<CalendarKind, WorkingCalendar>> } | null = null;

  constructor(
    @InjectRepository(CalendarException) private readonly exceptions: Repository<CalendarException>,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  async calendar(kind: CalendarKind): Promise<WorkingCalendar> {
    if (!this.cache || Date.now() - this.cache.at > CACHE_MS) {
      const calendars = this.load();
      this.cache = { at: Date.now(), calendars };
      calendars.catch(() => (this.cache = null));
    }
    return (await this.cache.calendars)[kind];
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
    this.cache = null;
  }

  private async load(): Promise<Record<CalendarKind, WorkingCalendar>> {
    const exceptions = await this.list();
    return {
      office: createWorkingCalendar('office', { exceptions }),
      '24x7': createWorkingCalendar('24x7'),
    };
  }
}
