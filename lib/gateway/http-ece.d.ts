// http_ece ships no types; this covers the one call the gateway makes.
declare module "http_ece" {
  import type { ECDH } from "node:crypto";

  interface EceParams {
    version: "aes128gcm";
    /** The receiver's key pair (only these two methods are used when decrypting). */
    privateKey: Pick<ECDH, "computeSecret" | "getPublicKey">;
    authSecret: Buffer;
  }

  const ece: {
    decrypt(buffer: Buffer, params: EceParams): Buffer;
  };
  export default ece;
}
