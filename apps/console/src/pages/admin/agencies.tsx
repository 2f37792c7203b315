import { useRef, useState } from 'react';
import { App, Button, Card, Form, Input, Modal, Select, Space, Switch, Table, Tag } from 'antd';
import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { api, errorText } from '../../lib/api';
import { useReference, type Agency } from '../../lib/reference';

const GEOJSON_TYPES = ['Polygon', 'MultiPolygon', 'Feature', 'FeatureCollection'];

export function AgenciesAdmin() {
  const { message } = App.useApp();
  const { agencies, agencyName, reload } = useReference();
  const [editing, setEditing] = useState<Agency | 'new' | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm();
  const file = useRef<HTMLInputElement>(null);
  const [uploadFor, setUploadFor] = useState<Agency | null>(null);

  const open = (a: Agency | 'new') => {
    setEditing(a);
    form.setFieldsValue(a === 'new' ? { code: '', name: '', parentId: undefined, isActive: true } : a);
  };

  const save = async (v: { code: string; name: string; parentId?: string; isActive?: boolean }) => {
    setBusy(true);
    try {
      if (editing === 'new')
        await api.post('/admin/agencies', { code: v.code, name: v.name, parentId: v.parentId || undefined });
      else if (editing) {
        await api.patch(`/admin/agencies/${editing.id}`, {
          code: v.code,
          name: v.name,
          parentId: v.parentId || undefined,
          isActive: v.isActive,
        });
      }
      message.success('Đã lưu cơ quan');
      setEditing(null);
      await reload();
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  const pickFile = (a: Agency) => {
    setUploadFor(a);
    file.current?.click();
  };

  const uploadJurisdiction = async (f: File | undefined) => {
    if (!f || !uploadFor) return;
    try {
      const geo = JSON.parse(await f.text()) as { type?: string };
      if (!geo || !GEOJSON_TYPES.includes(String(geo.type))) {
        message.error('Tệp không phải GeoJSON Polygon, MultiPolygon, Feature hoặc FeatureCollection');
        return;
      }
      await api.put(`/admin/agencies/${uploadFor.id}/jurisdiction`, geo);
      message.success(`Đã cập nhật địa bàn của ${uploadFor.name}`);
      await reload();
    } catch (e) {
      message.error(e instanceof SyntaxError ? 'Tệp không đọc được (JSON không hợp lệ)' : errorText(e));
    } finally {
      if (file.current) file.current.value = '';
      setUploadFor(null);
    }
  };

  return (
    <Card
      title="Cơ quan xử lý"
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => open('new')}>
          Thêm cơ quan
        </Button>
      }
    >
      <input
        ref={file}
        type="file"
        accept=".geojson,.json,application/geo+json,application/json"
        aria-label="Chọn tệp GeoJSON địa bàn"
        style={{ display: 'none' }}
        onChange={(e) => void uploadJurisdiction(e.target.files?.[0])}
      />
      <Table<Agency>
        rowKey="id"
        size="small"
        dataSource={agencies}
        scroll={{ x: true }}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        columns={[
          { title: 'Mã', dataIndex: 'code' },
          { title: 'Tên cơ quan', dataIndex: 'name' },
          { title: 'Trực thuộc', render: (_, a) => (a.parentId ? agencyName(a.parentId) : '—') },
          {
            title: 'Địa bàn',
            render: (_, a) => (a.hasJurisdiction ? <Tag color="green">Đã có</Tag> : <Tag>Chưa có</Tag>),
          },
          { title: 'Hoạt động', render: (_, a) => (a.isActive ? 'Có' : <Tag color="red">Ngừng</Tag>) },
          {
            title: 'Thao tác',
            render: (_, a) => (
              <Space wrap>
                <Button size="small" onClick={() => open(a)}>
                  Sửa
                </Button>
                <Button
                  size="small"
                  icon={<UploadOutlined />}
                  onClick={() => pickFile(a)}
                  aria-label={`Tải lên địa bàn (GeoJSON) cho ${a.name}`}
                >
                  Địa bàn (GeoJSON)
                </Button>
              </Space>
            ),
          },
        ]}
      />
      <Modal
        open={editing !== null}
        title={editing === 'new' ? 'Thêm cơ quan' : 'Sửa cơ quan'}
        okText="Lưu"
        cancelText="Hủy bỏ"
        onCancel={() => setEditing(null)}
        onOk={() => form.submit()}
        okButtonProps={{ loading: busy }}
        forceRender
      >
        <Form form={form} name="agency" layout="vertical" onFinish={save}>
          <Form.Item
            name="code"
            label="Mã"
            rules={[
              { required: true, pattern: /^[a-z0-9][a-z0-9_.-]{0,49}$/, message: 'Chữ thường, số, dấu chấm, gạch' },
            ]}
          >
            <Input />
          </Form.Item>
          <Form.Item name="name" label="Tên cơ quan" rules={[{ required: true, message: 'Nhập tên cơ quan' }]}>
            <Input />
          </Form.Item>
          <Form.Item name="parentId" label="Trực thuộc">
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              options={agencies
                .filter((a) => editing === 'new' || a.id !== editing?.id)
                .map((a) => ({ value: a.id, label: a.name }))}
            />
          </Form.Item>
          {editing !== 'new' && (
            <Form.Item name="isActive" label="Đang hoạt động" valuePropName="checked">
              <Switch />
            </Form.Item>
          )}
        </Form>
      </Modal>
    </Card>
  );
}
