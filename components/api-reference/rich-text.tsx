import { Fragment } from "react";

/** The text cut into plain and `code` parts, each keyed by where it starts. */
function parts(text: string): { start: number; text: string; isCode: boolean }[] {
  let start = 0;
  return text
    .split(/(`[^`]+`)/)
    .filter(Boolean)
    .map((part) => {
      const isCode = part.length > 2 && part.startsWith("`") && part.endsWith("`");
      const entry = { start, text: isCode ? part.slice(1, -1) : part, isCode };
      start += part.length;
      return entry;
    });
}

/** Text with `code spans`, as the registry and the schemas' descriptions write them. */
export function RichText({ text }: { text: string }) {
  return (
    <>
      {parts(text).map((part) =>
        part.isCode ? (
          <code
            key={part.start}
            className="rounded bg-slate-100 px-1 py-px font-mono text-[0.85em] text-slate-800"
          >
            {part.text}
          </code>
        ) : (
          <Fragment key={part.start}>{part.text}</Fragment>
        ),
      )}
    </>
  );
}
