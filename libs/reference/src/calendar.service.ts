import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { CalendarKind, createWorkingCalendar, WorkingCalendar } from '@app/calendar';
import { CalendarException } from '@app/database';
import { ReferenceCache } from './reference-cache';

type Calendars = Record<CalendarKind, WorkingCalendar>;

/** The working calendars built from the admin-edited exceptions, held in memory (ReferenceCache). */
@Injectable()
export class CalendarService implements OnModuleInit {
  private readonly cache = new ReferenceCache<Calendars>('calendars', async () => {
    const exceptions = await this.list();
    return { office: createWorkingCalendar('office', { exceptions }), '24x7': createWorkingCalendar('24x7') };
  });

  constructor(
    @InjectRepository(CalendarException) private readonly exceptions: Repository<CalendarException>,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.cache.refresh();
  }

  async calendar(kind: CalendarKind): Promise<WorkingCalendar> {
    return (await this.cache.get())[kind];
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
        await m.insert(
          CalendarException,
          entries.map((e) => ({ date: e.date, kind: e.kind, note: e.note ?? '' })),
        );
      }
    });
    await this.cache.refresh();
  }
}
