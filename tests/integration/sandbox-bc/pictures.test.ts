import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { makeJpeg, makePng } from "../../../sandbox/business-central/store/seed-images.ts";
import { type BcFixture, startBcSandbox } from "./bc-fixture.ts";

/**
 * Item (and item variant) pictures as API v2.0 serves them: `items({id})/picture` is the picture's
 * metadata with media links, `…/picture/pictureContent` its bytes; an upload is a PATCH of raw
 * bytes to pictureContent with If-Match (204), which modifies the item too.
 */
let fx: BcFixture;

beforeEach(async () => {
  fx = await startBcSandbox({ products: 4 });
});
afterEach(async () => {
  await fx.sandbox.close();
});

async function bytes(
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: Uint8Array<ArrayBuffer> } = {},
) {
  const res = await fetch(url, {
    method: init.method ?? "GET",
    headers: { Authorization: `Bearer ${fx.token}`, ...init.headers },
    ...(init.body ? { body: init.body } : {}),
  });
  return { status: res.status, headers: res.headers, bytes: new Uint8Array(await res.arrayBuffer()) };
}

describe("item pictures", () => {
  it("seeds real pictures: metadata with media links, and content that is the image", async () => {
    const item = (await fx.call("GET", `${fx.company}/items?$top=1`)).body.value[0];
    const picture = await fx.call("GET", `${fx.company}/items(${item.id})/picture`);
    expect(picture.status).toBe(200);
    expect(picture.body).toMatchObject({
      id: item.id,
      parentType: "Item",
      width: 32,
      height: 32,
      contentType: "image/png",
    });
    const link = picture.body["pictureContent@odata.mediaReadLink"] as string;
    expect(link).toBe(`${fx.company}/items(${item.id})/picture/pictureContent`);
    expect(picture.body["pictureContent@odata.mediaEditLink"]).toBe(link);
    expect(picture.body).not.toHaveProperty("pictureContent");
    const content = await bytes(link);
    expect(content.status).toBe(200);
    expect([...content.bytes.slice(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
  });

  it("an upload replaces the content, changes the picture's etag and the item's lastModifiedDateTime", async () => {
    const items = (await fx.call("GET", `${fx.company}/items?$expand=picture`)).body.value;
    const bare = items.find((i: any) => i.picture.contentType === "");
    expect(bare.picture).toMatchObject({ id: bare.id, width: 0, height: 0, contentType: "" });
    const url = `${fx.company}/items(${bare.id})/picture/pictureContent`;
    expect((await bytes(url)).status).toBe(204);
    const jpeg = makeJpeg(16, [10, 200, 90]);
    const noEtag = await bytes(url, {
      method: "PATCH",
      body: jpeg,
      headers: { "Content-Type": "application/octet-stream" },
    });
    expect(noEtag.status).toBe(400);
    fx.clock.now += 1000;
    const upload = await bytes(url, {
      method: "PATCH",
      body: jpeg,
      headers: { "Content-Type": "application/octet-stream", "If-Match": "*" },
    });
    expect(upload.status).toBe(204);
    const after = await fx.call("GET", `${fx.company}/items(${bare.id})/picture`);
    expect(after.body).toMatchObject({ width: 16, height: 16, contentType: "image/jpeg" });
    expect(after.body["@odata.etag"]).not.toBe(bare.picture["@odata.etag"]);
    expect((await bytes(url)).bytes).toEqual(jpeg);
    const item = (await fx.call("GET", `${fx.company}/items(${bare.id})`)).body;
    expect(item["@odata.etag"]).not.toBe(bare["@odata.etag"]);
    expect(Date.parse(item.lastModifiedDateTime)).toBeGreaterThan(Date.parse(bare.lastModifiedDateTime));

    // A stale picture etag is refused; the current one replaces it again.
    const png = makePng(8, [1, 2, 3], [4, 5, 6]);
    const stale = await bytes(url, {
      method: "PATCH",
      body: png,
      headers: { "If-Match": bare.picture["@odata.etag"] },
    });
    expect(stale.status).toBe(412);
    const current = await bytes(url, {
      method: "PATCH",
      body: png,
      headers: { "If-Match": after.body["@odata.etag"] },
    });
    expect(current.status).toBe(204);
    expect((await fx.call("GET", `${fx.company}/items(${bare.id})/picture`)).body.contentType).toBe("image/png");
  });

  it("refuses content that is not an image, and DELETE clears the picture", async () => {
    const item = (await fx.call("GET", `${fx.company}/items?$top=1`)).body.value[0];
    const url = `${fx.company}/items(${item.id})/picture`;
    const text = await bytes(`${url}/pictureContent`, {
      method: "PATCH",
      body: new TextEncoder().encode("not a picture"),
      headers: { "If-Match": "*" },
    });
    expect(text.status).toBe(400);
    const picture = (await fx.call("GET", url)).body;
    expect((await fx.call("DELETE", url)).status).toBe(400);
    expect((await fx.call("DELETE", url, { headers: { "If-Match": picture["@odata.etag"] } })).status).toBe(204);
    expect((await fx.call("GET", url)).body).toMatchObject({ width: 0, height: 0, contentType: "" });
    expect((await bytes(`${url}/pictureContent`)).status).toBe(204);
    expect((await fx.call("POST", url, { body: {} })).status).toBe(405);
  });

  it("item variants have pictures too (APIV2 - Item Variants has the picture part)", async () => {
    const variants = (await fx.call("GET", `${fx.company}/itemVariants?$expand=picture`)).body.value;
    const pictured = variants.filter((v: any) => v.picture.contentType !== "");
    expect(pictured).toHaveLength(1);
    expect(pictured[0].picture).toMatchObject({ parentType: "Item Variant", contentType: "image/png" });
    const nested = (await fx.call("GET", `${fx.company}/items?$top=1&$expand=itemVariants($expand=picture),picture`))
      .body.value[0];
    expect(nested.picture.contentType).toBe("image/png");
    expect(nested.itemVariants.find((v: any) => v.id === pictured[0].id).picture.width).toBe(32);
    const other = variants.find((v: any) => v.picture.contentType === "");
    const upload = await bytes(`${fx.company}/itemVariants(${other.id})/picture/pictureContent`, {
      method: "PATCH",
      body: makePng(4, [9, 9, 9], [0, 0, 0]),
      headers: { "If-Match": "*" },
    });
    expect(upload.status).toBe(204);
    const variant = (await fx.call("GET", `${fx.company}/itemVariants(${other.id})?$expand=picture`)).body;
    expect(variant.picture).toMatchObject({ width: 4, contentType: "image/png" });
    expect(variant["@odata.etag"]).not.toBe(other["@odata.etag"]);
  });
});
