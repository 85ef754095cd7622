import { Alert } from "@/components/ui/alert";
import { formatCount } from "./format";

const namedAtMost = 5;

/** Names the audience's external ids that match no subscriber: they would receive nothing. */
export function UnknownExternalIdsAlert({ externalIds }: { externalIds: string[] | undefined }) {
  if (!externalIds?.length) return null;
  const named = externalIds.slice(0, namedAtMost).join(", ");
  const more = externalIds.length - namedAtMost;
  return (
    <Alert tone="warning">
      {externalIds.length === 1
        ? "1 external id matches no subscriber"
        : `${formatCount(externalIds.length)} external ids match no subscriber`}{" "}
      and will receive nothing: {named}
      {more > 0 ? ` and ${formatCount(more)} more` : ""}. Check for typos, or send once they have
      signed in on a device.
    </Alert>
  );
}
