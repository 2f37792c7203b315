// Tra cứu hồ sơ: every case the user may see (the centre and leaders all of them, an agency its own: the API
// decides), searched by code, phone or text and filtered by status, agency, category, channel, overdue and period;
// sorted and paged by the server. The filters live in the URL, so a list can be shared, bookmarked, reloaded, and
// opened from a figure on the leaders' desk. A row opens the case page (/ho-so/<id>), the same for every role.
import { useEffect, useState } from 'react';
import { Alert, Button, Card, Checkbox, Col, DatePicker, Input, Row, Select, Space, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { AGENCY_ROLES, CHANNEL_LABEL, REPORT_STATUSES, STATUS_LABEL, type ReportStatus } from '@app/workflow';
import { errorText } from '../lib/api';
import { type ReportView } from '../lib/client';
import { formatDateTime, formatNumber } from '../lib/format';
import { useReportList } from '../lib/queries';
import { useReference } from '../lib/reference';
import {
  casePath,
  filtersFromSearch,
  listQuery,
  PAGE_SIZE,
  registerPath,
  SORT_LABEL,
  type RegisterFilters,
  type RegisterSort,
} from '../lib/register';
import { hrefOf, navigate, useSearch } from '../lib/router';
import { hasRole, useUser } from '../lib/session';
import { CaseDetail } from '../components/case-view';
import { CommuneSelect } from '../components/commune-select';
import { DueBadge, StatusTag } from '../components/report-parts';
import { useNow } from '../components/queue';

export function RegisterPage() {
  const filters = filtersFromSearch(useSearch());
  const list = useReportList(listQuery(filters));
  const { agencyName, categoryName } = useReference();
  const now = useNow();
  /** A new filter starts again at the first page; the URL is the state (replace: typing is not history). */
  const apply = (change: Partial<RegisterFilters>, replace = false) =>
    navigate(registerPath({ ...filters, page: undefined, ...change }), replace);

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <RegisterFiltersBar filters={filters} apply={apply} />
      {list.error && <Alert type="error" showIcon title={errorText(list.error)} />}
      <Card size="small" title={`Kết quả: ${formatNumber(list.data?.total ?? 0)} hồ sơ`}>
        <Table<ReportView>
          size="small"
          rowKey="id"
          data-testid="register"
          loading={list.isFetching}
          dataSource={list.data?.items ?? []}
          scroll={{ x: 980 }}
          tableLayout="fixed"
          locale={{ emptyText: 'Không có hồ sơ nào khớp điều kiện tìm kiếm' }}
          onRow={(r) => ({ onClick: () => navigate(casePath(r.id)), style: { cursor: 'pointer' } })}
          pagination={{
            current: filters.page ?? 1,
            pageSize: PAGE_SIZE,
            total: list.data?.total ?? 0,
            showSizeChanger: false,
            onChange: (page) => navigate(registerPath({ ...filters, page })),
          }}
          columns={[
            {
              title: 'Mã',
              width: 150,
              render: (_, r) => (
                <a
                  href={hrefOf(casePath(r.id))}
                  className="pa-nowrap"
                  onClick={(e) => {
                    e.preventDefault();
                    e.stopPropagation();
                    navigate(casePath(r.id));
                  }}
                >
                  {r.code}
                </a>
              ),
            },
            { title: 'Trạng thái', width: 150, render: (_, r) => <StatusTag status={r.status} /> },
            {
              title: 'Nội dung',
              ellipsis: true,
              render: (_, r) => r.title || r.description,
            },
            { title: 'Lĩnh vực', width: 150, ellipsis: true, render: (_, r) => categoryName(r.categoryId) },
            {
              title: 'Cơ quan',
              width: 180,
              ellipsis: true,
              render: (_, r) => (r.agencyId ? agencyName(r.agencyId) : '—'),
            },
            {
              title: 'Tiếp nhận',
              width: 130,
              render: (_, r) => <span className="pa-nowrap">{formatDateTime(r.createdAt)}</span>,
            },
            {
              title: 'Hạn',
              width: 170,
              render: (_, r) => <DueBadge dueAt={r.dueAt} overdueWorkingDays={r.overdueWorkingDays} now={now} />,
            },
          ]}
        />
      </Card>
    </Space>
  );
}

