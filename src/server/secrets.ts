/**
 * Passwords, 报送码 and session tokens: random from node:crypto, stored only as hashes. scrypt
 * (salted, memory-hard) verifies what a person types; a SHA-256 of a random code is its lookup key
 * (a 120-bit random code cannot be guessed from it), so a submission finds its unit without trying
 * every unit's scrypt hash.
 */
import { createHash, randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'crypto';

/** Crockford's base 32 without I, L, O, U: nothing a clerk can misread when typing a code. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** `bits` random bits as base-32 letters in groups of four: 120 bits → XXXX-XXXX-…(24 letters). */
export function randomCode(bits = 120): string {
  const letters = Math.ceil(bits / 5);
  const bytes = randomBytes(letters);
  let s = '';
  // 256 is a multiple of 32: every letter equally likely.
  for (let i = 0; i < letters; i++) s += ALPHABET[bytes[i]! % 32];
  return s.match(/.{1,4}/g)!.join('-');
}

/** A code as typed: case, spaces and dashes do not matter; O/I/L read as 0/1/1. */
export function normalizeCode(typed: string): string {
  const s = typed.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  return s.match(/.{1,4}/g)?.join('-') ?? '';
}

export const sha256Hex = (s: string | Uint8Array): string => createHash('sha256').update(s).digest('hex');

/** Costs: N = 2^15 for a password a person chose; 2^12 for a 120-bit random code (its entropy is the protection). */
const COST = { password: { N: 1 << 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 }, code: { N: 1 << 12, r: 8, p: 1 } } satisfies Record<string, ScryptOptions>;

const derive = (secret: string, salt: Buffer, o: ScryptOptions) =>
  new Promise<Buffer>((resolve, reject) => scrypt(secret.normalize('NFC'), salt, 32, o, (e, key) => (e ? reject(e) : resolve(key))));

/** `scrypt$N$r$p$salt$hash`, salt and hash in base64. */
export async function hashSecret(secret: string, kind: keyof typeof COST): Promise<string> {
  const o = COST[kind];
  const salt = randomBytes(16);
  return `scrypt$${o.N}$${o.r}$${o.p}$${salt.toString('base64')}$${(await derive(secret, salt, o)).toString('base64')}`;
}

export async function verifySecret(secret: string, stored: string): Promise<boolean> {
  const [tag, n, r, p, salt, hash] = stored.split('$');
  if (tag !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const o = { N: Number(n), r: Number(r), p: Number(p), maxmem: 64 * 1024 * 1024 };
  const key = await derive(secret, Buffer.from(salt, 'base64'), o);
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** A session token or cookie secret: 256 random bits. */
export const randomToken = (): string => randomBytes(32).toString('base64url');
