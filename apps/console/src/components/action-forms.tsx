// How the case view offers each action (issue 19): its button and, when it needs input, the form that asks for it,
// as one small description per action. The server decides which actions exist for whom (`allowedActions`); their
// labels and input limits come from libs/workflow's ACTIONS, so a new action is one entry here. `assign` has its own
// card in case-view.tsx (it is the screening desk's main form, not a button).
import { useState, type ReactNode } from 'react';
import { Button, Checkbox, Input, InputNumber, Popconfirm, Radio, Select } from 'antd';
import { ACTIONS, type ActionName, type BodyOfAction } from '@app/workflow';
import { type ReportView } from '../lib/client';
import { cancelReasonLabel, PRIORITY_LABEL } from '../lib/labels';
import type { Category } from '../lib/reference';
import { CommuneSelect } from './commune-select';
import { MarkDuplicateModal } from './duplicates';
import { OfficerSelect, UNASSIGNED } from './officer-select';
import { UnitSelect } from './unit-select';
import { PhotoUpload } from './report-parts';
import { PromptModal, type PromptField } from './report-detail';

type Values = Record<string, unknown>;

/** What a form's fields and body may read besides the values. */
export interface ActionContext {
  report: ReportView;
  categories: Category[];
}

interface ActionForm<A extends ActionName> {
  title: string;
  okText: string;
  danger?: boolean;
  fields: (ctx: ActionContext) => PromptField[];
  body: (values: Values, ctx: ActionContext) => BodyOfAction<A>;
}

/** One action's button and what happens on a click: run at once, confirm first, fill a form, or a modal of its own. */
interface ActionUi<A extends ActionName> {
  primary?: boolean;
  danger?: boolean;
  /** The button's text when not the action's label. */
  label?: (report: ReportView) => string;
  confirm?: { title: string; okText: string };
  form?: ActionForm<A>;
  modal?: (p: {
    open: boolean;
    report: ReportView;
    onClose: () => void;
    run: (body: BodyOfAction<A>) => Promise<void>;
  }) => ReactNode;
}

const text = (v: unknown) => String(v ?? '').trim();
const optionalText = (v: unknown) => text(v) || undefined;
/** A field's value when it differs from the report's, else nothing (reclassify sends only what changed). */
const changed = <T,>(v: unknown, current: T) => (v !== undefined && v !== current ? (v as T) : undefined);

const textArea = (maxLength: number, rows = 3, placeholder?: string) => (
  <Input.TextArea rows={rows} maxLength={maxLength} placeholder={placeholder} />
);

/** A required reason, the whole input of several actions. */
const reasonForm = <A extends 'send_back' | 'deny_extension' | 'return' | 'hand_up' | 'pull_back'>(
  action: A,
  texts: { title: string; okText: string; label?: string; placeholder?: string; danger?: boolean },
): ActionForm<A> => ({
  title: texts.title,
  okText: texts.okText,
  danger: texts.danger,
  fields: () => [
    {
      name: 'reason',
      label: texts.label ?? 'Lý do',
      required: true,
      input: textArea(ACTIONS[action].body.reason.maxLength, 3, texts.placeholder),
    },
  ],
  body: (v) => ({ reason: text(v.reason) }) as unknown as BodyOfAction<A>,
});

/** The result's photos as a form value (the ids of the uploads). */
function ResultPhotos({ onChange }: { onChange?: (ids: string[]) => void }) {
  return <PhotoUpload onChange={(ids) => onChange?.(ids)} label="Thêm ảnh kết quả" />;
}

const EXTENSION_DAYS = ACTIONS.request_extension.body.workingDays;

