import {
  type NotificationContent,
  type NotificationContentInput,
  notificationContentSchema,
} from "@/lib/push/content";

// The content as the composer edits it. Every box is a string (a cleared
// number box stays cleared instead of becoming 0); converting to the API's
// content drops what is empty. The same shape serves the "All platforms"
// fields and each platform's overrides, where empty means "same as all".

export const platformKeys = ["ios", "android", "web"] as const;
export type PlatformKey = (typeof platformKeys)[number];
export type ContentScope = "base" | PlatformKey;

export const platformNames: Record<PlatformKey, string> = {
  ios: "iOS",
  android: "Android",
  web: "Web",
};

export interface ActionDraft {
  rowKey: string;
  /** Left empty, the id is derived from the label. */
  id: string;
  title: string;
  url: string;
}

export interface DataEntryDraft {
  rowKey: string;
  key: string;
  value: string;
}

export interface SharedDraft {
  title: string;
  body: string;
  imageUrl: string;
  iconUrl: string;
  url: string;
  sound: string;
  badge: string;
  ttlSeconds: string;
  collapseKey: string;
  priority: "" | "high" | "normal";
  /** In an override, "" keeps the all-platforms choice; in the base, "" is off. */
  silent: "" | "on" | "off";
  /** null in an override: the same buttons as all platforms. */
  actions: ActionDraft[] | null;
  /** null in an override: no extra keys (the base data always applies; overrides add or replace keys). */
  data: DataEntryDraft[] | null;
}

export type SharedTextField =
  | "title"
  | "body"
  | "imageUrl"
  | "iconUrl"
  | "url"
  | "sound"
  | "badge"
  | "ttlSeconds"
  | "collapseKey";

export interface IosOptionsDraft {
  subtitle: string;
  category: string;
  threadId: string;
  interruptionLevel: "" | "passive" | "active" | "time-sensitive" | "critical";
}

export interface AndroidOptionsDraft {
  channelId: string;
  smallIcon: string;
  color: string;
}

export interface WebOptionsDraft {
  requireInteraction: boolean;
  badgeUrl: string;
}

export interface ContentDraft {
  base: SharedDraft;
  overrides: Record<PlatformKey, SharedDraft>;
  ios: IosOptionsDraft;
  android: AndroidOptionsDraft;
  web: WebOptionsDraft;
  /** The content as loaded: fields the composer does not edit (web vibrate, iOS relevance…) survive an edit. */
  loaded: NotificationContent | null;
}

let keySequence = 0;
/** A React key for a row; not sent anywhere. */
export function nextRowKey(): string {
  keySequence += 1;
  return `row-${keySequence}-${Math.random().toString(36).slice(2, 8)}`;
}

export function emptyShared(isOverride: boolean): SharedDraft {
  return {
    title: "",
    body: "",
    imageUrl: "",
    iconUrl: "",
    url: "",
    sound: "",
    badge: "",
    ttlSeconds: "",
    collapseKey: "",
    priority: "",
    silent: "",
    actions: isOverride ? null : [],
    data: isOverride ? null : [],
  };
}

export function emptyContentDraft(): ContentDraft {
  return {
    base: emptyShared(false),
    overrides: { ios: emptyShared(true), android: emptyShared(true), web: emptyShared(true) },
    ios: { subtitle: "", category: "", threadId: "", interruptionLevel: "" },
    android: { channelId: "", smallIcon: "", color: "" },
    web: { requireInteraction: false, badgeUrl: "" },
    loaded: null,
  };
}

/** A copy for a new A/B variant: same content, fresh row keys. */
export function cloneContentDraft(draft: ContentDraft): ContentDraft {
  const rekey = <T extends { rowKey: string }>(rows: T[] | null) =>
    rows?.map((row) => ({ ...row, rowKey: nextRowKey() })) ?? null;
  const cloneShared = (shared: SharedDraft): SharedDraft => ({
    ...shared,
    actions: rekey(shared.actions),
    data: rekey(shared.data),
  });
  return {
    ...draft,
    base: cloneShared(draft.base),
    overrides: {
      ios: cloneShared(draft.overrides.ios),
      android: cloneShared(draft.overrides.android),
      web: cloneShared(draft.overrides.web),
    },
    ios: { ...draft.ios },
    android: { ...draft.android },
    web: { ...draft.web },
  };
}

function slugOf(text: string): string {
  return text
    .replace(/\{\{[^}]*\}\}|\{%[^%]*%\}/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40);
}

