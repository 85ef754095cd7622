"use client";

import { useEffect, useRef, useState } from "react";

/**
 * The value once it has stopped changing for `delayMs`: typing does not fire
 * a request per key. Values are compared by content (JSON), so a parent that
 * re-renders with an equal new object does not restart the wait.
 */
export function useDebouncedValue<T>(value: T, delayMs: number): T {
  const [settled, setSettled] = useState(value);
  const latest = useRef(value);
  latest.current = value;
  const key = JSON.stringify(value);
  useEffect(() => {
    // Restarts whenever the content (`key`) changes; the timer reads the newest value.
    if (key === undefined) return;
    const timer = setTimeout(() => setSettled(latest.current), delayMs);
    return () => clearTimeout(timer);
  }, [key, delayMs]);
  return settled;
}