function RegisterFiltersBar({
  filters,
  apply,
}: {
  filters: RegisterFilters;
  apply: (change: Partial<RegisterFilters>, replace?: boolean) => void;
}) {
  const user = useUser();
  const { agencies, categories } = useReference();
  const [q, setQ] = useState(filters.q ?? '');
  useEffect(() => setQ(filters.q ?? ''), [filters.q]);
  const ownAgencyOnly = hasRole(user, ...AGENCY_ROLES);
  return (
    <Card size="small" role="search" aria-label="Tìm kiếm hồ sơ">
      <Row gutter={[8, 8]}>
        <Col xs={24} md={12} xl={8}>
          <Input.Search
            aria-label="Tìm theo mã, số điện thoại hoặc nội dung"
            placeholder="Mã hồ sơ, số điện thoại hoặc nội dung"
            allowClear
            value={q}
            onChange={(e) => setQ(e.target.value)}
            onSearch={(v) => apply({ q: v.trim() || undefined })}
            enterButton="Tìm"
          />
        </Col>
        <Col xs={24} md={12} xl={8}>
          <Select<ReportStatus[]>
            mode="multiple"
            aria-label="Trạng thái"
            placeholder="Mọi trạng thái"
            allowClear
            style={{ width: '100%' }}
            value={filters.status ?? []}
            onChange={(v) => apply({ status: v.length ? v : undefined })}
            options={REPORT_STATUSES.map((s) => ({ value: s, label: STATUS_LABEL[s] }))}
          />
        </Col>
        {!ownAgencyOnly && (
          <Col xs={24} md={12} xl={8}>
            <Select
              aria-label="Cơ quan xử lý"
              placeholder="Mọi cơ quan"
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              style={{ width: '100%' }}
              value={filters.agencyId}
              onChange={(v?: string) => apply({ agencyId: v })}
              options={agencies.map((a) => ({ value: a.id, label: a.name }))}
            />
          </Col>
        )}
        <Col xs={24} md={12} xl={8}>
          <Select
            aria-label="Lĩnh vực"
            placeholder="Mọi lĩnh vực"
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            style={{ width: '100%' }}
            value={filters.categoryId}
            onChange={(v?: string) => apply({ categoryId: v })}
            options={categories.map((c) => ({ value: c.id, label: c.name }))}
          />
        </Col>
        <Col xs={24} md={12} xl={8}>
          <Select
            aria-label="Kênh tiếp nhận"
            placeholder="Mọi kênh"
            allowClear
            style={{ width: '100%' }}
            value={filters.channel}
            onChange={(v?: string) => apply({ channel: v })}
            options={Object.entries(CHANNEL_LABEL).map(([value, label]) => ({ value, label }))}
          />
        </Col>
        <Col xs={24} md={12} xl={8}>
          <CommuneSelect
            value={filters.communeCode}
            placeholder="Mọi xã, phường"
            onChange={(communeCode) => apply({ communeCode })}
          />
        </Col>
        {ownAgencyOnly && (
          <Col xs={24} md={12} xl={8}>
            <Select
              aria-label="Cán bộ được giao"
              placeholder="Mọi cán bộ"
              allowClear
              style={{ width: '100%' }}
              value={filters.assignee}
              onChange={(v?: string) => apply({ assignee: v })}
              options={[
                { value: 'me', label: 'Giao cho tôi' },
                { value: 'none', label: 'Chưa giao cán bộ nào' },
              ]}
            />
          </Col>
        )}
        <Col xs={24} md={12} xl={8}>
          <DatePicker.RangePicker
            aria-label="Thời gian tiếp nhận"
            format="DD/MM/YYYY"
            style={{ width: '100%' }}
            placeholder={['Từ ngày', 'Đến ngày']}
            value={filters.from && filters.to ? [dayjs(filters.from), dayjs(filters.to)] : null}
            onChange={(v) =>
              apply({
                from: v?.[0] ? v[0].format('YYYY-MM-DD') : undefined,
                to: v?.[1] ? v[1].format('YYYY-MM-DD') : undefined,
              })
            }
          />
        </Col>
        <Col xs={24} md={12} xl={8}>
          <Select<RegisterSort>
            aria-label="Sắp xếp"
            style={{ width: '100%' }}
            value={filters.sort ?? 'created_desc'}
            onChange={(v) => apply({ sort: v })}
            options={(Object.keys(SORT_LABEL) as RegisterSort[]).map((s) => ({ value: s, label: SORT_LABEL[s] }))}
          />
        </Col>
        <Col xs={24} md={12} xl={8}>
          <Space wrap>
            <Checkbox checked={!!filters.overdue} onChange={(e) => apply({ overdue: e.target.checked || undefined })}>
              Chỉ hồ sơ quá hạn
            </Checkbox>
            <Button onClick={() => navigate(registerPath({}))}>Xóa bộ lọc</Button>
          </Space>
        </Col>
      </Row>
    </Card>
  );
}

/** One case, for every staff role (/ho-so/<id>): what CaseDetail shows, with the way back to the list. */
export function CasePage({ id }: { id: string }) {
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Typography.Link
        href={hrefOf('/ho-so')}
        onClick={(e) => {
          e.preventDefault();
          if (window.history.length > 1) window.history.back();
          else navigate('/ho-so');
        }}
      >
        ← Quay lại
      </Typography.Link>
      <CaseDetail id={id} emptyText="Không tìm thấy hồ sơ" />
    </Space>
  );
}