/** The actions with a button, in the order the buttons appear. */
export const ACTION_UI: { readonly [A in ActionName]?: ActionUi<A> } = {
  acknowledge: { primary: true },
  submit_result: {
    primary: true,
    form: {
      title: 'Gửi kết quả xử lý',
      okText: 'Gửi kết quả',
      fields: () => [
        {
          name: 'text',
          label: 'Kết quả xử lý',
          required: true,
          input: textArea(ACTIONS.submit_result.body.text.maxLength, 4),
        },
        { name: 'attachmentIds', label: 'Ảnh sau khi xử lý', input: <ResultPhotos /> },
      ],
      body: (v) => {
        const photos = (v.attachmentIds as string[] | undefined) ?? [];
        return { text: text(v.text), attachmentIds: photos.length ? photos : undefined };
      },
    },
  },
  approve_result: {
    primary: true,
    confirm: { title: 'Duyệt và công khai kết quả cho người dân?', okText: 'Duyệt' },
  },
  send_back: { form: reasonForm('send_back', { title: 'Yêu cầu cơ quan xử lý lại', okText: 'Gửi lại cơ quan' }) },
  approve_extension: {
    label: (r) => `${ACTIONS.approve_extension.label} (${r.extensionRequest?.workingDays} ngày)`,
  },
  deny_extension: {
    danger: true,
    form: reasonForm('deny_extension', { title: 'Từ chối gia hạn', okText: 'Từ chối gia hạn', danger: true }),
  },
  urge: {
    form: {
      title: 'Đôn đốc cơ quan xử lý',
      okText: 'Gửi đôn đốc',
      fields: () => [
        {
          name: 'note',
          label: 'Lời nhắn cho cơ quan (không bắt buộc)',
          input: textArea(ACTIONS.urge.body.note.maxLength, 3, 'Ví dụ: đề nghị xử lý xong trong ngày'),
        },
      ],
      body: (v) => ({ note: optionalText(v.note) }),
    },
  },
  request_extension: {
    form: {
      title: 'Xin gia hạn xử lý',
      okText: 'Gửi đề nghị',
      fields: () => [
        {
          name: 'workingDays',
          label: 'Số ngày làm việc',
          required: true,
          initialValue: 2,
          input: <InputNumber min={EXTENSION_DAYS.minimum} max={EXTENSION_DAYS.maximum} precision={0} />,
        },
        {
          name: 'reason',
          label: 'Lý do',
          required: true,
          input: textArea(ACTIONS.request_extension.body.reason.maxLength),
        },
      ],
      body: (v) => ({ workingDays: Number(v.workingDays), reason: text(v.reason) }),
    },
  },
  request_info: {
    form: {
      title: 'Yêu cầu người dân bổ sung thông tin',
      okText: 'Gửi yêu cầu',
      fields: () => [
        {
          name: 'question',
          label: 'Nội dung cần bổ sung',
          required: true,
          input: textArea(ACTIONS.request_info.body.question.maxLength),
        },
      ],
      body: (v) => ({ question: text(v.question) }),
    },
  },
  mark_duplicate: {
    modal: ({ open, report, onClose, run }) => (
      <MarkDuplicateModal
        open={open}
        report={report}
        onClose={onClose}
        onMark={(duplicateOfId) => run({ duplicateOfId })}
      />
    ),
  },
  reject: {
    danger: true,
    form: {
      title: 'Từ chối phản ánh',
      okText: 'Từ chối',
      danger: true,
      fields: () => [
        {
          name: 'reason',
          label: 'Lý do',
          required: true,
          initialValue: 'not_eligible',
          input: (
            <Radio.Group
              options={ACTIONS.reject.body.reason.values.map((value) => ({ value, label: cancelReasonLabel(value) }))}
            />
          ),
        },
        {
          name: 'note',
          label: 'Giải thích cho người dân',
          required: true,
          input: textArea(
            ACTIONS.reject.body.note.maxLength,
            3,
            'Ví dụ: nội dung là khiếu nại, đề nghị gửi qua bộ phận tiếp công dân',
          ),
        },
      ],
      body: (v) => ({ reason: v.reason as BodyOfAction<'reject'>['reason'], note: text(v.note) }),
    },
  },
  return: {
    danger: true,
    form: reasonForm('return', {
      title: 'Trả lại Trung tâm',
      okText: 'Trả lại',
      label: 'Lý do trả lại',
      placeholder: 'Ví dụ: địa điểm thuộc địa bàn phường khác',
      danger: true,
    }),
  },
  note: {
    form: {
      title: 'Thêm ghi chú',
      okText: 'Lưu ghi chú',
      fields: () => [
        { name: 'text', label: 'Nội dung ghi chú', required: true, input: textArea(ACTIONS.note.body.text.maxLength) },
        {
          name: 'internal',
          label: 'Phạm vi',
          valuePropName: 'checked',
          initialValue: true,
          input: <Checkbox>Chỉ nội bộ (người dân không thấy)</Checkbox>,
        },
      ],
      body: (v) => ({ text: text(v.text), internal: v.internal !== false }),
    },
  },
  delegate: {
    form: {
      title: 'Giao cán bộ xử lý',
      okText: 'Giao',
      fields: ({ report }) => [
        {
          name: 'assigneeId',
          label: 'Cán bộ',
          required: true,
          initialValue: report.assignee?.id,
          input: <OfficerSelect agencyId={report.agencyId} current={report.assignee?.id ?? null} />,
        },
        {
          name: 'note',
          label: 'Lời nhắn (không bắt buộc)',
          input: textArea(ACTIONS.delegate.body.note.maxLength, 2),
        },
      ],
      body: (v) => ({
        assigneeId: v.assigneeId === UNASSIGNED ? null : String(v.assigneeId),
        note: optionalText(v.note),
      }),
    },
  },
  hand_down: {
    form: {
      title: 'Chuyển đơn vị cấp dưới',
      okText: 'Chuyển',
      fields: ({ report }) => [
        { name: 'agencyId', label: 'Đơn vị', required: true, input: <UnitSelect agencyId={report.agencyId} /> },
        {
          name: 'workingDays',
          label: 'Thời hạn cho đơn vị (ngày làm việc, không bắt buộc; không quá hạn của cơ quan)',
          input: (
            <InputNumber
              min={ACTIONS.hand_down.body.workingDays.minimum}
              max={ACTIONS.hand_down.body.workingDays.maximum}
              precision={0}
            />
          ),
        },
        { name: 'note', label: 'Lời nhắn (không bắt buộc)', input: textArea(ACTIONS.hand_down.body.note.maxLength, 2) },
      ],
      body: (v) => ({
        agencyId: String(v.agencyId),
        workingDays: typeof v.workingDays === 'number' ? v.workingDays : undefined,
        note: optionalText(v.note),
      }),
    },
  },
  hand_up: {
    form: reasonForm('hand_up', {
      title: 'Trả lên đơn vị cấp trên',
      okText: 'Trả lên',
      placeholder: 'Ví dụ: vượt thẩm quyền của tổ',
    }),
  },
  pull_back: {
    form: reasonForm('pull_back', { title: 'Rút phản ánh về đơn vị', okText: 'Rút về' }),
  },
  reclassify: {
    form: {
      title: 'Điều chỉnh phân loại',
      okText: 'Lưu phân loại',
      fields: ({ report, categories }) => [
        {
          name: 'categoryId',
          label: 'Lĩnh vực',
          required: true,
          initialValue: report.categoryId,
          input: (
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              options={categories.filter((c) => c.isActive !== false).map((c) => ({ value: c.id, label: c.name }))}
            />
          ),
        },
        {
          name: 'priority',
          label: 'Mức độ',
          required: true,
          initialValue: report.priority,
          input: (
            <Radio.Group
              options={ACTIONS.reclassify.body.priority.values.map((value) => ({
                value,
                label: PRIORITY_LABEL[value] ?? value,
              }))}
            />
          ),
        },
        {
          name: 'communeCode',
          label: 'Xã, phường',
          initialValue: report.communeCode ?? undefined,
          input: <CommuneSelect allowClear={false} />,
        },
        {
          name: 'address',
          label: 'Địa chỉ',
          initialValue: report.address ?? undefined,
          input: (
            <Input maxLength={ACTIONS.reclassify.body.address.maxLength} placeholder="Số nhà, tổ, đường, thôn, xóm" />
          ),
        },
        {
          name: 'reason',
          label: 'Lý do (không bắt buộc)',
          input: textArea(ACTIONS.reclassify.body.reason.maxLength, 2),
        },
      ],
      body: (v, { report }) => ({
        categoryId: changed(v.categoryId, report.categoryId),
        priority: changed(v.priority, report.priority) as BodyOfAction<'reclassify'>['priority'],
        communeCode: changed(v.communeCode, report.communeCode ?? undefined),
        address: changed(optionalText(v.address), report.address ?? undefined),
        reason: optionalText(v.reason),
      }),
    },
  },
};

