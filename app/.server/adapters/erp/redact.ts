/**
 * Replaces every occurrence of the given secrets (client secret, password, access token) with
 * "[redacted]". Applied to any text that came back from a server before it reaches an error or a
 * log: servers sometimes echo what they were sent.
 */
export function redact(text: string, secrets: ReadonlyArray<string | undefined | null>): string {
  let out = text;
  for (const secret of secrets) {
    // Short strings would blank out ordinary words; real secrets are long.
    if (secret && secret.length >= 6) out = out.split(secret).join("[redacted]");
  }
  return out;
}
