import { randomBytes } from "node:crypto";

import { describe, expect, it } from "vitest";

import { createSecretCipher, SecretCipherError } from "../../app/.server/secrets/cipher.ts";

const key = randomBytes(32);
const previous = randomBytes(32);

describe("secret cipher", () => {
  it("seals to a value that does not contain the secret and opens it again", () => {
    const cipher = createSecretCipher([key]);
    const sealed = cipher.seal("client-secret-123", "shop:1");
    expect(sealed).not.toContain("client-secret-123");
    expect(sealed).not.toContain(Buffer.from("client-secret-123").toString("base64"));
    expect(cipher.open(sealed, "shop:1")).toBe("client-secret-123");
  });

  it("seals the same secret differently every time", () => {
    const cipher = createSecretCipher([key]);
    expect(cipher.seal("s", "shop:1")).not.toBe(cipher.seal("s", "shop:1"));
  });

  it("refuses to open a value moved to another shop, or tampered with", () => {
    const cipher = createSecretCipher([key]);
    const sealed = cipher.seal("s3cret", "shop:1");
    expect(() => cipher.open(sealed, "shop:2")).toThrow(SecretCipherError);
    const parts = sealed.split(".");
    parts[4] = Buffer.from("tampered").toString("base64url");
    expect(() => cipher.open(parts.join("."), "shop:1")).toThrow(SecretCipherError);
  });

  it("opens values sealed with the previous key after a rotation, and seals with the new one", () => {
    const sealedBefore = createSecretCipher([previous]).seal("old", "shop:1");
    const rotated = createSecretCipher([key, previous]);
    expect(rotated.open(sealedBefore, "shop:1")).toBe("old");
    expect(() => createSecretCipher([key]).open(rotated.seal("new", "shop:1"), "shop:1")).not.toThrow();
    expect(() => createSecretCipher([key]).open(sealedBefore, "shop:1")).toThrow(/unknown key/);
  });

  it("rejects keys that are not 32 bytes", () => {
    expect(() => createSecretCipher([randomBytes(16)])).toThrow(/32 bytes/);
  });
});
