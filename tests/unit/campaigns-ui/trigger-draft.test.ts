import { describe, expect, it } from "vitest";
import {
  newCampaignDraft,
  newVariant,
  toCreateBody,
  toUpdateBody,
} from "@/components/campaign-composer/campaign-draft";
import { validateDraft } from "@/components/campaign-composer/draft-validation";
import { fromTrigger, toTrigger } from "@/components/campaign-composer/trigger-draft";
import { describeTrigger } from "@/components/campaigns/describe-trigger";
import type { Trigger } from "@/lib/campaigns/schemas";

function triggeredDraft() {
  const draft = newCampaignDraft();
  draft.name = "Abandoned cart";
  draft.category = "triggered";
  const first = draft.variants[0];
  if (first) first.content.base.title = "You left something behind";
  draft.trigger = {
    ...draft.trigger,
    event: " cart_abandoned ",
    delayAmount: "2",
    delayUnit: "hours",
    exitEvents: ["purchase"],
    onceAmount: "3",
    onceUnit: "days",
  };
  return draft;
}

describe("the composer's trigger", () => {
  it("turns amounts and units into the API's minutes and hours", () => {
    expect(toTrigger(triggeredDraft().trigger)).toEqual({
      type: "event",
      event: "cart_abandoned",
      delayMinutes: 120,
      exitEvents: ["purchase"],
      oncePerHours: 72,
    });
    const inactivity = { ...triggeredDraft().trigger, type: "inactivity" as const };
    expect(toTrigger({ ...inactivity, inactiveDays: "14", inactivityOnceAmount: "36" })).toEqual({
      type: "inactivity",
      days: 14,
      oncePerHours: 36 * 24,
    });
  });

  it("reads a saved trigger back in the largest unit that fits", () => {
    const event = (delayMinutes: number, oncePerHours: number) =>
      fromTrigger({ type: "event", event: "x", delayMinutes, exitEvents: [], oncePerHours });
    expect(event(90, 36)).toMatchObject({
      delayAmount: "90",
      delayUnit: "minutes",
      onceAmount: "36",
      onceUnit: "hours",
    });
    expect(event(2880, 48)).toMatchObject({
      delayAmount: "2",
      delayUnit: "days",
      onceAmount: "2",
      onceUnit: "days",
    });
    expect(event(0, 24)).toMatchObject({ delayAmount: "0", delayUnit: "minutes" });
    const saved: Trigger[] = [
      { type: "event", event: "a", delayMinutes: 45, exitEvents: ["b"], oncePerHours: 5 },
      { type: "inactivity", days: 9, oncePerHours: 720 },
    ];
    for (const trigger of saved) {
      expect(toTrigger(fromTrigger(trigger))).toEqual(trigger);
    }
  });

  it("saves a triggered draft with its trigger and no schedule, and clears the trigger when the category changes", () => {
    const draft = triggeredDraft();
    draft.schedule.type = "at";
    draft.variants = [newVariant(), newVariant()];
    draft.experiment.mode = "winner";
    const body = toCreateBody(draft);
    expect(body).toMatchObject({
      category: "triggered",
      schedule: { type: "now" },
      trigger: { event: "cart_abandoned", delayMinutes: 120 },
      // People qualify one by one: there is no rest of the audience for a winner.
      experiment: { mode: "split" },
    });
    draft.category = "marketing";
    const change = toUpdateBody(toCreateBody(draft), body);
    expect(change).toMatchObject({ category: "marketing", trigger: null });
    expect(change.schedule).toMatchObject({ type: "at" });
  });

  it("names a trigger's problems in the form's words, at the API's paths", () => {
    const draft = triggeredDraft();
    draft.trigger = { ...draft.trigger, event: "", delayAmount: "31", delayUnit: "days" };
    const { errors } = validateDraft(draft);
    expect(errors?.get("trigger.event")).toBe("name the event that starts it");
    expect(errors?.get("trigger.delayMinutes")).toBe(
      "a whole number, from 0 (right away) up to 30 days",
    );
    // Before anyone typed, a missing event is not yet an error.
    expect(validateDraft(draft, { isPristine: true }).errors?.has("trigger.event")).toBe(false);
    draft.trigger = { ...draft.trigger, event: "cart_abandoned", delayAmount: "", onceAmount: "0" };
    const blank = validateDraft(draft).errors;
    expect(blank?.has("trigger.delayMinutes")).toBe(true);
    expect(blank?.get("trigger.oncePerHours")).toBe("a whole number, from 1 hour up to 365 days");
  });

  it("describes a trigger in one sentence", () => {
    expect(
      describeTrigger({
        type: "event",
        event: "cart_abandoned",
        delayMinutes: 30,
        exitEvents: ["purchase", "order_completed"],
        oncePerHours: 24,
      }),
    ).toBe(
      "When someone does cart_abandoned, 30 minutes later, unless they do purchase or order_completed in between; at most once a day per person",
    );
    expect(
      describeTrigger({
        type: "event",
        event: "signup",
        delayMinutes: 0,
        exitEvents: [],
        oncePerHours: 72,
      }),
    ).toBe("When someone does signup, right away; at most once every 3 days per person");
    expect(describeTrigger({ type: "inactivity", days: 1, oncePerHours: 720 })).toBe(
      "When someone has not been seen for 1 day; at most once every 30 days per person",
    );
  });
});
