import type { ReactNode } from "react";
import { HeraldMark } from "@/components/brand/herald-mark";

export default function AuthLayout({ children }: { children: ReactNode }) {
  return (
    <main className="flex min-h-screen flex-col items-center justify-center px-4 py-12">
      <div className="mb-8 flex items-center gap-2 text-xl font-semibold text-slate-900">
        <HeraldMark className="size-8" />
        Herald
      </div>
      <div className="w-full max-w-sm">{children}</div>
    </main>
  );
}
