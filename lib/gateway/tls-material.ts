import { X509Certificate } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { isIP } from "node:net";
import { join } from "node:path";
import type { CertificateAndKey } from "./certificates";
import { ensureStateDir, readOrCreateStateFile, stateFiles } from "./state-dir";

export interface GatewayTlsMaterial {
  /** PEM of the gateway's own CA: what a client passes as `ca` to trust it. */
  caPem: string;
  caFile: string;
  certificatePem: string;
  privateKeyPem: string;
}

export const defaultGatewayHosts = ["localhost", "127.0.0.1", "::1"];

const renewBeforeMs = 30 * 24 * 60 * 60 * 1000;

// Issuing loads @peculiar/x509, a few hundred milliseconds of module loading
// that most starts skip: they find valid certificates in the state dir.
const loadIssuing = () => import("./certificates");

async function loadOrCreateCa(stateDir: string): Promise<CertificateAndKey> {
  const keyPath = join(stateDir, stateFiles.caKey);
  const certificatePath = join(stateDir, stateFiles.caCertificate);
  if (existsSync(keyPath) && existsSync(certificatePath)) {
    return {
      certificatePem: readFileSync(certificatePath, "utf8"),
      privateKeyPem: readFileSync(keyPath, "utf8"),
    };
  }
  // The key is written first and the certificate is always issued for the key
  // on disk, so neither a crash between the two writes nor two processes
  // starting at once can leave a CA certificate paired with another key.
  const issuing = await loadIssuing();
  const privateKeyPem = readOrCreateStateFile(
    stateDir,
    stateFiles.caKey,
    issuing.generateP256PrivateKeyPem,
  );
  const issued = await issuing.createCertificateAuthority(
    "Herald local push gateway CA",
    privateKeyPem,
  );
  const certificatePem = readOrCreateStateFile(stateDir, stateFiles.caCertificate, () => issued);
  return { certificatePem, privateKeyPem };
}

function isUsable(certificatePem: string, ca: X509Certificate, hosts: string[]): boolean {
  const certificate = new X509Certificate(certificatePem);
  if (!certificate.checkIssued(ca) || !certificate.verify(ca.publicKey)) return false;
  if (new Date(certificate.validTo).getTime() - Date.now() < renewBeforeMs) return false;
  return hosts.every((host) =>
    isIP(host)
      ? certificate.checkIP(host) !== undefined
      : certificate.checkHost(host) !== undefined,
  );
}

/**
 * The CA and server certificate the gateway serves TLS with, made on first
 * start and kept in the state dir so clients can keep trusting the same CA
 * file. The server certificate is reissued when a new host name is asked for
 * or it comes within 30 days of expiry.
 */
export async function loadOrCreateTlsMaterial(
  stateDir: string,
  extraHosts: string[] = [],
): Promise<GatewayTlsMaterial> {
  ensureStateDir(stateDir);
  const ca = await loadOrCreateCa(stateDir);
  const caCertificate = new X509Certificate(ca.certificatePem);
  const hosts = [...new Set([...defaultGatewayHosts, ...extraHosts])];
  const certificatePath = join(stateDir, stateFiles.serverCertificate);
  const keyPath = join(stateDir, stateFiles.serverKey);
  let server: CertificateAndKey | undefined;
  if (existsSync(certificatePath) && existsSync(keyPath)) {
    const certificatePem = readFileSync(certificatePath, "utf8");
    if (isUsable(certificatePem, caCertificate, hosts)) {
      server = { certificatePem, privateKeyPem: readFileSync(keyPath, "utf8") };
    }
  }
  if (!server) {
    server = await (await loadIssuing()).issueServerCertificate(ca, hosts);
    writeFileSync(keyPath, server.privateKeyPem, { mode: 0o600 });
    writeFileSync(certificatePath, server.certificatePem);
  }
  return {
    caPem: ca.certificatePem,
    caFile: join(stateDir, stateFiles.caCertificate),
    certificatePem: server.certificatePem,
    privateKeyPem: server.privateKeyPem,
  };
}
