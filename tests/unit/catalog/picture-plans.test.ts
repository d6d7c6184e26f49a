import { describe, expect, it } from "vitest";

import { planImageImport, planPictureWrite } from "../../../app/.server/tasks/images-sync/plan-image-import.ts";
import { planPicture, planUpload, variantImageConflict } from "../../../app/.server/tasks/images-sync/plan-picture.ts";

const none = { version: null, hash: null, mediaId: null };

describe("ERP picture → Shopify media", () => {
  it.each([
    ["no picture, nothing synced", null, none, "unchanged"],
    ["no picture any more: the app's media goes", null, { version: "v1", hash: "h", mediaId: "m1" }, "remove"],
    ["same version, on Shopify as the app's media", "v1", { version: "v1", hash: "h", mediaId: "m1" }, "unchanged"],
    [
      "same version, written from the Shopify image",
      "v1",
      { ...none, version: "v1", hash: "h", sourceImageId: "i1" },
      "unchanged",
    ],
    ["same version, never put on Shopify", "v1", { ...none, version: "v1", hash: "h" }, "download"],
    ["a new version", "v2", { version: "v1", hash: "h", mediaId: "m1" }, "download"],
  ] as const)("%s", (_, version, state, kind) => {
    expect(planPicture(version, state).kind).toBe(kind);
  });

  it("uploads only new bytes, replacing only the app's media", () => {
    expect(planUpload("h", { version: "v1", hash: "h", mediaId: "m1" })).toMatchObject({ kind: "unchanged" });
    expect(planUpload("h", { ...none, hash: "h", sourceImageId: "i1" })).toMatchObject({ kind: "unchanged" });
    expect(planUpload("h2", { version: "v1", hash: "h", mediaId: "m1" })).toEqual({ kind: "upload", replaces: "m1" });
    expect(planUpload("h2", { ...none, hash: "h", sourceImageId: "i1" })).toEqual({ kind: "upload", replaces: null });
  });

  it("leaves a variant showing the merchant's own image alone", () => {
    expect(variantImageConflict(null, none)).toBeNull();
    expect(variantImageConflict("m1", { ...none, mediaId: "m1" })).toBeNull();
    expect(variantImageConflict("merchant", { ...none, mediaId: "m1" })).toMatch(/image of its own/);
  });
});

describe("Shopify image → ERP picture", () => {
  const image = { mediaId: "i1", status: "READY", url: "https://cdn/x.png?v=1", version: "t1 https://cdn/x.png?v=1" };
  const state = { imageId: null, imageVersion: null, pictureHash: null, appMediaId: null };

  it.each([
    ["no image", null, state, "unchanged"],
    ["the app's own media (the ERP's picture)", image, { ...state, appMediaId: "i1" }, "unchanged"],
    ["still processing", { ...image, status: "PROCESSING" }, state, "wait"],
    ["failed in Shopify", { ...image, status: "FAILED" }, state, "unchanged"],
    ["no image URL (a video)", { ...image, url: null }, state, "unchanged"],
    ["same media, same version", image, { ...state, imageId: "i1", imageVersion: image.version }, "unchanged"],
    ["same media, new version", image, { ...state, imageId: "i1", imageVersion: "t0" }, "download"],
    ["another media", image, { ...state, imageId: "i0", imageVersion: image.version }, "download"],
  ] as const)("%s", (_, shown, known, kind) => {
    expect(planImageImport(shown, known).kind).toBe(kind);
  });

  it("writes the item's picture only when its bytes differ", () => {
    expect(planPictureWrite("h", { ...state, pictureHash: "h" }).kind).toBe("unchanged");
    expect(planPictureWrite("h2", { ...state, pictureHash: "h" }).kind).toBe("write");
  });
});
