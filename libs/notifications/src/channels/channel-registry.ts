import { Inject, Injectable } from '@nestjs/common';
import { DELIVERY_CHANNELS, type ChannelName, type DeliveryChannel } from './delivery-channel';

/** Every registered channel by name (registered in channels/index.ts). */
@Injectable()
export class ChannelRegistry {
  private readonly byName: ReadonlyMap<ChannelName, DeliveryChannel>;

  constructor(@Inject(DELIVERY_CHANNELS) channels: DeliveryChannel[]) {
    this.byName = new Map(channels.map((c) => [c.name, c]));
  }

  get(name: ChannelName): DeliveryChannel | undefined {
    return this.byName.get(name);
  }

  get names(): ChannelName[] {
    return [...this.byName.keys()];
  }
}