/** A button of ACTION_UI and the form or modal behind it. */
export function ActionControl<A extends ActionName>({
  action,
  ui,
  ctx,
  busy,
  run,
}: {
  action: A;
  ui: ActionUi<A>;
  ctx: ActionContext;
  busy: boolean;
  /** Runs the action; rejects when it failed (the message is shown by the caller). */
  run: (body: BodyOfAction<A>) => Promise<void>;
}) {
  const [open, setOpen] = useState(false);
  const label = ui.label?.(ctx.report) ?? ACTIONS[action].label;
  const type = ui.primary ? 'primary' : undefined;
  const quiet = (p: Promise<unknown>) => void p.catch(() => undefined);
  if (ui.confirm) {
    return (
      <Popconfirm
        title={ui.confirm.title}
        okText={ui.confirm.okText}
        cancelText="Hủy bỏ"
        onConfirm={() => run({} as BodyOfAction<A>).catch(() => undefined)}
      >
        <Button type={type} danger={ui.danger}>
          {label}
        </Button>
      </Popconfirm>
    );
  }
  const form = ui.form;
  if (!form && !ui.modal) {
    return (
      <Button type={type} danger={ui.danger} loading={busy} onClick={() => quiet(run({} as BodyOfAction<A>))}>
        {label}
      </Button>
    );
  }
  const close = () => setOpen(false);
  return (
    <>
      <Button type={type} danger={ui.danger} onClick={() => setOpen(true)}>
        {label}
      </Button>
      {form ? (
        <PromptModal
          open={open}
          title={form.title}
          okText={form.okText}
          danger={form.danger}
          onClose={close}
          onSubmit={(v) => run(form.body(v, ctx))}
          fields={form.fields(ctx)}
        />
      ) : (
        ui.modal?.({ open, report: ctx.report, onClose: close, run })
      )}
    </>
  );
}
