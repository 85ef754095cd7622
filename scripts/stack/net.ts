import { connect, createServer } from "node:net";

export function isListening(host: string, port: number, timeoutMs = 800): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (result: boolean) => {
      socket.destroy();
      resolve(result);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once("connect", () => done(true));
    socket.once("error", () => done(false));
  });
}

/** The first free TCP port at or after `preferred` on 127.0.0.1. */
export async function findFreePort(preferred: number): Promise<number> {
  for (let port = preferred; port < preferred + 200; port += 1) {
    const free = await new Promise<boolean>((resolve) => {
      const server = createServer();
      server.once("error", () => resolve(false));
      server.listen({ port, host: "0.0.0.0" }, () => server.close(() => resolve(true)));
    });
    if (free) return port;
  }
  throw new Error(`No free port found from ${preferred}`);
}
