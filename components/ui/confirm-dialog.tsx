"use client";

import { type FormEvent, type ReactNode, useEffect, useId, useRef } from "react";
import { Alert } from "./alert";
import { Button } from "./button";

/**
 * A modal confirmation on the native <dialog>: focus is trapped and restored
 * by the browser, and Escape cancels.
 */
export function ConfirmDialog({
  open,
  title,
  description,
  confirmLabel,
  tone = "danger",
  isLoading = false,
  confirmDisabled = false,
  error,
  onConfirm,
  onClose,
  children,
}: {
  open: boolean;
  title: string;
  description?: ReactNode;
  confirmLabel: string;
  tone?: "danger" | "primary";
  isLoading?: boolean;
  confirmDisabled?: boolean;
  error?: string | null;
  onConfirm: () => void;
  onClose: () => void;
  children?: ReactNode;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const descriptionId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  // A double click submits twice before `isLoading` re-renders (React
  // Query reports a mutation's start on a later tick): the second is
  // dropped until the first has settled, failed or the dialog reopens.
  const confirming = useRef(false);
  useEffect(() => {
    if (!open || !isLoading || error) confirming.current = false;
  }, [open, isLoading, error]);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (confirmDisabled || isLoading || confirming.current) return;
    confirming.current = true;
    onConfirm();
  }

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      aria-describedby={description ? descriptionId : undefined}
      onClose={() => {
        if (open) onClose();
      }}
      className="m-auto w-full max-w-md rounded-xl bg-white p-0 text-slate-900 shadow-xl ring-1 ring-slate-200 backdrop:bg-slate-900/40 backdrop:backdrop-blur-[1px]"
    >
      {open && (
        <form onSubmit={onSubmit} className="space-y-4 p-6">
          <div className="space-y-1.5">
            <h2 id={titleId} className="text-base font-semibold">
              {title}
            </h2>
            {description && (
              <div id={descriptionId} className="text-sm text-slate-600">
                {description}
              </div>
            )}
          </div>
          {children}
          {error && <Alert tone="error">{error}</Alert>}
          <div className="flex justify-end gap-2 pt-2">
            <Button variant="secondary" onClick={onClose} disabled={isLoading}>
              Cancel
            </Button>
            <Button
              type="submit"
              variant={tone === "danger" ? "danger" : "primary"}
              isLoading={isLoading}
              disabled={confirmDisabled}
            >
              {confirmLabel}
            </Button>
          </div>
        </form>
      )}
    </dialog>
  );
}
