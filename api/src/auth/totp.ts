import { generateSecret, generateURI, verify } from 'otplib';

const ISSUER = 'Mimamori';

/** A new base32 secret of 20 bytes (RFC 4226's recommended length) for an authenticator app. */
export const newTotpSecret = (): string => generateSecret();

/** The otpauth:// URI an authenticator app scans (as a QR code) or takes typed in. */
export const totpUri = (secret: string, label: string): string => generateURI({ issuer: ISSUER, label, secret });

/**
 * The time step of a valid 6-digit code, or null. Codes from the previous 30 s still count (a
 * slow typist); a step at or before `lastStep` does not, so a code cannot be replayed.
 */
export async function checkTotp(secret: string, code: string, lastStep: number | null): Promise<number | null> {
  if (!/^\d{6}$/.test(code)) return null;
  try {
    const r = await verify({
      secret,
      token: code,
      epochTolerance: [30, 0],
      ...(lastStep !== null ? { afterTimeStep: lastStep } : {}),
    });
    return r.valid && 'timeStep' in r ? r.timeStep : null;
  } catch {
    return null;
  }
}
