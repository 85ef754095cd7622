import { Badge } from "@/components/ui/badge";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import type { TopicPreferenceDto } from "@/lib/subscribers/profile-schemas";
import type { SubscriberDto } from "@/lib/subscribers/schemas";
import { formatAttributeValue } from "./display";

export function AttributeList({ attributes }: { attributes: SubscriberDto["attributes"] }) {
  const entries = Object.entries(attributes).sort(([a], [b]) => a.localeCompare(b));
  return (
    <Card>
      <CardHeader title="Attributes" description={`${entries.length} set`} />
      {entries.length === 0 ? (
        <CardBody>
          <p className="text-sm text-slate-500">
            None yet. Set them with PUT /api/v1/subscribers/…
          </p>
        </CardBody>
      ) : (
        <dl className="divide-y divide-slate-100">
          {entries.map(([key, value]) => (
            <div key={key} className="grid grid-cols-2 gap-3 px-5 py-2.5 text-sm">
              <dt className="truncate font-mono text-xs leading-5 text-slate-500" title={key}>
                {key}
              </dt>
              <dd
                className={`break-words text-slate-900 ${typeof value === "string" ? "" : "font-mono text-xs leading-5"}`}
              >
                {formatAttributeValue(value)}
              </dd>
            </div>
          ))}
        </dl>
      )}
    </Card>
  );
}

export function TagList({ tags }: { tags: string[] }) {
  return (
    <Card>
      <CardHeader title="Tags" />
      <CardBody>
        {tags.length === 0 ? (
          <p className="text-sm text-slate-500">No tags.</p>
        ) : (
          <div className="flex flex-wrap gap-1.5">
            {tags.map((tag) => (
              <Badge key={tag}>{tag}</Badge>
            ))}
          </div>
        )}
      </CardBody>
    </Card>
  );
}

export function TopicPreferenceList({ preferences }: { preferences: TopicPreferenceDto[] }) {
  return (
    <Card>
      <CardHeader title="Topics" description="Campaigns on a topic skip those who opted out" />
      {preferences.length === 0 ? (
        <CardBody>
          <p className="text-sm text-slate-500">This app has no topics.</p>
        </CardBody>
      ) : (
        <ul className="divide-y divide-slate-100">
          {preferences.map((preference) => (
            <li
              key={preference.topicId}
              className="flex items-center justify-between gap-3 px-5 py-2.5 text-sm"
            >
              <div className="min-w-0">
                <p className="truncate text-slate-900">{preference.name}</p>
                <p className="font-mono text-xs text-slate-400">{preference.key}</p>
              </div>
              <span
                title={
                  preference.isDefault ? "No choice made: the topic's default applies" : undefined
                }
              >
                <Badge tone={preference.optedIn ? "green" : "gray"}>
                  {preference.optedIn ? "Opted in" : "Opted out"}
                  {preference.isDefault && " · default"}
                </Badge>
              </span>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
