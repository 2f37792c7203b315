// `npm run bench:generate [-- --reports 1000000] [--force]`: fills the bench database (DATABASE_URL, default
// pa_bench, created and migrated with the real migrations) with a year of a province's reports around Thái Nguyên,
// each with the timeline its status implies, through COPY.
//
// Every report lives a simulated life: screening (sometimes an information request, answered or not), then
// cancellation or assignment to an agency, acknowledgement, a result, review, resolution, closing 7 days later,
// sometimes a rating. Where `now` falls in that life gives its status, so statuses come in the proportions a
// working province has (most closed, a few per cent open) and every timestamp, deadline and timeline event agrees
// with it. The generated column description_norm is computed by PostgreSQL; locations go in as EWKT.
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { hashPassword } from '@app/common/passwords';
import { DEMO_AGENCIES } from '@app/database/seed/demo-province';
import { BENCH, BENCH_DIR, flag, numArg } from './lib/config';
import { generatedCount, pool, prepareDatabase } from './lib/db';

const HOUR = 3600_000;
const DAY = 24 * HOUR;
const INDEX_FILE = join(BENCH_DIR, '.generate-dropped-indexes.json');

// ---------------------------------------------------------------- randomness (seeded: the same data every time)
let rngState = 0x9e3779b9;
function rand(): number {
  // mulberry32
  rngState = (rngState + 0x6d2b79f5) | 0;
  let t = rngState;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
const expo = (mean: number) => -Math.log(1 - rand()) * mean;
const gauss = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
function weighted<T>(pairs: ReadonlyArray<readonly [T, number]>): T {
  const total = pairs.reduce((a, [, w]) => a + w, 0);
  let r = rand() * total;
  for (const [v, w] of pairs) if ((r -= w) <= 0) return v;
  return pairs[pairs.length - 1][0];
}

// ---------------------------------------------------------------- Vietnamese text
const STREETS = [
  'Hoàng Văn Thụ',
  'Lương Ngọc Quyến',
  'Quang Trung',
  'Phan Đình Phùng',
  'Bắc Kạn',
  'Dương Tự Minh',
  'Cách Mạng Tháng Tám',
  'Z115',
  'Thống Nhất',
  'Minh Cầu',
  'Đội Cấn',
  'Hoàng Hoa Thám',
  'Túc Duyên',
  'Quyết Thắng',
  'Tân Thịnh',
  'Phú Xá',
  'Lưu Nhân Chú',
  'Nha Trang',
  'Việt Bắc',
  'Ga Thái Nguyên',
  'Đồng Quang',
  'Gia Sàng',
  'Tân Lập',
  'Hùng Vương',
];
const PLACES = [
  'phường Phan Đình Phùng',
  'phường Gia Sàng',
  'phường Quyết Thắng',
  'phường Tân Thịnh',
  'phường Túc Duyên',
  'phường Tích Lương',
  'xã Phúc Xuân',
  'xã Quyết Thắng',
  'phường Sông Công',
  'phường Phổ Yên',
  'xã Đại Từ',
  'xã Phú Bình',
  'xã Đồng Hỷ',
];
const TEMPLATES: Record<string, string[]> = {
  'giao-thong': [
    'Ổ gà lớn giữa đường {s}, xe máy đi qua rất nguy hiểm, đề nghị sửa chữa sớm',
    'Đèn tín hiệu giao thông ở ngã tư {s} không hoạt động từ sáng nay',
    'Biển báo giao thông trên đường {s} bị đổ, che khuất tầm nhìn',
    'Mặt đường {s} đoạn gần số {n} bị lún sụt sau mưa lớn',
  ],
  'ha-tang-do-thi': [
    'Vỉa hè đường {s} bị vỡ, gạch lát bong tróc nhiều đoạn',
    'Nắp hố ga trên đường {s} bị mất, rất nguy hiểm cho người đi đường',
    'Lan can cầu gần {p} bị gãy, cần sửa chữa gấp',
  ],
  'dien-chieu-sang': [
    'Đèn đường trên phố {s} bị hỏng nhiều ngày, buổi tối tối om',
    'Dây điện bị võng thấp sát đầu người đi đường tại ngõ {n} {s}',
    'Cột điện nghiêng trước số nhà {n} {s}, có nguy cơ đổ',
  ],
  'cap-thoat-nuoc': [
    'Cống thoát nước tắc, nước tràn ra mặt đường {s} sau mưa',
    'Vỡ đường ống nước sạch trước số nhà {n} {s}, nước chảy lênh láng',
    'Khu dân cư {p} mất nước sinh hoạt đã ba ngày',
  ],
  'vien-thong': [
    'Cáp viễn thông bị đứt, treo lủng lẳng trên đường {s}',
    'Tủ cáp trước số {n} {s} bị mở cửa, dây nhợ lộn xộn',
  ],
  'moi-truong': [
    'Rác thải đổ trộm ở đầu ngõ {n} {s}, bốc mùi hôi thối',
    'Khói bụi từ cơ sở sản xuất gần {p} gây ô nhiễm không khí',
    'Điểm tập kết rác trên đường {s} không được thu gom nhiều ngày',
  ],
  'trat-tu-do-thi': [
    'Lấn chiếm vỉa hè để kinh doanh trên đường {s}, người đi bộ phải đi xuống lòng đường',
    'Công trình xây dựng ở số {n} {s} không che chắn, vật liệu rơi xuống đường',
    'Xây dựng trái phép trên đất nông nghiệp tại {p}',
  ],
  'an-ninh-trat-tu': [
    'Nhóm thanh niên tụ tập gây mất trật tự ban đêm tại {p}',
    'Đua xe trái phép trên đường {s} vào cuối tuần',
  ],
  'y-te': ['Cơ sở khám bệnh tư nhân ở {p} không niêm yết giá dịch vụ', 'Trạm y tế {p} đông người chờ đợi quá lâu'],
  'giao-duc': ['Trường học ở {p} thu các khoản ngoài quy định', 'Cổng trường trên đường {s} ùn tắc giờ tan học'],
  'an-toan-thuc-pham': [
    'Quán ăn trên đường {s} mất vệ sinh, nghi ngộ độc thực phẩm',
    'Bán thực phẩm không rõ nguồn gốc tại chợ {p}',
  ],
  'an-sinh-xa-hoi': ['Hộ nghèo ở {p} chưa nhận được trợ cấp theo quy định', 'Người vô gia cư nằm ngủ dưới gầm cầu {s}'],
  'thu-tuc-hanh-chinh': [
    'Hồ sơ cấp giấy chứng nhận tại {p} quá hạn chưa được giải quyết',
    'Cán bộ một cửa {p} hướng dẫn không rõ ràng',
  ],
  'thien-tai-khan-cap': [
    'Sạt lở đất đe dọa nhà dân tại {p}, cần sơ tán gấp',
    'Ngập sâu trên đường {s}, nhiều xe chết máy',
    'Cây đổ chắn ngang đường {s} sau bão',
  ],
  'du-lich': ['Khu du lịch hồ Núi Cốc bán vé cao hơn niêm yết', 'Điểm tham quan gần {p} thiếu nhà vệ sinh công cộng'],
  khac: ['Đề nghị lắp thêm ghế đá ở công viên {p}', 'Chó thả rông không rọ mõm trên đường {s}'],
};
const SUFFIXES = [
  '',
  '',
  ' Mong cơ quan chức năng sớm xử lý.',
  ' Đề nghị kiểm tra.',
  ' Người dân rất bức xúc.',
  ' Tình trạng kéo dài đã lâu.',
];
const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Vũ', 'Đỗ', 'Bùi', 'Đặng', 'Ngô', 'Dương', 'Lý'];
const MIDDLE = ['Văn', 'Thị', 'Minh', 'Thu', 'Quang', 'Ngọc', 'Đức', 'Thanh'];
const GIVEN = [
  'An',
  'Bình',
  'Cường',
  'Dũng',
  'Giang',
  'Hà',
  'Hải',
  'Hạnh',
  'Hùng',
  'Lan',
  'Linh',
  'Mai',
  'Nam',
  'Phương',
  'Quân',
  'Sơn',
  'Thảo',
  'Trang',
  'Tuấn',
  'Yến',
];

function describe(code: string): { title: string | null; description: string; address: string } {
  const s = pick(STREETS);
  const p = pick(PLACES);
  const n = String(1 + Math.floor(rand() * 300));
  const t = pick(TEMPLATES[code] ?? TEMPLATES.khac)
    .replace('{s}', s)
    .replace('{p}', p)
    .replace('{n}', n);
  return {
    title: rand() < 0.6 ? t.split(',')[0].slice(0, 80) : null,
    description: t + pick(SUFFIXES),
    address: `${n} ${s}, ${p}, tỉnh Thái Nguyên`,
  };
}

// ---------------------------------------------------------------- COPY text format
const esc = (v: string) => v.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
const cell = (v: unknown): string =>
  v === null || v === undefined
    ? '\\N'
    : v instanceof Date
      ? v.toISOString()
      : typeof v === 'string'
        ? esc(v)
        : typeof v === 'object'
          ? esc(JSON.stringify(v))
          : String(v);
const line = (cells: unknown[]) => cells.map(cell).join('\t') + '\n';
const ts = (ms: number | null | undefined) => (ms == null ? null : new Date(ms));

const REPORT_COLUMNS = [
  'id',
  'code',
  'status',
  'cancel_reason',
  'duplicate_of_id',
  'category_id',
  'agency_id',
  'suggested_agency_id',
  'priority',
  'channel',
  'title',
  'description',
  'location',
  'address',
  'reporter_id',
  'is_public',
  'hide_identity',
  'allow_contact',
  'stage',
  'stage_version',
  'due_at',
  'resolution_due_at',
  'paused_at',
  'paused_from_status',
  'paused_remaining_minutes',
  'escalation_level',
  'reminded_at',
  'was_overdue',
  'extension_count',
  'result',
  'rated',
  'rating_satisfied',
  'rating_comment',
  'rated_at',
  'first_assigned_at',
  'handled_at',
  'resolved_at',
  'closed_at',
  'cancelled_at',
  'version',
  'created_at',
  'updated_at',
  'next_check_at',
];
const EVENT_COLUMNS = [
  'id',
  'report_id',
  'type',
  'from_status',
  'to_status',
  'actor_id',
  'actor_roles',
  'internal',
  'data',
  'created_at',
  'dispatched_at',
];

// ---------------------------------------------------------------- reference data from the seed
interface Ref {
  categories: Array<{
    id: string;
    code: string;
    defaultAgencyId: string;
    locationBound: boolean;
    urgent: boolean;
    weight: number;
  }>;
  wards: Array<{ id: string; box: [number, number, number, number] }>;
  screenerId: string;
  operatorId: string;
  officerByAgency: Map<string, string>;
  citizenIds: string[];
}

const CATEGORY_WEIGHTS: Record<string, number> = {
  'giao-thong': 18,
  'ha-tang-do-thi': 12,
  'dien-chieu-sang': 10,
  'cap-thoat-nuoc': 9,
  'vien-thong': 3,
  'moi-truong': 14,
  'trat-tu-do-thi': 12,
  'an-ninh-trat-tu': 5,
  'y-te': 2,
  'giao-duc': 2,
  'an-toan-thuc-pham': 2,
  'an-sinh-xa-hoi': 2,
  'thu-tuc-hanh-chinh': 3,
  'thien-tai-khan-cap': 1,
  'du-lich': 1,
  khac: 4,
};

// ---------------------------------------------------------------- one report's life
interface Ev {
  type: string;
  from: string | null;
  to: string | null;
  at: number;
  actor: string | null;
  roles: string;
  internal?: boolean;
  data?: Record<string, unknown>;
}

interface Recent {
  id: string;
  lat: number;
  lng: number;
  at: number;
}

const CITY = { lat: 21.594, lng: 105.848 };
const BOX = { minLat: 21.45, maxLat: 21.75, minLng: 105.65, maxLng: 106.05 };

function location(): { lat: number; lng: number } {
  // 60 % in and around the city (a few km), the rest anywhere in the province's area.
  if (rand() < 0.6) {
    const lat = CITY.lat + gauss() * 0.025;
    const lng = CITY.lng + gauss() * 0.03;
    if (lat > BOX.minLat && lat < BOX.maxLat && lng > BOX.minLng && lng < BOX.maxLng) return { lat, lng };
  }
  return { lat: BOX.minLat + rand() * (BOX.maxLat - BOX.minLat), lng: BOX.minLng + rand() * (BOX.maxLng - BOX.minLng) };
}

function simulate(
  i: number,
  createdAt: number,
  now: number,
  ref: Ref,
  recent: Map<string, Recent[]>,
  followers: Set<string>,
) {
  const cat = weighted(ref.categories.map((c) => [c, c.weight] as const));
  const urgent = cat.urgent || rand() < 0.03;
  const channel = weighted([
    ['app', 55],
    ['zalo', 20],
    ['web', 10],
    ['hotline', 12],
    ['open311', 2],
    ['email', 1],
  ] as const);
  // Citizens report more than once: a skewed pick makes some of them frequent reporters.
  const reporterId = ref.citizenIds[Math.floor(ref.citizenIds.length * rand() ** 2)];
  let loc = location();
  const text = describe(cat.code);
  const slaScale = urgent ? 0.125 : 1;
  const screenDue = (t: number) => t + 1 * DAY * slaScale;
  const ackDue = (t: number) => t + 1 * DAY * slaScale;
  const resDue = (t: number) => t + 7 * DAY * (urgent ? 0.2 : 1);
  const reviewDue = (t: number) => t + 1 * DAY * slaScale;

  const id = randomUUID();
  const events: Ev[] = [];
  const creator =
    channel === 'hotline' ? { actor: ref.operatorId, roles: '{operator}' } : { actor: reporterId, roles: '{citizen}' };
  events.push({
    type: 'report.created',
    from: null,
    to: 'received',
    at: createdAt,
    ...creator,
    data: { channel, categoryId: cat.id, priority: urgent ? 'urgent' : 'normal' },
  });
  const screener = { actor: ref.screenerId, roles: '{screener}' };
  const system = { actor: null, roles: '{system}' };

  const r: Record<string, unknown> = {
    id,
    status: 'received',
    cancel_reason: null,
    duplicate_of_id: null,
    agency_id: null,
    stage: 'screening',
    stage_version: 1,
    due_at: screenDue(createdAt),
    resolution_due_at: null,
    paused_at: null,
    paused_from_status: null,
    paused_remaining_minutes: null,
    escalation_level: 0,
    reminded_at: null,
    was_overdue: false,
    result: null,
    rated: false,
    rating_satisfied: null,
    rating_comment: null,
    rated_at: null,
    first_assigned_at: null,
    handled_at: null,
    resolved_at: null,
    closed_at: null,
    cancelled_at: null,
    version: 1,
  };
  let stageStart = createdAt;
  let last = createdAt;
  const step = (e: Ev, patch: Record<string, unknown>) => {
    events.push(e);
    Object.assign(r, patch);
    r.version = (r.version as number) + 1;
    last = e.at;
  };
  const late = (at: number) => {
    if (r.due_at !== null && at > (r.due_at as number)) r.was_overdue = true;
  };
  const cancel = (e: Ev, reason: string, extra: Record<string, unknown> = {}) => {
    late(e.at);
    step(e, {
      status: 'cancelled',
      cancel_reason: reason,
      cancelled_at: e.at,
      stage: null,
      due_at: null,
      stage_version: (r.stage_version as number) + 1,
      ...extra,
    });
  };

  // Wards have jurisdictions: a location-bound report inside one goes to the ward, else to the category's agency.
  const ward = cat.locationBound
    ? ref.wards.find((w) => loc.lng >= w.box[0] && loc.lng <= w.box[2] && loc.lat >= w.box[1] && loc.lat <= w.box[3])
    : undefined;
  const agencyId = ward && rand() < 0.7 ? ward.id : cat.defaultAgencyId;
  const suggestedAgencyId = ward?.id ?? cat.defaultAgencyId;

  let dupOf: Recent | undefined;
  life: {
    let t = createdAt;
    // Screening, sometimes with a question to the citizen first.
    if (rand() < 0.12) {
      const asked = t + expo(4 * HOUR);
      if (asked > now) break life;
      late(asked);
      step(
        {
          type: 'report.info_requested',
          from: 'received',
          to: 'need_info',
          at: asked,
          ...screener,
          data: { question: 'Đề nghị bổ sung ảnh chụp và địa chỉ cụ thể' },
        },
        {
          status: 'need_info',
          paused_at: asked,
          paused_from_status: 'received',
          paused_remaining_minutes: 300,
          due_at: null,
          stage_version: (r.stage_version as number) + 1,
        },
      );
      if (rand() < 0.2) {
        const giveUp = asked + 5 * DAY;
        if (giveUp > now) break life;
        cancel(
          { type: 'report.cancelled_no_response', from: 'need_info', to: 'cancelled', at: giveUp, ...system, data: {} },
          'no_response',
          { paused_at: null },
        );
        break life;
      }
      const answered = asked + expo(1.5 * DAY);
      if (answered > now) break life;
      step(
        {
          type: 'report.info_provided',
          from: 'need_info',
          to: 'received',
          at: answered,
          actor: reporterId,
          roles: '{citizen}',
          data: { text: 'Đã bổ sung ảnh và vị trí', attachmentIds: [] },
        },
        {
          status: 'received',
          paused_at: null,
          paused_from_status: null,
          paused_remaining_minutes: null,
          due_at: answered + 5 * HOUR * slaScale,
          stage_version: (r.stage_version as number) + 1,
        },
      );
      t = answered;
      stageStart = answered;
    }
    const decided = t + expo(6 * HOUR * slaScale);
    if (decided > now) break life;
    const outcome = rand();
    if (outcome < 0.1) {
      const candidates = recent.get(cat.id) ?? [];
      dupOf = candidates.length
        ? candidates[candidates.length - 1 - Math.floor(rand() * Math.min(20, candidates.length))]
        : undefined;
      if (outcome < 0.045 && dupOf && decided - dupOf.at < 30 * DAY) {
        loc = { lat: dupOf.lat + gauss() * 0.0003, lng: dupOf.lng + gauss() * 0.0003 };
        cancel(
          {
            type: 'report.marked_duplicate',
            from: 'received',
            to: 'cancelled',
            at: decided,
            ...screener,
            data: { duplicateOfId: dupOf.id },
          },
          'duplicate',
          { duplicate_of_id: dupOf.id },
        );
        followers.add(`${dupOf.id}\t${reporterId}`);
      } else if (outcome < 0.075) {
        cancel(
          {
            type: 'report.rejected',
            from: 'received',
            to: 'cancelled',
            at: decided,
            ...screener,
            data: { reason: 'not_eligible', note: 'Nội dung là khiếu nại, đề nghị gửi đơn theo quy định' },
          },
          'not_eligible',
        );
      } else if (outcome < 0.085) {
        cancel(
          {
            type: 'report.rejected',
            from: 'received',
            to: 'cancelled',
            at: decided,
            ...screener,
            data: { reason: 'spam', note: 'Nội dung không phù hợp' },
          },
          'spam',
        );
      } else {
        cancel(
          {
            type: 'report.withdrawn',
            from: 'received',
            to: 'cancelled',
            at: decided,
            actor: reporterId,
            roles: '{citizen}',
            data: {},
          },
          'withdrawn',
        );
      }
      break life;
    }
    // Assignment, acknowledgement, result, review, resolution, closing.
    late(decided);
    stageStart = decided;
    step(
      {
        type: 'report.assigned',
        from: 'received',
        to: 'assigned',
        at: decided,
        ...screener,
        data: { agencyId, previousAgencyId: null, note: null, dueAt: new Date(ackDue(decided)).toISOString() },
      },
      {
        status: 'assigned',
        agency_id: agencyId,
        stage: 'acknowledge',
        due_at: ackDue(decided),
        resolution_due_at: resDue(decided),
        first_assigned_at: decided,
        stage_version: (r.stage_version as number) + 1,
      },
    );
    const officer = { actor: ref.officerByAgency.get(agencyId) ?? null, roles: '{agency_officer}' };
    const acked = decided + expo(10 * HOUR * slaScale) * (rand() < 0.08 ? 4 : 1);
    if (acked > now) break life;
    late(acked);
    stageStart = acked;
    step(
      { type: 'report.acknowledged', from: 'assigned', to: 'in_progress', at: acked, ...officer, data: { agencyId } },
      {
        status: 'in_progress',
        stage: 'resolution',
        due_at: r.resolution_due_at,
        stage_version: (r.stage_version as number) + 1,
      },
    );
    const submitted = acked + expo(3 * DAY * (urgent ? 0.2 : 1)) * (rand() < 0.1 ? 3 : 1);
    if (submitted > now) break life;
    late(submitted);
    stageStart = submitted;
    const resultText = 'Đơn vị đã kiểm tra hiện trường và khắc phục xong, đề nghị người dân theo dõi';
    step(
      {
        type: 'report.result_submitted',
        from: 'in_progress',
        to: 'pending_review',
        at: submitted,
        ...officer,
        data: { text: resultText, attachmentIds: [] },
      },
      {
        status: 'pending_review',
        stage: 'review',
        due_at: reviewDue(submitted),
        handled_at: submitted,
        result: { text: resultText, attachmentIds: [], at: new Date(submitted).toISOString() },
        stage_version: (r.stage_version as number) + 1,
      },
    );
    const approved = submitted + expo(8 * HOUR * slaScale);
    if (approved > now) break life;
    late(approved);
    step(
      { type: 'report.result_approved', from: 'pending_review', to: 'resolved', at: approved, ...screener, data: {} },
      {
        status: 'resolved',
        stage: null,
        due_at: null,
        resolved_at: approved,
        stage_version: (r.stage_version as number) + 1,
      },
    );
    if (rand() < 0.35) {
      const ratedAt = approved + expo(1 * DAY);
      if (ratedAt < now) {
        const satisfied = rand() < 0.85;
        step(
          {
            type: 'report.rated',
            from: 'resolved',
            to: 'resolved',
            at: ratedAt,
            actor: reporterId,
            roles: '{citizen}',
            data: { satisfied, comment: satisfied ? 'Cảm ơn' : 'Chưa xử lý triệt để' },
          },
          {
            rated: true,
            rating_satisfied: satisfied,
            rating_comment: satisfied ? 'Cảm ơn' : 'Chưa xử lý triệt để',
            rated_at: ratedAt,
          },
        );
      }
    }
    const closed = approved + 7 * DAY;
    if (closed > now) break life;
    step(
      { type: 'report.closed', from: 'resolved', to: 'closed', at: Math.max(closed, last + 1000), ...system, data: {} },
      { status: 'closed', closed_at: Math.max(closed, last + 1000) },
    );
  }
  // Events that happened are in order; keep event times strictly increasing.
  for (let k = 1; k < events.length; k++) if (events[k].at <= events[k - 1].at) events[k].at = events[k - 1].at + 1000;

  // The deadline clock of an open report, as the worker would have left it: reminded at 75 %, escalated after.
  let nextCheckAt: number | null = null;
  if (r.due_at !== null && ['received', 'assigned', 'in_progress', 'pending_review'].includes(r.status as string)) {
    const due = r.due_at as number;
    const reminder = stageStart + 0.75 * (due - stageStart);
    if (now < reminder) nextCheckAt = reminder;
    else if (now < due) {
      r.reminded_at = reminder;
      nextCheckAt = due;
    } else {
      r.reminded_at = reminder;
      r.was_overdue = true;
      const thresholds = [due, due + DAY, due + 3 * DAY];
      const reached = thresholds.filter((x) => x <= now).length;
      r.escalation_level = reached;
      nextCheckAt = thresholds[reached] ?? null;
      const roles = '{system}';
      for (let level = 1; level <= reached; level++) {
        events.push({
          type: 'report.overdue',
          from: r.status as string,
          to: r.status as string,
          at: thresholds[level - 1],
          actor: null,
          roles,
          internal: true,
          data: { level, stage: r.stage, agencyId: r.agency_id },
        });
      }
    }
  }

  if (r.cancel_reason !== 'duplicate') {
    const list = recent.get(cat.id) ?? [];
    list.push({ id, lat: loc.lat, lng: loc.lng, at: createdAt });
    if (list.length > 200) list.splice(0, list.length - 200);
    recent.set(cat.id, list);
  }
  const year = new Date(createdAt + 7 * HOUR).getUTCFullYear();
  const updated = Math.max(...events.map((e) => e.at));
  const reportLine = line([
    id,
    `PA-${year}-${String(i + 1).padStart(7, '0')}`,
    r.status,
    r.cancel_reason,
    r.duplicate_of_id,
    cat.id,
    r.agency_id,
    suggestedAgencyId,
    urgent ? 'urgent' : 'normal',
    channel,
    text.title,
    text.description,
    `SRID=4326;POINT(${loc.lng.toFixed(6)} ${loc.lat.toFixed(6)})`,
    text.address,
    reporterId,
    rand() < 0.9,
    rand() < 0.1,
    rand() < 0.85,
    r.stage,
    r.stage_version,
    ts(r.due_at as number | null),
    ts(r.resolution_due_at as number | null),
    ts(r.paused_at as number | null),
    r.paused_from_status,
    r.paused_remaining_minutes,
    r.escalation_level,
    ts(r.reminded_at as number | null),
    r.was_overdue,
    0,
    r.result,
    r.rated,
    r.rating_satisfied,
    r.rating_comment,
    ts(r.rated_at as number | null),
    ts(r.first_assigned_at as number | null),
    ts(r.handled_at as number | null),
    ts(r.resolved_at as number | null),
    ts(r.closed_at as number | null),
    ts(r.cancelled_at as number | null),
    r.version,
    new Date(createdAt),
    new Date(updated),
    ts(nextCheckAt),
  ]);
  let eventLines = '';
  for (const e of events) {
    const at = new Date(e.at);
    eventLines += line([
      randomUUID(),
      id,
      e.type,
      e.from,
      e.to,
      e.actor,
      e.roles,
      e.internal ?? false,
      e.data ?? {},
      at,
      at,
    ]);
  }
  return { reportLine, eventLines, events: events.length, status: r.status as string };
}

// ---------------------------------------------------------------- creation times: a year, weekdays and daytime
function creationTimes(n: number, now: number): Float64Array {
  const out = new Float64Array(n);
  const start = now - 365 * DAY;
  for (let k = 0; k < n; k++) {
    let t: number;
    for (;;) {
      // Growth over the year (the app gains users: the last weeks see ~3x the first), fewer reports at weekends
      // and at night (UTC+7).
      t = start + 365 * DAY * (rand() < 0.5 ? Math.sqrt(rand()) : rand());
      if (t > now - 60_000) continue;
      const local = new Date(t + 7 * HOUR);
      const hour = local.getUTCHours();
      const weekend = local.getUTCDay() === 0 || local.getUTCDay() === 6;
      const keep = (hour >= 6 && hour <= 22 ? 1 : 0.15) * (weekend ? 0.7 : 1);
      if (rand() < keep) break;
    }
    out[k] = t;
  }
  return out.sort();
}

// ---------------------------------------------------------------- bulk load
async function copyInto(
  client: PoolClient,
  table: string,
  columns: string[],
  source: AsyncIterable<string>,
): Promise<void> {
  const stream = client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN`));
  await pipeline(Readable.from(source, { objectMode: false, highWaterMark: 1 << 20 }), stream);
}

/** Secondary indexes of a table that no constraint owns: dropped for the load and rebuilt after (much faster). */
async function secondaryIndexes(client: PoolClient, table: string): Promise<Array<{ name: string; def: string }>> {
  const { rows } = await client.query(
    `SELECT c.relname AS name, pg_get_indexdef(i.indexrelid) AS def
       FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
      WHERE i.indrelid = $1::regclass AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)`,
    [table],
  );
  return rows;
}

async function rebuildIndexes(p: ReturnType<typeof pool>, defs: Array<{ name: string; def: string }>): Promise<void> {
  // Two at a time (two cores); the slowest (GIN trigram, GiST) first.
  const order = [...defs].sort((a, b) => Number(/gin|gist/i.test(b.def)) - Number(/gin|gist/i.test(a.def)));
  const queue = [...order];
  const worker = async () => {
    const c = await p.connect();
    try {
      await c.query(`SET maintenance_work_mem = '1GB'`);
      for (let d = queue.shift(); d; d = queue.shift()) {
        const t = Date.now();
        await c.query(d.def.replace(/^CREATE (UNIQUE )?INDEX /, 'CREATE $1INDEX IF NOT EXISTS '));
        console.log(`[generate]   index ${d.name} ${((Date.now() - t) / 1000).toFixed(1)} s`);
      }
    } finally {
      c.release();
    }
  };
  await Promise.all([worker(), worker()]);
}

async function main(): Promise<void> {
  const n = numArg('reports', 1_000_000);
  const force = flag('force');
  const t0 = Date.now();
  await prepareDatabase();
  const p = pool(4);
  try {
    // A previous run that died mid-load left its dropped indexes in this file: put them back first.
    if (existsSync(INDEX_FILE)) {
      console.log('[generate] restoring indexes dropped by an interrupted run');
      await rebuildIndexes(p, JSON.parse(readFileSync(INDEX_FILE, 'utf8')));
      unlinkSync(INDEX_FILE);
    }
    const have = await generatedCount(p);
    if (have >= n && !force) {
      console.log(
        `[generate] ${have.toLocaleString('en-US')} reports already there (asked ${n.toLocaleString('en-US')}): nothing to do (--force regenerates)`,
      );
      return;
    }
    console.log(
      `[generate] ${n.toLocaleString('en-US')} reports into ${BENCH.databaseUrl.replace(/:[^:@/]*@/, ':***@')}`,
    );
    await p.query(
      `TRUNCATE reports, report_events, report_followers, notifications, attachments, hotline_calls, idempotency_keys, reminder_letters CASCADE`,
    );
    await p.query(`DELETE FROM users WHERE username LIKE 'bench.%' OR (phone LIKE '+8497%' AND username IS NULL)`);

    // Reference data from the seed; one officer per agency (the demo has only a few) so every event has an actor.
    const categories = (
      await p.query(
        `SELECT id, code, default_agency_id, location_bound, default_priority FROM categories WHERE is_active`,
      )
    ).rows;
    const agencies = (await p.query(`SELECT id, code FROM agencies`)).rows as Array<{ id: string; code: string }>;
    const agencyByCode = new Map(agencies.map((a) => [a.code, a.id]));
    const user = async (username: string) =>
      (await p.query(`SELECT id FROM users WHERE username = $1`, [username])).rows[0]?.id as string;
    const hash = await hashPassword(BENCH.citizenPassword);
    const officerByAgency = new Map<string, string>();
    for (const a of agencies) {
      const { rows } = await p.query(
        `INSERT INTO users (username, password_hash, full_name, roles, agency_id) VALUES ($1, $2, $3, '{agency_officer}', $4)
         ON CONFLICT (username) DO UPDATE SET agency_id = EXCLUDED.agency_id RETURNING id`,
        [`bench.officer.${a.code}`, hash, `Cán bộ ${a.code}`, a.id],
      );
      officerByAgency.set(a.id, rows[0].id);
    }

    // Citizens: one per ~10 reports (Thái Nguyên has ~108,000 accounts), loaded by COPY with one shared hash.
    const citizens = Math.max(1000, Math.min(200_000, Math.round(n / 10)));
    const citizenIds: string[] = [];
    const c0 = await p.connect();
    try {
      async function* citizenRows() {
        let chunk = '';
        for (let k = 0; k < citizens; k++) {
          const id = randomUUID();
          citizenIds.push(id);
          chunk += line([
            id,
            `+8497${String(k).padStart(7, '0')}`,
            hash,
            `${pick(FAMILY)} ${pick(MIDDLE)} ${pick(GIVEN)}`,
            '{citizen}',
          ]);
          if (chunk.length > 1 << 16) {
            yield chunk;
            chunk = '';
          }
        }
        if (chunk) yield chunk;
      }
      await copyInto(c0, 'users', ['id', 'phone', 'password_hash', 'full_name', 'roles'], citizenRows());
    } finally {
      c0.release();
    }
    console.log(`[generate] ${citizens.toLocaleString('en-US')} citizens (${((Date.now() - t0) / 1000).toFixed(1)} s)`);

    const ref: Ref = {
      categories: categories.map((c) => ({
        id: c.id,
        code: c.code,
        defaultAgencyId: c.default_agency_id,
        locationBound: c.location_bound,
        urgent: c.default_priority === 'urgent',
        weight: CATEGORY_WEIGHTS[c.code] ?? 1,
      })),
      wards: DEMO_AGENCIES.filter((a) => a.box && agencyByCode.has(a.code)).map((a) => ({
        id: agencyByCode.get(a.code)!,
        box: a.box!,
      })),
      screenerId: await user('sangloc'),
      operatorId: await user('tongdai'),
      officerByAgency,
      citizenIds,
    };

    // Drop the secondary indexes (kept in a file until rebuilt), load both tables at once, rebuild.
    const ci = await p.connect();
    const dropped = [...(await secondaryIndexes(ci, 'reports')), ...(await secondaryIndexes(ci, 'report_events'))];
    writeFileSync(INDEX_FILE, JSON.stringify(dropped));
    for (const d of dropped) await ci.query(`DROP INDEX IF EXISTS "${d.name}"`);
    ci.release();

    const now = Date.now();
    const times = creationTimes(n, now);
    const recent = new Map<string, Recent[]>();
    const followers = new Set<string>();
    const statusCount: Record<string, number> = {};
    let eventCount = 0;

    // One generator feeds both COPY streams: reports and their events are produced together, in creation order.
    const reportQueue: string[] = [];
    const eventQueue: string[] = [];
    let produced = 0;
    let done = false;
    const waiters: Array<() => void> = [];
    const wake = () => waiters.splice(0).forEach((w) => w());
    const produce = () => {
      // Keep both queues short: produce only when the slower consumer has caught up.
      while (!done && reportQueue.length < 4 && eventQueue.length < 4) {
        let rs = '';
        let es = '';
        const end = Math.min(n, produced + 2000);
        for (; produced < end; produced++) {
          const g = simulate(produced, times[produced], now, ref, recent, followers);
          rs += g.reportLine;
          es += g.eventLines;
          eventCount += g.events;
          statusCount[g.status] = (statusCount[g.status] ?? 0) + 1;
        }
        reportQueue.push(rs);
        eventQueue.push(es);
        if (produced >= n) done = true;
        if (produced % 100_000 === 0)
          console.log(
            `[generate]   ${produced.toLocaleString('en-US')} reports simulated (${((Date.now() - t0) / 1000).toFixed(1)} s)`,
          );
      }
      wake();
    };
    async function* drain(queue: string[]) {
      for (;;) {
        if (queue.length) {
          yield queue.shift()!;
          produce();
          continue;
        }
        if (done) return;
        produce();
        if (!queue.length && !done) await new Promise<void>((r) => waiters.push(r));
      }
    }
    const cr = await p.connect();
    const ce = await p.connect();
    try {
      // The rows are consistent by construction; replica mode skips the per-row foreign-key triggers of the load.
      await cr.query(`SET session_replication_role = replica`);
      await ce.query(`SET session_replication_role = replica`);
      await Promise.all([
        copyInto(cr, 'reports', REPORT_COLUMNS, drain(reportQueue)),
        copyInto(ce, 'report_events', EVENT_COLUMNS, drain(eventQueue)),
      ]);
      async function* followerRows() {
        yield [...followers].map((f) => `${f}\tduplicate\n`).join('');
      }
      await copyInto(cr, 'report_followers', ['report_id', 'user_id', 'via'], followerRows());
    } finally {
      await cr.query(`RESET session_replication_role`).catch(() => undefined);
      await ce.query(`RESET session_replication_role`).catch(() => undefined);
      cr.release();
      ce.release();
    }
    console.log(
      `[generate] loaded ${n.toLocaleString('en-US')} reports, ${eventCount.toLocaleString('en-US')} events, ${followers.size.toLocaleString('en-US')} followers (${((Date.now() - t0) / 1000).toFixed(1)} s)`,
    );
    console.log(
      `[generate] statuses: ${Object.entries(statusCount)
        .sort((a, b) => b[1] - a[1])
        .map(([s, c]) => `${s} ${((100 * c) / n).toFixed(1)}%`)
        .join(', ')}`,
    );

    // The load ran without triggers (replica mode): set what the statistics triggers would have (migration
    // 1763900000800) before the indexes come back, then compute the rollups once.
    const cs = await p.connect();
    try {
      await cs.query(`SET session_replication_role = replica`);
      await cs.query(`
        UPDATE reports r SET handling_minutes = pa_working_minutes(r.first_assigned_at, r.handled_at, c.calendar)
          FROM categories c WHERE c.id = r.category_id AND r.handled_at IS NOT NULL AND r.first_assigned_at IS NOT NULL`);
      await cs.query(
        `UPDATE reports SET reopened = true WHERE id IN (SELECT report_id FROM report_events WHERE type = 'report.reopened')`,
      );
    } finally {
      await cs.query(`RESET session_replication_role`).catch(() => undefined);
      cs.release();
    }
    console.log(`[generate] handling times set (${((Date.now() - t0) / 1000).toFixed(1)} s)`);

    console.log('[generate] rebuilding indexes');
    await rebuildIndexes(p, dropped);
    unlinkSync(INDEX_FILE);
    await p.query(`SELECT pa_stats_rebuild()`);
    await p.query(`VACUUM ANALYZE stats_received_daily`);
    await p.query(`VACUUM ANALYZE stats_handled_daily`);
    await p.query(`VACUUM ANALYZE reports`);
    await p.query(`VACUUM ANALYZE report_events`);
    await p.query(`ANALYZE users`);
    await p.query(`ANALYZE report_followers`);
    console.log(`[generate] done in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  } finally {
    await p.end();
  }
}

main().catch((e) => {
  console.error(`[generate] failed: ${(e as Error).stack ?? e}`);
  process.exit(1);
});
