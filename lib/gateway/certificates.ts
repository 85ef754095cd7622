// @peculiar/x509 resolves its parts through tsyringe, which needs the Reflect
// metadata API at import time; this import must stay above it.
import "reflect-metadata";
import { createPrivateKey, createPublicKey, generateKeyPairSync } from "node:crypto";
import { isIP } from "node:net";
import * as x509 from "@peculiar/x509";

// Node's WebCrypto (globalThis.crypto), which the library signs and hashes with.
x509.cryptoProvider.set(crypto);

export interface CertificateAndKey {
  certificatePem: string;
  privateKeyPem: string;
}

const organization = "Herald local push gateway";
const dayMs = 24 * 60 * 60 * 1000;
const caValidDays = 3650;
// The most macOS and iOS accept for a TLS server certificate, even under a user-added root.
const serverValidDays = 825;

/** A fresh P-256 private key as PKCS#8 PEM, the form the state dir keeps. */
export function generateP256PrivateKeyPem(): string {
  const { privateKey } = generateKeyPairSync("ec", { namedCurve: "prime256v1" });
  return privateKey.export({ type: "pkcs8", format: "pem" }).toString();
}

interface KeyForIssuing {
  /** The SubjectPublicKeyInfo DER. */
  publicKey: Uint8Array<ArrayBuffer>;
  signingKey: CryptoKey;
}

async function keyForIssuing(privateKeyPem: string): Promise<KeyForIssuing> {
  const privateKey = createPrivateKey(privateKeyPem);
  // Copied into plain Uint8Arrays: WebCrypto's types want ArrayBuffer-backed
  // views, which Node's Buffer type does not promise.
  const signingKey = await crypto.subtle.importKey(
    "pkcs8",
    new Uint8Array(privateKey.export({ type: "pkcs8", format: "der" })),
    { name: "ECDSA", namedCurve: "P-256" },
    false,
    ["sign"],
  );
  return {
    publicKey: new Uint8Array(createPublicKey(privateKey).export({ type: "spki", format: "der" })),
    signingKey,
  };
}

// UTF8String, as RFC 5280 asks of new certificates; the object form also keeps
// the library from reading a value as its string syntax (`#…` is hex there).
const nameOf = (commonName: string) =>
  new x509.Name([{ O: [{ utf8String: organization }] }, { CN: [{ utf8String: commonName }] }]);

function validity(days: number): { notBefore: Date; notAfter: Date } {
  // An hour back, so a client whose clock runs a little behind still accepts it.
  return {
    notBefore: new Date(Date.now() - 60 * 60 * 1000),
    notAfter: new Date(Date.now() + days * dayMs),
  };
}

const pemOf = (certificate: x509.X509Certificate) => `${certificate.toString("pem")}\n`;

/** A self-signed CA certificate for the P-256 key in `privateKeyPem`. */
export async function createCertificateAuthority(
  commonName: string,
  privateKeyPem: string,
): Promise<string> {
  const key = await keyForIssuing(privateKeyPem);
  const name = nameOf(commonName);
  const certificate = await x509.X509CertificateGenerator.create({
    subject: name,
    issuer: name,
    ...validity(caValidDays),
    publicKey: key.publicKey,
    signingKey: key.signingKey,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(
        x509.KeyUsageFlags.digitalSignature |
          x509.KeyUsageFlags.keyCertSign |
          x509.KeyUsageFlags.cRLSign,
        true,
      ),
      await x509.SubjectKeyIdentifierExtension.create(key.publicKey),
      await x509.AuthorityKeyIdentifierExtension.create(key.publicKey),
    ],
  });
  return pemOf(certificate);
}

/** A TLS server certificate for `hosts` (names or IP addresses), signed by `ca`. */
export async function issueServerCertificate(
  ca: CertificateAndKey,
  hosts: string[],
): Promise<CertificateAndKey> {
  const privateKeyPem = generateP256PrivateKeyPem();
  const { publicKey } = await keyForIssuing(privateKeyPem);
  const issuer = await keyForIssuing(ca.privateKeyPem);
  const certificate = await x509.X509CertificateGenerator.create({
    subject: nameOf(hosts[0] ?? "localhost"),
    // The CA's own encoded name, so the issuer matches its subject byte for byte.
    issuer: new x509.X509Certificate(ca.certificatePem).subjectName,
    ...validity(serverValidDays),
    publicKey,
    signingKey: issuer.signingKey,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      new x509.SubjectAlternativeNameExtension(
        hosts.map(
          (host): x509.JsonGeneralName => ({
            type: isIP(host) === 0 ? "dns" : "ip",
            value: host,
          }),
        ),
      ),
      await x509.SubjectKeyIdentifierExtension.create(publicKey),
      await x509.AuthorityKeyIdentifierExtension.create(issuer.publicKey),
    ],
  });
  return { certificatePem: pemOf(certificate), privateKeyPem };
}
