import { DeviceIdSchema } from './schemas/reading.schema.js';

/**
 * Topic layout, built and parsed only here:
 *   <root>/v1/devices/<deviceId>/readings   device -> platform readings
 *   <root>/v1/devices/<deviceId>/status     device status events
 */
export const TOPIC_VERSION = 'v1';

export type TopicKind = 'readings' | 'status';

export function deviceTopic(root: string, deviceId: string, kind: TopicKind = 'readings'): string {
  const id = DeviceIdSchema.parse(deviceId);
  return `${root}/${TOPIC_VERSION}/devices/${id}/${kind}`;
}

/** Subscription filter for every device's topic of one kind. */
export function deviceTopicFilter(root: string, kind: TopicKind = 'readings'): string {
  return `${root}/${TOPIC_VERSION}/devices/+/${kind}`;
}

/** MQTT 5 shared subscription: the broker spreads messages over the group's members. */
export function sharedSubscription(group: string, filter: string): string {
  return `$share/${group}/${filter}`;
}

export interface ParsedTopic {
  root: string;
  deviceId: string;
  kind: TopicKind;
}

/** Parses a device topic; null when it is not one of ours. */
export function parseDeviceTopic(topic: string): ParsedTopic | null {
  const parts = topic.split('/');
  if (parts.length !== 5) return null;
  const [root, version, devices, deviceId, kind] = parts as [string, string, string, string, string];
  if (version !== TOPIC_VERSION || devices !== 'devices') return null;
  if (kind !== 'readings' && kind !== 'status') return null;
  if (!DeviceIdSchema.safeParse(deviceId).success) return null;
  return { root, deviceId, kind };
}
