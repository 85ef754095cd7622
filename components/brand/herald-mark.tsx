export function HeraldMark({ className }: { className?: string }) {
  return (
    <svg viewBox="0 0 32 32" className={className} aria-hidden="true">
      <rect width="32" height="32" rx="8" className="fill-brand-600" />
      <path
        d="M9 19.5V13a7 7 0 0 1 14 0v6.5l2 2.5H7l2-2.5Zm4.5 4.5a2.5 2.5 0 0 0 5 0"
        fill="none"
        stroke="white"
        strokeWidth="2"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}
