import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
  randomBytes,
  sign,
  X509Certificate,
} from "node:crypto";
import { isIP } from "node:net";
import {
  bitString,
  booleanTrue,
  explicit,
  implicitPrimitive,
  namedBits,
  objectIdentifier,
  octetString,
  sequence,
  set,
  smallInteger,
  time,
  unsignedInteger,
  utf8String,
} from "./der";

const oid = {
  ecdsaWithSha256: "1.2.840.10045.4.3.2",
  commonName: "2.5.4.3",
  organization: "2.5.4.10",
  subjectKeyIdentifier: "2.5.29.14",
  keyUsage: "2.5.29.15",
  subjectAltName: "2.5.29.17",
  basicConstraints: "2.5.29.19",
  authorityKeyIdentifier: "2.5.29.35",
  extendedKeyUsage: "2.5.29.37",
  serverAuth: "1.3.6.1.5.5.7.3.1",
};

const keyUsageBit = { digitalSignature: 0, keyCertSign: 5, cRLSign: 6 };

export interface CertificateAndKey {
  certificatePem: string;
  privateKeyPem: string;
}

interface CertificateSpec {
  subject: string;
  issuer: string;
  publicKey: KeyObject;
  signingKey: KeyObject;
  issuerPublicKey: KeyObject;
  validDays: number;
  extensions: Buffer[];
}

const name = (commonName: string) =>
  sequence(
    set(sequence(objectIdentifier(oid.organization), utf8String("Herald local push gateway"))),
    set(sequence(objectIdentifier(oid.commonName), utf8String(commonName))),
  );

const extension = (id: string, critical: boolean, value: Buffer) =>
  critical
    ? sequence(objectIdentifier(id), booleanTrue(), octetString(value))
    : sequence(objectIdentifier(id), octetString(value));

function keyIdentifier(publicKey: KeyObject): Buffer {
  // RFC 5280 §4.2.1.2 method 1: SHA-1 of the subjectPublicKey bits; for a P-256
  // SPKI those are the last 65 bytes (the uncompressed point).
  const spki = publicKey.export({ type: "spki", format: "der" });
  return createHash("sha1")
    .update(spki.subarray(spki.length - 65))
    .digest();
}

function issue(spec: CertificateSpec): string {
  const notBefore = new Date(Date.now() - 60 * 60 * 1000);
  const notAfter = new Date(Date.now() + spec.validDays * 24 * 60 * 60 * 1000);
  const serial = randomBytes(16);
  serial[0] = (serial[0] ?? 0) & 0x7f;
  const signatureAlgorithm = sequence(objectIdentifier(oid.ecdsaWithSha256));
  const tbs = sequence(
    explicit(0, smallInteger(2)),
    unsignedInteger(serial),
    signatureAlgorithm,
    name(spec.issuer),
    sequence(time(notBefore), time(notAfter)),
    name(spec.subject),
    spec.publicKey.export({ type: "spki", format: "der" }),
    explicit(
      3,
      sequence(
        ...spec.extensions,
        extension(oid.subjectKeyIdentifier, false, octetString(keyIdentifier(spec.publicKey))),
        extension(
          oid.authorityKeyIdentifier,
          false,
          sequence(implicitPrimitive(0, keyIdentifier(spec.issuerPublicKey))),
        ),
      ),
    ),
  );
  const signature = sign("sha256", tbs, spec.signingKey);
  const der = sequence(tbs, signatureAlgorithm, bitString(signature));
  const lines = der.toString("base64").match(/.{1,64}/g) ?? [];
  return `-----BEGIN CERTIFICATE-----\n${lines.join("\n")}\n-----END CERTIFICATE-----\n`;
}

function generateP256(): { publicKey: KeyObject; privateKey: KeyObject } {
  return generateKeyPairSync("ec", { namedCurve: "prime256v1" });
}

export function createCertificateAuthority(commonName: string): CertificateAndKey {
  const { publicKey, privateKey } = generateP256();
  const certificatePem = issue({
    subject: commonName,
    issuer: commonName,
    publicKey,
    signingKey: privateKey,
    issuerPublicKey: publicKey,
    validDays: 3650,
    extensions: [
      extension(oid.basicConstraints, true, sequence(booleanTrue(), smallInteger(0))),
      extension(
        oid.keyUsage,
        true,
        namedBits([keyUsageBit.digitalSignature, keyUsageBit.keyCertSign, keyUsageBit.cRLSign]),
      ),
    ],
  });
  return {
    certificatePem,
    privateKeyPem: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
  };
}

function subjectAltNames(hosts: string[]): Buffer {
  return sequence(
    ...hosts.map((host) => {
      const family = isIP(host);
      if (family === 0) return implicitPrimitive(2, Buffer.from(host, "ascii"));
      return implicitPrimitive(7, ipAddressBytes(host, family));
    }),
  );
}

function ipAddressBytes(address: string, family: number): Buffer {
  if (family === 4) return Buffer.from(address.split(".").map(Number));
  const [head = "", tail = ""] = address.split("::");
  const groups = (part: string) => (part === "" ? [] : part.split(":"));
  const headGroups = groups(head);
  const tailGroups = address.includes("::") ? groups(tail) : [];
  const missing = 8 - headGroups.length - tailGroups.length;
  const all = [...headGroups, ...Array<string>(missing).fill("0"), ...tailGroups];
  const bytes = Buffer.alloc(16);
  for (const [index, group] of all.entries()) {
    bytes.writeUInt16BE(Number.parseInt(group, 16), index * 2);
  }
  return bytes;
}

/** A TLS server certificate for `hosts` (names or IP addresses), signed by `ca`. */
export function issueServerCertificate(ca: CertificateAndKey, hosts: string[]): CertificateAndKey {
  const { publicKey, privateKey } = generateP256();
  const caPrivateKey = createPrivateKey(ca.privateKeyPem);
  const certificatePem = issue({
    subject: hosts[0] ?? "localhost",
    issuer: commonNameOf(ca.certificatePem),
    publicKey,
    signingKey: caPrivateKey,
    issuerPublicKey: createPublicKey(caPrivateKey),
    validDays: 825,
    extensions: [
      extension(oid.basicConstraints, true, sequence()),
      extension(oid.keyUsage, true, namedBits([keyUsageBit.digitalSignature])),
      extension(oid.extendedKeyUsage, false, sequence(objectIdentifier(oid.serverAuth))),
      extension(oid.subjectAltName, false, subjectAltNames(hosts)),
    ],
  });
  return {
    certificatePem,
    privateKeyPem: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
  };
}

function commonNameOf(certificatePem: string): string {
  const subject = new X509Certificate(certificatePem).subject;
  return /CN=([^\n]+)/.exec(subject)?.[1] ?? "Herald local push gateway CA";
}
