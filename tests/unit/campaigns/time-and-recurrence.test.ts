import { describe, expect, it } from "vitest";
import { nextOccurrence } from "@/lib/campaigns/recurrence";
import { wallClock, zonedTimeToUtc } from "@/lib/time";

describe("zonedTimeToUtc", () => {
  it.each([
    ["America/New_York", "2027-03-13", "09:00", "2027-03-13T14:00:00.000Z"], // EST, day before DST
    ["America/New_York", "2027-03-14", "09:00", "2027-03-14T13:00:00.000Z"], // EDT, DST day
    ["Europe/London", "2027-03-28", "09:00", "2027-03-28T08:00:00.000Z"], // BST starts that night
    ["Asia/Kolkata", "2027-03-14", "09:00", "2027-03-14T03:30:00.000Z"], // half-hour offset
    ["Australia/Sydney", "2027-04-04", "09:00", "2027-04-03T23:00:00.000Z"], // AEST after DST ends
    ["Pacific/Auckland", "2027-03-14", "09:00", "2027-03-13T20:00:00.000Z"],
    ["UTC", "2027-01-01", "00:00", "2027-01-01T00:00:00.000Z"],
  ])("%s %s %s is %s", (zone, date, time, expected) => {
    expect(zonedTimeToUtc(date, time, zone).toISOString()).toBe(expected);
  });

  it("moves a time skipped by spring-forward to just after the gap", () => {
    const instant = zonedTimeToUtc("2027-03-14", "02:30", "America/New_York");
    expect(wallClock(instant, "America/New_York").hour).toBe(3);
  });
});

describe("nextOccurrence", () => {
  it("keeps 09:00 on the wall clock across a daylight-saving change", () => {
    const schedule = {
      type: "recurring",
      frequency: "daily",
      time: "09:00",
      timezone: "America/New_York",
    } as const;
    const before = nextOccurrence(schedule, new Date("2027-03-13T15:00:00Z"));
    expect(before?.toISOString()).toBe("2027-03-14T13:00:00.000Z");
    const after = nextOccurrence(schedule, new Date("2027-03-14T13:00:00Z"));
    expect(after?.toISOString()).toBe("2027-03-15T13:00:00.000Z");
  });

  it("picks only the chosen weekdays and stops after endsOn", () => {
    const schedule = {
      type: "recurring" as const,
      frequency: "weekly" as const,
      time: "18:30",
      timezone: "Europe/Paris",
      weekdays: [1, 5],
      endsOn: "2027-01-15",
    };
    // 2027-01-06 is a Wednesday: next is Friday the 8th, then Monday the 11th.
    const friday = nextOccurrence(schedule, new Date("2027-01-06T12:00:00Z"));
    expect(friday?.toISOString()).toBe("2027-01-08T17:30:00.000Z");
    const monday = nextOccurrence(schedule, friday ?? new Date());
    expect(monday?.toISOString()).toBe("2027-01-11T17:30:00.000Z");
    expect(nextOccurrence(schedule, new Date("2027-01-15T18:00:00Z"))).toBeNull();
  });
});