/** Each button's id: the one typed, else one derived from its label, unique within the list. */
export function resolvedActionIds(actions: ActionDraft[]): string[] {
  const taken = new Set(actions.map((action) => action.id.trim()).filter(Boolean));
  return actions.map((action, index) => {
    const typed = action.id.trim();
    if (typed) return typed;
    const base = slugOf(action.title) || `button-${index + 1}`;
    let candidate = base;
    for (let suffix = 2; taken.has(candidate); suffix++) candidate = `${base}-${suffix}`;
    taken.add(candidate);
    return candidate;
  });
}

const text = (value: string) => (value === "" ? undefined : value);
const numberOf = (value: string) => (value.trim() === "" ? undefined : Number(value));

function actionsOf(actions: ActionDraft[]) {
  const ids = resolvedActionIds(actions);
  return actions.map((action, index) => ({
    id: ids[index] ?? "",
    title: action.title,
    url: text(action.url.trim()),
  }));
}

function dataOf(entries: DataEntryDraft[]): Record<string, string> | undefined {
  const kept = entries.filter((entry) => entry.key !== "" || entry.value !== "");
  if (kept.length === 0) return undefined;
  return Object.fromEntries(kept.map((entry) => [entry.key, entry.value]));
}

function sharedToContent(shared: SharedDraft, isOverride: boolean) {
  const silent =
    shared.silent === "on" ? true : shared.silent === "off" && isOverride ? false : undefined;
  return {
    title: text(shared.title),
    body: text(shared.body),
    imageUrl: text(shared.imageUrl.trim()),
    iconUrl: text(shared.iconUrl.trim()),
    url: text(shared.url.trim()),
    sound: text(shared.sound.trim()),
    badge: numberOf(shared.badge),
    ttlSeconds: numberOf(shared.ttlSeconds),
    collapseKey: text(shared.collapseKey.trim()),
    priority: shared.priority === "" ? undefined : shared.priority,
    silent,
    // In the base an empty list is no buttons; in an override it is "none on this platform".
    actions:
      shared.actions === null || (!isOverride && shared.actions.length === 0)
        ? undefined
        : actionsOf(shared.actions),
    data: shared.data === null ? undefined : dataOf(shared.data),
  };
}

/** Drops undefined values and empty objects, so the JSON carries only what is set. */
function pruned<T extends Record<string, unknown>>(value: T): T | undefined {
  const kept = Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined));
  return Object.keys(kept).length ? (kept as T) : undefined;
}

/** Edited keys replace (or, when empty, remove) the loaded ones; keys the composer does not edit stay. */
function mergeBlock(
  loaded: Record<string, unknown> | undefined,
  edited: Record<string, unknown>,
): Record<string, unknown> | undefined {
  const merged: Record<string, unknown> = { ...loaded };
  for (const [key, value] of Object.entries(edited)) {
    if (value === undefined) delete merged[key];
    else merged[key] = value;
  }
  return pruned(merged);
}

/** The API's content for a draft (not yet validated: the schema names what is wrong). */
export function toContent(draft: ContentDraft): NotificationContentInput {
  const loaded = draft.loaded;
  const overrides: Record<string, unknown> = {};
  for (const platform of platformKeys) {
    const loadedOverride = loaded?.overrides?.[platform] as Record<string, unknown> | undefined;
    // A platform block inside an override (overrides.ios.ios) is not edited here; keep it.
    const nested = loadedOverride?.[platform];
    const override = pruned({
      ...sharedToContent(draft.overrides[platform], true),
      [platform]: nested,
    });
    if (override) overrides[platform] = override;
  }
  const content = {
    ...sharedToContent(draft.base, false),
    ios: mergeBlock(loaded?.ios, {
      subtitle: text(draft.ios.subtitle),
      category: text(draft.ios.category.trim()),
      threadId: text(draft.ios.threadId.trim()),
      interruptionLevel: draft.ios.interruptionLevel || undefined,
    }),
    android: mergeBlock(loaded?.android, {
      channelId: text(draft.android.channelId.trim()),
      smallIcon: text(draft.android.smallIcon.trim()),
      color: text(draft.android.color.trim()),
    }),
    web: mergeBlock(loaded?.web, {
      requireInteraction: draft.web.requireInteraction || undefined,
      badgeUrl: text(draft.web.badgeUrl.trim()),
    }),
    overrides: pruned(overrides),
  };
  return (pruned(content) ?? {}) as NotificationContentInput;
}

type LoadedShared = Partial<
  Pick<
    NotificationContent,
    | "title"
    | "body"
    | "imageUrl"
    | "iconUrl"
    | "url"
    | "sound"
    | "badge"
    | "ttlSeconds"
    | "collapseKey"
    | "priority"
    | "silent"
    | "actions"
    | "data"
  >
>;

