"use client";

import { type ReactNode, useState } from "react";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { InputField } from "@/components/ui/field";
import { TabPanel, Tabs } from "@/components/ui/tabs";
import { CodeBlock } from "./code-block";
import {
  buttonSnippet,
  isWorkerPath,
  loginSnippet,
  sdkScriptTag,
  workerDownloadCommand,
  workerImportLine,
} from "./snippets";

type Setup = "standard" | "own";

function Step({ number, title, children }: { number: number; title: string; children: ReactNode }) {
  return (
    <li className="flex gap-4">
      <span
        aria-hidden="true"
        className="flex size-7 shrink-0 items-center justify-center rounded-full bg-brand-50 text-sm font-semibold text-brand-700 ring-1 ring-brand-100"
      >
        {number}
      </span>
      <div className="min-w-0 flex-1 space-y-3">
        <h3 className="pt-0.5 text-sm font-semibold text-slate-900">{title}</h3>
        {children}
      </div>
    </li>
  );
}

/** The three steps to web push on a site, with this Herald's URL and the app's id filled in. */
export function InstallCard({ heraldUrl, publicId }: { heraldUrl: string; publicId: string }) {
  const [setup, setSetup] = useState<Setup>("standard");
  const [workerPath, setWorkerPath] = useState("/sw.js");
  const isPathValid = isWorkerPath(workerPath);
  const ownWorkerPath = setup === "own" && isPathValid ? workerPath : null;

  return (
    <Card>
      <CardHeader
        title="Install"
        description="Three steps, a few minutes. Pages must be served over https (http://localhost works while you develop)."
      />
      <CardBody>
        <ol className="space-y-8">
          <Step number={1} title="Serve the service worker from your site">
            <Tabs<Setup>
              label="Service worker setup"
              idPrefix="worker-setup"
              size="sm"
              value={setup}
              onChange={setSetup}
              items={[
                { id: "standard", label: "Standard" },
                { id: "own", label: "My site has a service worker" },
              ]}
            />
            {setup === "standard" ? (
              <TabPanel idPrefix="worker-setup" id="standard" className="space-y-3">
                <p className="text-sm text-slate-600">
                  Browsers load a service worker only from the site's own origin, so copy{" "}
                  <a
                    href={`${heraldUrl}/herald-sw.js`}
                    download
                    className="font-medium text-brand-700 underline-offset-2 hover:underline"
                  >
                    herald-sw.js
                  </a>{" "}
                  to your site's root: it must answer at{" "}
                  <code className="rounded bg-slate-100 px-1 py-0.5 text-xs">
                    https://your-site/herald-sw.js
                  </code>
                  . With a build tool, put it where static files go (often <code>public/</code>).
                </p>
                <CodeBlock code={workerDownloadCommand(heraldUrl)} label="Download command" />
              </TabPanel>
            ) : (
              <TabPanel idPrefix="worker-setup" id="own" className="space-y-3">
                <p className="text-sm text-slate-600">
                  One scope holds one service worker, so Herald joins yours instead of replacing it.
                  Add this line at the top of your worker; it handles only Herald's pushes.
                </p>
                <div className="max-w-xs">
                  <InputField
                    label="Your service worker's path"
                    value={workerPath}
                    onChange={(event) => setWorkerPath(event.target.value.trim())}
                    error={isPathValid ? undefined : "must start with / and end with .js"}
                    spellCheck={false}
                  />
                </div>
                <CodeBlock code={workerImportLine(heraldUrl)} label={`Top of ${workerPath}`} />
              </TabPanel>
            )}
          </Step>
          <Step number={2} title="Add the script to every page">
            <p className="text-sm text-slate-600">
              It loads without blocking the page, asks with the soft ask below, subscribes and
              registers the browser.
            </p>
            <CodeBlock
              code={sdkScriptTag({ heraldUrl, publicId, ownWorkerPath })}
              label="Script tag"
              testId="sdk-script-tag"
            />
          </Step>
          <Step number={3} title="Tell Herald who is signed in (optional)">
            <p className="text-sm text-slate-600">
              Attaches this browser to your user id, so API sends to that id reach it. A button of
              your own can ask at any time. Before you go live, turn on identity verification
              (below), so only your server can say who a visitor is.
            </p>
            <CodeBlock code={loginSnippet} label="Sign-in" />
            <CodeBlock code={buttonSnippet} label="Subscribe button" />
          </Step>
        </ol>
      </CardBody>
    </Card>
  );
}
