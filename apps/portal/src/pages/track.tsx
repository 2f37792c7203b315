// "My cases", after proving the phone: the citizen's reports and the ones they follow, and on each what they may do
// now (the server's allowedActions, docs/actions.md): answer the centre's question, rate the result, reopen it.
import { useState } from 'preact/hooks';
import { api, errorText, saveSession } from '../api';
import { PhoneLogin, useUser } from '../components/phone-login';
import { useApi } from '../data';
import { formatDate, StatusTag } from '../format';
import type { MyReport, Page } from '../types';

interface TimelineEvent {
  type: string;
  data: { question?: string } | null;
}

function useAct(report: MyReport, done: () => void) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const act = async (slug: string, body: object) => {
    setBusy(true);
    setError(null);
    try {
      await api(`/reports/${report.id}/actions/${slug}`, {
        method: 'POST',
        auth: true,
        body: { ...body, expectedVersion: report.version },
      });
      done();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return { act, error, busy };
}

/** The centre's question (the last info request on the timeline) and the answer box. */
function Answer({ report, done }: { report: MyReport; done: () => void }) {
  const timeline = useApi<TimelineEvent[]>(`/reports/${report.id}/timeline`, true);
  const question = timeline.data?.filter((e) => e.type === 'report.info_requested').at(-1)?.data?.question;
  const [text, setText] = useState('');
  const { act, error, busy } = useAct(report, done);
  return (
    <form
      class="pa-action"
      onSubmit={(e) => {
        e.preventDefault();
        void act('provide-info', { text });
      }}
    >
      <p>
        Trung tâm đề nghị bổ sung: <q>{question ?? '…'}</q>
      </p>
      <label>
        Thông tin bổ sung
        <textarea required rows={3} maxLength={5000} value={text} onInput={(e) => setText(e.currentTarget.value)} />
      </label>
      {error && <p role="alert">{error}</p>}
      <button type="submit" disabled={busy}>
        Gửi thông tin bổ sung
      </button>
    </form>
  );
}

function Rate({ report, done }: { report: MyReport; done: () => void }) {
  const [satisfied, setSatisfied] = useState<boolean | null>(null);
  const [comment, setComment] = useState('');
  const { act, error, busy } = useAct(report, done);
  return (
    <form
      class="pa-action"
      onSubmit={(e) => {
        e.preventDefault();
        if (satisfied !== null) void act('rate', { satisfied, comment: comment || undefined });
      }}
    >
      <fieldset>
        <legend>Bạn có hài lòng với kết quả xử lý?</legend>
        <label class="pa-check">
          <input type="radio" name={`rate-${report.id}`} required onChange={() => setSatisfied(true)} /> Hài lòng
        </label>
        <label class="pa-check">
          <input type="radio" name={`rate-${report.id}`} onChange={() => setSatisfied(false)} /> Không hài lòng
        </label>
      </fieldset>
      <label>
        Góp ý (không bắt buộc)
        <input maxLength={2000} value={comment} onInput={(e) => setComment(e.currentTarget.value)} />
      </label>
      {error && <p role="alert">{error}</p>}
      <button type="submit" disabled={busy}>
        Gửi đánh giá
      </button>
    </form>
  );
}

function Reopen({ report, done }: { report: MyReport; done: () => void }) {
  const [reason, setReason] = useState('');
  const { act, error, busy } = useAct(report, done);
  return (
    <form
      class="pa-action"
      onSubmit={(e) => {
        e.preventDefault();
        void act('reopen', { reason });
      }}
    >
      <label>
        Vấn đề chưa được giải quyết? Lý do mở lại
        <input required maxLength={2000} value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
      </label>
      {error && <p role="alert">{error}</p>}
      <button type="submit" disabled={busy}>
        Mở lại phản ánh
      </button>
    </form>
  );
}

function MyCase({ report, done }: { report: MyReport; done: () => void }) {
  const can = (slug: string) => report.allowedActions.includes(slug);
  const mine = report.isPublic !== undefined;
  return (
    <li class="pa-card" data-testid={`my-${report.code}`}>
      <strong>{report.title || report.description.slice(0, 80)}</strong>
      <div class="pa-meta">
        <StatusTag status={report.status} /> <span>{report.code}</span> · <span>{formatDate(report.createdAt)}</span>
        {!mine && ' · đang theo dõi'}
      </div>
      {report.rating && <p>Bạn đã đánh giá: {report.rating.satisfied ? 'Hài lòng' : 'Không hài lòng'}</p>}
      {can('provide-info') && <Answer report={report} done={done} />}
      {can('rate') && <Rate report={report} done={done} />}
      {can('reopen') && <Reopen report={report} done={done} />}
    </li>
  );
}

export function TrackPage() {
  const user = useUser();
  const mine = useApi<Page<MyReport>>(user && '/reports/mine?pageSize=50', true);
  if (!user) return <PhoneLogin why="Xác thực số điện thoại đã dùng khi gửi phản ánh để theo dõi và đánh giá." />;
  return (
    <section aria-labelledby="cua-toi">
      <h1 id="cua-toi">Phản ánh của tôi</h1>
      <p>
        Số điện thoại: {user.phone}{' '}
        <button type="button" onClick={() => saveSession(null)}>
          Đăng xuất
        </button>
      </p>
      {mine.error && <p role="alert">{mine.error}</p>}
      {mine.data && mine.data.items.length === 0 && (
        <p>
          Bạn chưa có phản ánh nào. <a href="/gui-phan-anh">Gửi phản ánh</a>
        </p>
      )}
      <ul>
        {mine.data?.items.map((r) => (
          <MyCase key={r.id} report={r} done={mine.reload} />
        ))}
      </ul>
    </section>
  );
}
