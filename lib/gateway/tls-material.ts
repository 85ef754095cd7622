import { X509Certificate } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { isIP } from "node:net";
import { join } from "node:path";
import { ensureStateDir, readOrCreateStateFile, stateFiles } from "./state-dir";
import { type CertificateAndKey, createCertificateAuthority, issueServerCertificate } from "./x509";

export interface GatewayTlsMaterial {
  /** PEM of the gateway's own CA: what a client passes as `ca` to trust it. */
  caPem: string;
  caFile: string;
  certificatePem: string;
  privateKeyPem: string;
}

export const defaultGatewayHosts = ["localhost", "127.0.0.1", "::1"];

const renewBeforeMs = 30 * 24 * 60 * 60 * 1000;

function loadOrCreateCa(stateDir: string): CertificateAndKey {
  // The key is written first, so a crash between the two writes leaves no CA
  // certificate without its key.
  let created: CertificateAndKey | undefined;
  const make = () => {
    created ??= createCertificateAuthority("Herald local push gateway CA");
    return created;
  };
  const privateKeyPem = readOrCreateStateFile(
    stateDir,
    stateFiles.caKey,
    () => make().privateKeyPem,
  );
  const certificatePem = readOrCreateStateFile(
    stateDir,
    stateFiles.caCertificate,
    () => make().certificatePem,
  );
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
 * file. The server certificate is reissued when a new host name is asked for.
 */
export function loadOrCreateTlsMaterial(
  stateDir: string,
  extraHosts: string[] = [],
): GatewayTlsMaterial {
  ensureStateDir(stateDir);
  const ca = loadOrCreateCa(stateDir);
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
    server = issueServerCertificate(ca, hosts);
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
