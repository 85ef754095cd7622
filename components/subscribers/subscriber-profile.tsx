import Link from "next/link";
import type { SubscriberProfileDto } from "@/lib/subscribers/profile-schemas";
import { DeviceList } from "./device-list";
import { countryName, subscriberName } from "./display";
import { EventList } from "./event-list";
import { MessageHistory } from "./message-history";
import { ProfileActions } from "./profile-actions";
import { AttributeList, TagList, TopicPreferenceList } from "./profile-details";
import { TimeAgo } from "./time-ago";

export function SubscriberProfile({
  appId,
  profile,
  canWrite,
}: {
  appId: string;
  profile: SubscriberProfileDto;
  canWrite: boolean;
}) {
  const { subscriber } = profile;
  const place = [
    subscriber.country && `${countryName(subscriber.country)} (${subscriber.country})`,
    subscriber.locale,
    subscriber.timezone,
  ].filter(Boolean);
  return (
    <div className="space-y-6">
      <div>
        <Link
          href={`/apps/${appId}/subscribers`}
          className="text-sm font-medium text-slate-500 hover:text-slate-800"
        >
          ← Subscribers
        </Link>
        <div className="mt-2 flex flex-wrap items-end justify-between gap-4">
          <div className="min-w-0">
            <h1
              className={`truncate text-2xl font-semibold tracking-tight text-slate-900 ${subscriber.externalId ? "font-mono" : ""}`}
            >
              {subscriberName(subscriber)}
            </h1>
            <p className="mt-1 flex flex-wrap gap-x-3 gap-y-1 text-sm text-slate-500">
              <span className="font-mono">#{subscriber.id}</span>
              <span>
                First seen <TimeAgo iso={subscriber.firstSeenAt} />
              </span>
              <span>
                Last seen <TimeAgo iso={subscriber.lastSeenAt} />
              </span>
              {place.map((entry) => (
                <span key={entry}>{entry}</span>
              ))}
            </p>
          </div>
          {subscriber.externalId && (
            <div className="flex items-center gap-2">
              <ProfileActions
                appId={appId}
                externalId={subscriber.externalId}
                canErase={canWrite}
              />
            </div>
          )}
        </div>
      </div>

      <div className="grid gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          <DeviceList appId={appId} devices={profile.devices} canWrite={canWrite} />
          <MessageHistory appId={appId} messages={profile.recentMessages} />
          <EventList events={profile.recentEvents} />
        </div>
        <div className="space-y-6">
          <AttributeList attributes={subscriber.attributes} />
          <TagList tags={subscriber.tags} />
          <TopicPreferenceList preferences={profile.preferences} />
        </div>
      </div>
    </div>
  );
}
