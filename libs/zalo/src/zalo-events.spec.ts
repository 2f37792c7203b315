import { parseZaloEvent } from './zalo-events';

// Payloads in the shape of Zalo's OA webhook events as public integrations read them (docs/channels.md#zalo).
const base = {
  app_id: '3605211416208941163',
  user_id_by_app: '5520172727908123451',
  recipient: { id: '579745863508352884' },
  sender: { id: '2512523625412515' },
  timestamp: '1764000000000',
};

describe('parseZaloEvent', () => {
  it('reads a text, a shared location (strings or numbers, either spelling) and photos', () => {
    expect(
      parseZaloEvent({ ...base, event_name: 'user_send_text', message: { msg_id: 'a1', text: '  Ổ gà  ' } }),
    ).toEqual({
      eventName: 'user_send_text',
      userId: '2512523625412515',
      msgId: 'a1',
      timestamp: '1764000000000',
      inbound: { kind: 'text', text: 'Ổ gà' },
    });
    const located = (coordinates: object) =>
      parseZaloEvent({
        ...base,
        event_name: 'user_send_location',
        message: { msg_id: 'a2', attachments: [{ type: 'location', payload: { coordinates } }] },
      })?.inbound;
    expect(located({ latitude: '21.5942', longitude: '105.8482' })).toEqual({
      kind: 'location',
      lat: 21.5942,
      lng: 105.8482,
    });
    expect(located({ lat: 21.5, long: 105.8 })).toEqual({ kind: 'location', lat: 21.5, lng: 105.8 });
    expect(located({ latitude: 'x', longitude: '1' })).toEqual({ kind: 'other' });
    expect(
      parseZaloEvent({
        ...base,
        event_name: 'user_send_image',
        message: {
          msg_id: 'a3',
          text: 'ảnh',
          attachments: [
            {
              type: 'image',
              payload: { url: 'https://f21-zpc.zdn.vn/a.jpg', thumbnail: 'https://f21-zpc.zdn.vn/t.jpg' },
            },
            { type: 'sticker', payload: { url: 'https://f21-zpc.zdn.vn/s.png' } },
          ],
        },
      })?.inbound,
    ).toEqual({ kind: 'image', urls: ['https://f21-zpc.zdn.vn/a.jpg'], text: 'ảnh' });
  });

  it('takes a follower id from follow events, and ignores what names no user', () => {
    expect(
      parseZaloEvent({ app_id: base.app_id, event_name: 'follow', follower: { id: '42' }, timestamp: '1' }),
    ).toMatchObject({ userId: '42', msgId: null, inbound: { kind: 'follow' } });
    expect(parseZaloEvent({ ...base, event_name: 'user_send_sticker', message: { msg_id: 'a4' } })?.inbound).toEqual({
      kind: 'other',
    });
    expect(parseZaloEvent({ ...base, sender: { id: '../x' }, event_name: 'user_send_text' })).toBeNull();
    expect(parseZaloEvent({ event_name: 'user_send_text' })).toBeNull();
    expect(parseZaloEvent('nope')).toBeNull();
  });
});
