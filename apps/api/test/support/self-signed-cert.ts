import { generateKeyPairSync, type KeyObject, randomBytes, sign } from 'node:crypto';

// node:crypto reads X.509 certificates but cannot write one: this writes the few DER structures of a self-signed
// RSA certificate (RFC 5280), enough for what Google publishes for Firebase ID tokens (PEM certificates by kid).

const length = (n: number) => {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  for (; n > 0; n >>= 8) bytes.unshift(n & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
};
const tlv = (tag: number, ...parts: Buffer[]) => {
  const body = Buffer.concat(parts);
  return Buffer.concat([Buffer.from([tag]), length(body.length), body]);
};
const sequence = (...parts: Buffer[]) => tlv(0x30, ...parts);

const oid = (dotted: string) => {
  const [first, second, ...rest] = dotted.split('.').map(Number);
  const base128 = (n: number) => {
    const bytes = [n & 0x7f];
    for (n >>= 7; n > 0; n >>= 7) bytes.unshift((n & 0x7f) | 0x80);
    return bytes;
  };
  return tlv(0x06, Buffer.from([40 * first + second, ...rest.flatMap(base128)]));
};

const SHA256_WITH_RSA = sequence(oid('1.2.840.113549.1.1.11'), tlv(0x05));
const commonName = (cn: string) => sequence(tlv(0x31, sequence(oid('2.5.4.3'), tlv(0x0c, Buffer.from(cn)))));
const utcTime = (d: Date) => tlv(0x17, Buffer.from(`${d.toISOString().replace(/[-:T]/g, '').slice(2, 14)}Z`));

/** An RSA key pair and a self-signed certificate (PEM) of its public key, valid from an hour ago for a day. */
export function selfSignedCertificate(cn: string): { privateKey: KeyObject; certificate: string } {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const serial = randomBytes(8);
  serial[0] &= 0x7f; // a positive INTEGER
  const now = Date.now();
  const tbs = sequence(
    tlv(0xa0, tlv(0x02, Buffer.from([2]))), // version 3
    tlv(0x02, serial),
    SHA256_WITH_RSA,
    commonName(cn),
    sequence(utcTime(new Date(now - 3_600_000)), utcTime(new Date(now + 86_400_000))),
    commonName(cn),
    publicKey.export({ type: 'spki', format: 'der' }),
  );
  const der = sequence(tbs, SHA256_WITH_RSA, tlv(0x03, Buffer.from([0]), sign('sha256', tbs, privateKey)));
  const certificate = `-----BEGIN CERTIFICATE-----\n${der
    .toString('base64')
    .match(/.{1,64}/g)!
    .join('\n')}\n-----END CERTIFICATE-----\n`;
  return { privateKey, certificate };
}
