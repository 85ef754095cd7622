import {
  createHash,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
  randomBytes,
} from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { stateFiles } from "./state-dir";

/** A complete service-account key file, as the Firebase console downloads it. */
export interface FcmServiceAccountJson {
  type: "service_account";
  project_id: string;
  private_key_id: string;
  private_key: string;
  client_email: string;
  client_id: string;
  auth_uri: string;
  token_uri: string;
  universe_domain: string;
}

export interface ApnsSigningKey {
  keyId: string;
  teamId: string;
  bundleId: string;
  /** The .p8 file's contents (PKCS#8 PEM). */
  privateKey: string;
}

export interface KnownFcmAccount {
  clientEmail: string;
  projectId: string;
  privateKeyId: string;
  tokenUri: string;
  publicKey: KeyObject;
}

export interface KnownApnsKey {
  keyId: string;
  teamId: string;
  bundleId: string;
  publicKey: KeyObject;
}

interface StoredPublicKey {
  publicKeyPem: string;
  [field: string]: string;
}

const appleId = () =>
  Array.from(randomBytes(10), (byte) => "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"[byte % 36]).join("");

const fileNameFor = (id: string) =>
  `${createHash("sha256").update(id).digest("hex").slice(0, 32)}.json`;

function store(stateDir: string, folder: string, id: string, record: StoredPublicKey): void {
  const directory = join(stateDir, folder);
  mkdirSync(directory, { recursive: true, mode: 0o700 });
  writeFileSync(join(directory, fileNameFor(id)), JSON.stringify(record));
}

export function mintFcmServiceAccount(
  stateDir: string,
  options: { origin: string; projectId?: string },
): FcmServiceAccountJson {
  const projectId = options.projectId ?? `herald-local-${randomBytes(3).toString("hex")}`;
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const clientEmail = `herald-${randomBytes(4).toString("hex")}@${projectId}.iam.gserviceaccount.com`;
  const privateKeyId = randomBytes(20).toString("hex");
  const tokenUri = `${options.origin}/token`;
  store(stateDir, stateFiles.fcmAccounts, clientEmail, {
    clientEmail,
    projectId,
    privateKeyId,
    tokenUri,
    publicKeyPem: publicKey.export({ type: "spki", format: "pem" }).toString(),
  });
  return {
    type: "service_account",
    project_id: projectId,
    private_key_id: privateKeyId,
    private_key: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
    client_email: clientEmail,
    client_id: BigInt(`0x${randomBytes(8).toString("hex")}`).toString(),
    auth_uri: `${options.origin}/o/oauth2/auth`,
    token_uri: tokenUri,
    universe_domain: "googleapis.com",
  };
}

export function mintApnsKey(
  stateDir: string,
  options: { teamId?: string; bundleId?: string } = {},
): ApnsSigningKey {
  const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "prime256v1" });
  const key: ApnsSigningKey = {
    keyId: appleId(),
    teamId: options.teamId ?? appleId(),
    bundleId: options.bundleId ?? "com.herald.demo",
    privateKey: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
  };
  store(stateDir, stateFiles.apnsKeys, key.keyId, {
    keyId: key.keyId,
    teamId: key.teamId,
    bundleId: key.bundleId,
    publicKeyPem: publicKey.export({ type: "spki", format: "pem" }).toString(),
  });
  return key;
}

const missRetryMs = 1000;

/**
 * The public halves of what the gateway (or a seed script on the same state
 * dir) minted. Each lives in its own file, so a separate process can mint
 * while the gateway runs; an unknown id is looked up on disk, at most once a
 * second, before the gateway calls it unknown.
 */
class PublicKeyDirectory<T> {
  private readonly known = new Map<string, T>();
  private readonly missedAt = new Map<string, number>();

  constructor(
    private readonly directory: string,
    private readonly parse: (record: StoredPublicKey) => T,
  ) {}

  remember(id: string, record: StoredPublicKey): void {
    this.known.set(id, this.parse(record));
  }

  async find(id: string): Promise<T | null> {
    const found = this.known.get(id);
    if (found) return found;
    const missed = this.missedAt.get(id);
    if (missed !== undefined && Date.now() - missed < missRetryMs) return null;
    try {
      const record = JSON.parse(
        await readFile(join(this.directory, fileNameFor(id)), "utf8"),
      ) as StoredPublicKey;
      const parsed = this.parse(record);
      this.known.set(id, parsed);
      this.missedAt.delete(id);
      return parsed;
    } catch {
      if (this.missedAt.size > 10_000) this.missedAt.clear();
      this.missedAt.set(id, Date.now());
      return null;
    }
  }
}

export class MintedCredentials {
  private readonly fcm: PublicKeyDirectory<KnownFcmAccount>;
  private readonly apns: PublicKeyDirectory<KnownApnsKey>;

  constructor(private readonly stateDir: string) {
    this.fcm = new PublicKeyDirectory(join(stateDir, stateFiles.fcmAccounts), (record) => ({
      clientEmail: record.clientEmail ?? "",
      projectId: record.projectId ?? "",
      privateKeyId: record.privateKeyId ?? "",
      tokenUri: record.tokenUri ?? "",
      publicKey: createPublicKey(record.publicKeyPem),
    }));
    this.apns = new PublicKeyDirectory(join(stateDir, stateFiles.apnsKeys), (record) => ({
      keyId: record.keyId ?? "",
      teamId: record.teamId ?? "",
      bundleId: record.bundleId ?? "",
      publicKey: createPublicKey(record.publicKeyPem),
    }));
  }

  mintFcmServiceAccount(options: { origin: string; projectId?: string }): FcmServiceAccountJson {
    const account = mintFcmServiceAccount(this.stateDir, options);
    this.fcm.remember(account.client_email, {
      clientEmail: account.client_email,
      projectId: account.project_id,
      privateKeyId: account.private_key_id,
      tokenUri: account.token_uri,
      publicKeyPem: createPublicKey(account.private_key)
        .export({ type: "spki", format: "pem" })
        .toString(),
    });
    return account;
  }

  mintApnsKey(options: { teamId?: string; bundleId?: string } = {}): ApnsSigningKey {
    const key = mintApnsKey(this.stateDir, options);
    this.apns.remember(key.keyId, {
      keyId: key.keyId,
      teamId: key.teamId,
      bundleId: key.bundleId,
      publicKeyPem: createPublicKey(key.privateKey)
        .export({ type: "spki", format: "pem" })
        .toString(),
    });
    return key;
  }

  findFcmAccount(clientEmail: string): Promise<KnownFcmAccount | null> {
    return this.fcm.find(clientEmail);
  }

  findApnsKey(keyId: string): Promise<KnownApnsKey | null> {
    return this.apns.find(keyId);
  }
}
