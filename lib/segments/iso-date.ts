// One pattern for "a calendar-valid ISO 8601 date or date-time", used by the
// definition schema (JavaScript) and by the compiler (PostgreSQL regex) to
// decide which attribute strings are dates. PostgreSQL 15 has no
// pg_input_is_valid, and casting an impossible date ("2025-02-30") raises an
// error that would fail the whole count, so the pattern checks month lengths
// and leap years itself; only strings it accepts are ever cast.

const year = "[1-9][0-9]{3}";
const leapYear = "([1-9][0-9](0[48]|[2468][048]|[13579][26])|([2468][048]|[13579][26])00)";
const calendarDate =
  `(${year}-(0[1-9]|1[0-2])-(0[1-9]|1[0-9]|2[0-8])` +
  `|${year}-(0[13-9]|1[0-2])-(29|30)` +
  `|${year}-(0[13578]|1[02])-31` +
  `|${leapYear}-02-29)`;
const time = "([T ]([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\\.[0-9]{1,6})?)?)";
// PostgreSQL refuses offsets beyond ±15:59.
const zone = "(Z|[+-](0[0-9]|1[0-5])(:?[0-5][0-9])?)";

/** A date, or a date-time with an optional zone (read as UTC when it has none). */
export const isoDatePattern = `^${calendarDate}(${time}${zone}?)?$`;

const isoDateRegex = new RegExp(isoDatePattern);
const dateOnlyRegex = new RegExp(`^${calendarDate}$`);

export function isIsoDate(value: string): boolean {
  return isoDateRegex.test(value);
}

/** `2025-05-01` names a whole day; `2025-05-01T10:00Z` an instant. */
export function isDateOnly(value: string): boolean {
  return dateOnlyRegex.test(value);
}

const offsetAtEnd = /([+-])(0[0-9]|1[0-5]):?([0-5][0-9])?$/;

/**
 * The instant a value (already checked with isIsoDate) names: a day starts at
 * 00:00 UTC and a time without a zone is UTC. Offsets become `+HH:MM`, the
 * only form every JavaScript engine parses.
 */
export function parseIsoInstant(value: string): Date {
  if (isDateOnly(value)) return new Date(`${value}T00:00:00Z`);
  const dateTime = value.replace(" ", "T");
  if (dateTime.endsWith("Z")) return new Date(dateTime);
  const offset = dateTime.slice(10).match(offsetAtEnd);
  if (!offset) return new Date(`${dateTime}Z`);
  const [whole, sign, hours, minutes = "00"] = offset;
  return new Date(`${dateTime.slice(0, dateTime.length - whole.length)}${sign}${hours}:${minutes}`);
}
