// The inbox in every desk's header: a bell with the live count of unread notifications (GET /notifications?unread,
// refetched when the socket's `notification` message arrives), a panel of the latest ones, paged; a click marks one
// read and opens its case; "Đánh dấu tất cả đã đọc" marks them all.
import { useState } from 'react';
import { Badge, Button, Drawer, Empty, List, Pagination, Space, Typography } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { errorText } from '../lib/api';
import { client, data, type NotificationView } from '../lib/client';
import { formatDateTime } from '../lib/format';
import { queryClient } from '../lib/queries';
import { casePath } from '../lib/register';
import { navigate } from '../lib/router';

const PAGE_SIZE = 10;

const useUnreadCount = () =>
  useQuery({
    queryKey: ['notifications', 'unread'],
    queryFn: () => data(client.GET('/api/v1/notifications', { params: { query: { unread: true, pageSize: 1 } } })),
    select: (page) => page.total,
  });

const refreshInbox = () => queryClient.invalidateQueries({ queryKey: ['notifications'] });

export function InboxBell() {
  const [open, setOpen] = useState(false);
  const unread = useUnreadCount().data ?? 0;
  return (
    <>
      <Badge count={unread} overflowCount={99} size="small" data-testid="inbox-count" data-count={unread}>
        <Button
          type="text"
          icon={<BellOutlined />}
          aria-label={unread ? `Thông báo: ${unread} chưa đọc` : 'Thông báo'}
          aria-haspopup="dialog"
          onClick={() => setOpen(true)}
        />
      </Badge>
      <Drawer
        title="Thông báo"
        open={open}
        onClose={() => setOpen(false)}
        size="default"
        styles={{ wrapper: { maxWidth: '100vw' } }}
        extra={
          <Button
            size="small"
            disabled={!unread}
            onClick={() => void data(client.POST('/api/v1/notifications/read-all')).finally(refreshInbox)}
          >
            Đánh dấu tất cả đã đọc
          </Button>
        }
      >
        {open && <InboxList onOpenCase={() => setOpen(false)} />}
      </Drawer>
    </>
  );
}

function InboxList({ onOpenCase }: { onOpenCase: () => void }) {
  const [page, setPage] = useState(1);
  const list = useQuery({
    queryKey: ['notifications', 'list', page],
    queryFn: () => data(client.GET('/api/v1/notifications', { params: { query: { page, pageSize: PAGE_SIZE } } })),
  });
  const open = async (n: NotificationView) => {
    if (!n.readAt) await data(client.POST('/api/v1/notifications/{id}/read', { params: { path: { id: n.id } } }));
    void refreshInbox();
    if (n.reportId) {
      onOpenCase();
      navigate(casePath(n.reportId));
    }
  };
  if (list.error) return <Typography.Text type="danger">{errorText(list.error)}</Typography.Text>;
  if (list.data && !list.data.items.length) return <Empty description="Chưa có thông báo nào" />;
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <List<NotificationView>
        loading={list.isFetching && !list.data}
        dataSource={list.data?.items ?? []}
        aria-label="Danh sách thông báo"
        renderItem={(n) => (
          <List.Item key={n.id} className={n.readAt ? 'pa-note-read' : 'pa-note-unread'}>
            <button type="button" className="pa-note" onClick={() => void open(n)} data-unread={!n.readAt}>
              <Typography.Text strong={!n.readAt}>{n.title}</Typography.Text>
              <div>{n.body}</div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {formatDateTime(n.createdAt)}
                {n.readAt ? '' : ' · chưa đọc'}
              </Typography.Text>
            </button>
          </List.Item>
        )}
      />
      {(list.data?.total ?? 0) > PAGE_SIZE && (
        <Pagination
          size="small"
          current={page}
          pageSize={PAGE_SIZE}
          total={list.data?.total ?? 0}
          onChange={setPage}
          showSizeChanger={false}
        />
      )}
    </Space>
  );
}