function sharedFromContent(content: LoadedShared | undefined, isOverride: boolean): SharedDraft {
  const empty = emptyShared(isOverride);
  if (!content) return empty;
  const silent =
    content.silent === true ? "on" : content.silent === false && isOverride ? "off" : "";
  return {
    title: content.title ?? "",
    body: content.body ?? "",
    imageUrl: content.imageUrl ?? "",
    iconUrl: content.iconUrl ?? "",
    url: content.url ?? "",
    sound: content.sound ?? "",
    badge: content.badge === undefined ? "" : String(content.badge),
    ttlSeconds: content.ttlSeconds === undefined ? "" : String(content.ttlSeconds),
    collapseKey: content.collapseKey ?? "",
    priority: content.priority ?? "",
    silent,
    actions: content.actions
      ? content.actions.map((action) => ({
          rowKey: nextRowKey(),
          id: action.id,
          title: action.title,
          url: action.url ?? "",
        }))
      : empty.actions,
    data: content.data
      ? Object.entries(content.data).map(([key, value]) => ({ rowKey: nextRowKey(), key, value }))
      : empty.data,
  };
}

export function fromContent(content: NotificationContent): ContentDraft {
  return {
    base: sharedFromContent(content, false),
    overrides: {
      ios: sharedFromContent(content.overrides?.ios, true),
      android: sharedFromContent(content.overrides?.android, true),
      web: sharedFromContent(content.overrides?.web, true),
    },
    ios: {
      subtitle: content.ios?.subtitle ?? "",
      category: content.ios?.category ?? "",
      threadId: content.ios?.threadId ?? "",
      interruptionLevel: content.ios?.interruptionLevel ?? "",
    },
    android: {
      channelId: content.android?.channelId ?? "",
      smallIcon: content.android?.smallIcon ?? "",
      color: content.android?.color ?? "",
    },
    web: {
      requireInteraction: content.web?.requireInteraction ?? false,
      badgeUrl: content.web?.badgeUrl ?? "",
    },
    loaded: content,
  };
}

/** How many of the shared fields a platform overrides ("Clear iOS overrides" clears these). */
export function overrideCount(shared: SharedDraft): number {
  const empty = emptyShared(true);
  return (Object.keys(empty) as (keyof SharedDraft)[]).filter((key) => shared[key] !== empty[key])
    .length;
}

/** Everything set on a platform's tab, its overrides and its own settings: the count on the tab. */
export function platformChangeCount(draft: ContentDraft, platform: PlatformKey): number {
  const empty = emptyContentDraft()[platform];
  const setOptions = Object.entries(draft[platform]).filter(
    ([key, value]) => value !== Reflect.get(empty, key),
  );
  return overrideCount(draft.overrides[platform]) + setOptions.length;
}

export function hasLiquid(value: unknown): boolean {
  const json = JSON.stringify(value);
  return json.includes("{{") || json.includes("{%");
}

type FieldPath = readonly PropertyKey[];

// Deepest and last first, so removing an array element never shifts one still to remove.
function comparePaths(left: FieldPath, right: FieldPath): number {
  for (let index = 0; index < Math.min(left.length, right.length); index++) {
    const [a, b] = [left[index], right[index]];
    if (a === b) continue;
    if (typeof a === "number" && typeof b === "number") return b - a;
    return String(a) < String(b) ? -1 : 1;
  }
  return right.length - left.length;
}

function withoutPaths(value: unknown, paths: FieldPath[]): unknown {
  const copy: unknown = structuredClone(value);
  for (const path of [...paths].sort(comparePaths)) {
    let parent: unknown = copy;
    for (const key of path.slice(0, -1)) {
      parent = parent !== null && typeof parent === "object" ? Reflect.get(parent, key) : undefined;
    }
    const last = path[path.length - 1];
    if (Array.isArray(parent) && typeof last === "number") parent.splice(last, 1);
    else if (parent !== null && typeof parent === "object" && last !== undefined) {
      Reflect.deleteProperty(parent, last);
    }
  }
  return copy;
}

/**
 * The content without the fields that do not validate, so the preview goes on
 * rendering the template while the marketer fixes one field. A field whose
 * removal does not help (an action's required id, the title a visible
 * notification needs) takes its parent with it; null when nothing is left.
 */
export function previewableContent(content: NotificationContentInput): NotificationContent | null {
  let candidate: unknown = content;
  const dropped = new Set<string>();
  for (let round = 0; round < 5; round++) {
    const parsed = notificationContentSchema.safeParse(candidate);
    if (parsed.success) return parsed.data;
    const paths = parsed.error.issues.map(({ path }) => {
      let field: FieldPath = path;
      while (field.length > 0 && dropped.has(JSON.stringify(field))) field = field.slice(0, -1);
      return field;
    });
    if (paths.some((path) => path.length === 0)) return null;
    for (const path of paths) dropped.add(JSON.stringify(path));
    candidate = withoutPaths(candidate, paths);
  }
  return null;
}
