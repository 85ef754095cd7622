import type { Platform } from "@/lib/db/generated/enums";
import { AppError } from "@/lib/errors";

/** What each platform accepts; the composer and the builders check against the same numbers. */
export const platformLimits: Record<
  Platform,
  { label: string; payloadBytes: number; actions: number }
> = {
  ios: { label: "iOS (APNs)", payloadBytes: 4096, actions: 4 },
  android: { label: "Android (FCM)", payloadBytes: 4096, actions: 3 },
  // aes128gcm: one 4096-byte record less the 86-byte header, 16-byte tag and
  // 1-byte delimiter (4078, often quoted, is the legacy aesgcm figure).
  web: { label: "Web Push", payloadBytes: 3993, actions: 2 },
};

/** UTF-8 length without Buffer or TextEncoder allocations, so the composer can call it per keystroke. */
export function utf8ByteLength(text: string): number {
  let bytes = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && index + 1 < text.length) {
      bytes += 4;
      index++;
    } else bytes += 3;
  }
  return bytes;
}

export function payloadTooLarge(platform: Platform, bytes: number): AppError {
  const { label, payloadBytes } = platformLimits[platform];
  return new AppError(
    "payload_too_large",
    `The ${label} payload is ${bytes} bytes; ${label} accepts at most ${payloadBytes} bytes. Shorten the text or drop custom data.`,
    { platform, bytes, limit: payloadBytes },
  );
}

export function assertPayloadFits(platform: Platform, bytes: number): void {
  if (bytes > platformLimits[platform].payloadBytes) throw payloadTooLarge(platform, bytes);
}
