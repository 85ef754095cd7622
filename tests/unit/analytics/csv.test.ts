import { describe, expect, it } from "vitest";
import { escapeCsvCell, toCsv } from "@/lib/csv/to-csv";

describe("CSV export", () => {
  it("neutralises cells a spreadsheet would run as formulas", () => {
    expect(escapeCsvCell('=HYPERLINK("http://evil","x")')).toBe(
      '"\'=HYPERLINK(""http://evil"",""x"")"',
    );
    expect(escapeCsvCell("+1 555 0100")).toBe("'+1 555 0100");
    expect(escapeCsvCell("-2+3")).toBe("'-2+3");
    expect(escapeCsvCell("@SUM(A1:A2)")).toBe("'@SUM(A1:A2)");
    expect(escapeCsvCell("\tcmd")).toBe("'\tcmd");
    expect(escapeCsvCell("Spring sale = 20 %")).toBe("Spring sale = 20 %");
  });

  it("keeps numbers numbers, negative ones included, and leaves undefined values empty", () => {
    expect(escapeCsvCell(-3.5)).toBe("-3.5");
    expect(escapeCsvCell(42.86)).toBe("42.86");
    expect(escapeCsvCell(null)).toBe("");
    expect(escapeCsvCell(undefined)).toBe("");
    expect(escapeCsvCell(Number.NaN)).toBe("");
    expect(escapeCsvCell(true)).toBe("true");
    expect(escapeCsvCell(new Date("2026-11-23T10:00:00Z"))).toBe("2026-11-23T10:00:00.000Z");
  });

  it("quotes commas, quotes and line breaks", () => {
    expect(escapeCsvCell('Say "hi", then')).toBe('"Say ""hi"", then"');
    expect(escapeCsvCell("two\nlines")).toBe('"two\nlines"');
    expect(escapeCsvCell(" padded")).toBe('" padded"');
  });

  it("writes a header and one CRLF-terminated line per row", () => {
    const csv = toCsv(
      [
        { header: "Campaign", value: (row: { name: string; rate: number | null }) => row.name },
        { header: "Open rate (%)", value: (row) => row.rate },
      ],
      [
        { name: "=cmd|' /C calc'!A0", rate: 4.5 },
        { name: "Sale, today", rate: null },
      ],
    );
    expect(csv).toBe("Campaign,Open rate (%)\r\n'=cmd|' /C calc'!A0,4.5\r\n\"Sale, today\",\r\n");
  });
});
