import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { type CatalogSandbox, png, stageFile, startCatalogSandbox, until } from "./shopify-catalog-fixture.ts";

const FILE_FIELDS = `
  id fileStatus alt
  fileErrors { code message }
  ... on MediaImage { mimeType status image { url width height altText } originalSource { url fileSize } }
  ... on GenericFile { url mimeType originalFileSize }`;

const FILE_CREATE = `mutation($files: [FileCreateInput!]!) { fileCreate(files: $files) {
  files { ${FILE_FIELDS} } userErrors { field message code } } }`;

const NODE = `query($id: ID!) { node(id: $id) { ... on File { ${FILE_FIELDS} } } }`;

interface FileView {
  id: string;
  fileStatus: string;
  alt: string | null;
  fileErrors: { code: string; message: string }[];
  mimeType?: string | null;
  status?: string;
  image?: { url: string; width: number; height: number; altText: string | null } | null;
  originalSource?: { url: string | null; fileSize: number | null };
  url?: string | null;
}

const PRODUCT_MEDIA = `query($id: ID!) { product(id: $id) {
  media(first: 10) { nodes { id ... on MediaImage { fileStatus image { url width height } } } }
  featuredMedia { id }
  variants(first: 5) { nodes { id media(first: 5) { nodes { id } } image { url } } } } }`;

type ProductMedia = {
  product: {
    media: {
      nodes: { id: string; fileStatus: string; image: { url: string; width: number; height: number } | null }[];
    };
    featuredMedia: { id: string } | null;
    variants: { nodes: { id: string; media: { nodes: { id: string }[] }; image: { url: string } | null }[] };
  };
};

describe("files and product media in the sandbox store", () => {
  let sandbox: CatalogSandbox;
  beforeEach(async () => {
    sandbox = await startCatalogSandbox({ seed: { products: 1, variantsPerProduct: 2, customers: 0 } });
  });
  afterEach(async () => {
    await sandbox.close();
  });

  const node = async (id: string) => (await sandbox.gql<{ node: FileView }>(NODE, { id })).data!.node;
  const ready = (id: string) =>
    until(
      () => node(id),
      (f) => f.fileStatus !== "UPLOADED" && f.fileStatus !== "PROCESSING",
    );

  async function stagedImage(bytes: Buffer, filename = "picture.png", httpMethod: "POST" | "PUT" = "POST") {
    return stageFile(sandbox, { resource: "IMAGE", filename, mimeType: "image/png", httpMethod }, bytes);
  }

  it("makes a file from a staged upload: UPLOADED at once, READY later with the image's size, and serves its bytes", async () => {
    const bytes = png(640, 480, 1);
    const target = await stagedImage(bytes);
    expect(target.resourceUrl).toMatch(
      new RegExp(`^${sandbox.server.url}/storage/tmp/catalog-shop/products/[0-9a-f-]{36}/picture\\.png$`),
    );
    const created = await sandbox.gql<{ fileCreate: { files: FileView[]; userErrors: unknown[] } }>(FILE_CREATE, {
      files: [{ originalSource: target.resourceUrl, contentType: "IMAGE", alt: "Front" }],
    });
    expect(created.data?.fileCreate).toEqual({
      files: [expect.objectContaining({ fileStatus: "UPLOADED", alt: "Front", image: null, fileErrors: [] })],
      userErrors: [],
    });
    const id = created.data!.fileCreate.files[0]!.id;
    expect(id).toMatch(/^gid:\/\/shopify\/MediaImage\/\d+$/);
    const file = await ready(id);
    expect(file).toMatchObject({
      fileStatus: "READY",
      status: "READY",
      mimeType: "image/png",
      image: {
        width: 640,
        height: 480,
        altText: "Front",
        url: expect.stringMatching(new RegExp(`^${sandbox.server.url}/storage/`)),
      },
      originalSource: { fileSize: bytes.length },
    });
    const served = await fetch(file.image!.url);
    expect(served.headers.get("content-type")).toBe("image/png");
    expect(Buffer.from(await served.arrayBuffer())).toEqual(bytes);
  });

  it("takes a PUT upload too, and an external URL that is one of the sandbox's own", async () => {
    const target = await stagedImage(png(10, 20), "put.png", "PUT");
    const first = await sandbox.gql<{ fileCreate: { files: FileView[] } }>(FILE_CREATE, {
      files: [{ originalSource: target.resourceUrl }],
    });
    const file = await ready(first.data!.fileCreate.files[0]!.id);
    expect(file.image).toMatchObject({ width: 10, height: 20 });
    // A second file made from the first one's served URL (as an external source).
    const copy = await sandbox.gql<{ fileCreate: { files: FileView[] } }>(FILE_CREATE, {
      files: [{ originalSource: file.image!.url, filename: "copy.png" }],
    });
    expect((await ready(copy.data!.fileCreate.files[0]!.id)).image).toMatchObject({ width: 10, height: 20 });
  });

  it("fails a file whose bytes are no image, or whose source cannot be read, with a file error", async () => {
    const target = await stagedImage(Buffer.from("not an image"), "broken.png");
    const created = await sandbox.gql<{ fileCreate: { files: FileView[] } }>(FILE_CREATE, {
      files: [{ originalSource: target.resourceUrl }, { originalSource: "http://127.0.0.1:1/nowhere.png" }],
    });
    const [broken, unreachable] = created.data!.fileCreate.files;
    expect(await ready(broken!.id)).toMatchObject({
      fileStatus: "FAILED",
      image: null,
      fileErrors: [{ code: "UNSUPPORTED_IMAGE_FILE_TYPE", message: expect.any(String) }],
    });
    expect(await ready(unreachable!.id)).toMatchObject({
      fileStatus: "FAILED",
      fileErrors: [{ code: "IMAGE_DOWNLOAD_FAILURE", message: expect.any(String) }],
    });
  });

  it("keeps other files as GenericFile, and lists files with a search", async () => {
    const target = await stageFile(
      sandbox,
      { resource: "FILE", filename: "sheet.pdf", mimeType: "application/pdf" },
      Buffer.from("%PDF-1.4 sandbox"),
    );
    const created = await sandbox.gql<{ fileCreate: { files: FileView[] } }>(FILE_CREATE, {
      files: [{ originalSource: target.resourceUrl }],
    });
    const id = created.data!.fileCreate.files[0]!.id;
    expect(id).toMatch(/GenericFile/);
    expect(await ready(id)).toMatchObject({
      fileStatus: "READY",
      mimeType: "application/pdf",
      originalFileSize: 16,
      url: expect.any(String),
    });
    const listed = await sandbox.gql<{ files: { nodes: { id: string }[] } }>(
      '{ files(first: 10, query: "filename:sheet.pdf") { nodes { id } } }',
    );
    expect(listed.data?.files.nodes).toEqual([{ id }]);
  });

  it("refuses a custom filename whose extension differs from the source's, and a duplicate with RAISE_ERROR", async () => {
    const target = await stagedImage(png(4, 4), "a.png");
    const mismatched = await sandbox.gql<{ fileCreate: { files: null; userErrors: unknown[] } }>(FILE_CREATE, {
      files: [{ originalSource: target.resourceUrl, filename: "a.jpg" }],
    });
    expect(mismatched.data?.fileCreate).toEqual({
      files: null,
      userErrors: [
        {
          field: ["files", "0", "filename"],
          message: expect.any(String),
          code: "MISMATCHED_FILENAME_AND_ORIGINAL_SOURCE",
        },
      ],
    });
    await sandbox.gql(FILE_CREATE, { files: [{ originalSource: target.resourceUrl }] });
    const again = await sandbox.gql<{ fileCreate: { userErrors: { code: string }[] } }>(FILE_CREATE, {
      files: [{ originalSource: target.resourceUrl, duplicateResolutionMode: "RAISE_ERROR" }],
    });
    expect(again.data?.fileCreate.userErrors.map((e) => e.code)).toEqual(["FILENAME_ALREADY_EXISTS"]);
  });

  it("sets a product's media with productSet files, replaces an image without adding one, and gives a variant its picture", async () => {
    const products = await sandbox.gql<{
      products: {
        nodes: { id: string; title: string; variants: { nodes: { id: string; title: string; sku: string }[] } }[];
      };
    }>("{ products(first: 1) { nodes { id title variants(first: 5) { nodes { id title sku } } } } }");
    const product = products.data!.products.nodes[0]!;
    const first = await stagedImage(png(100, 100, 1), "first.png");
    const set = (files: unknown[], variantFile?: unknown) =>
      sandbox.gql<{ productSet: { product: { id: string } | null; userErrors: unknown[] } }>(
        `mutation($input: ProductSetInput!, $id: ID!) { productSet(identifier: { id: $id }, input: $input) { product { id } userErrors { field message code } } }`,
        {
          id: product.id,
          input: {
            files,
            ...(variantFile
              ? {
                  productOptions: [{ name: "Size", values: product.variants.nodes.map((v) => ({ name: v.title })) }],
                  variants: product.variants.nodes.map((v, i) => ({
                    id: v.id,
                    optionValues: [{ optionName: "Size", name: v.title }],
                    ...(i === 0 ? { file: variantFile } : {}),
                  })),
                }
              : {}),
          },
        },
      );
    expect(
      (await set([{ originalSource: first.resourceUrl, alt: "first", contentType: "IMAGE" }])).data?.productSet
        .userErrors,
    ).toEqual([]);
    const media = async () => (await sandbox.gql<ProductMedia>(PRODUCT_MEDIA, { id: product.id })).data!.product;
    const once = await until(media, (p) => p.media.nodes[0]?.fileStatus === "READY");
    expect(once.media.nodes).toEqual([
      {
        id: expect.stringMatching(/MediaImage/),
        fileStatus: "READY",
        image: expect.objectContaining({ width: 100, height: 100 }),
      },
    ]);
    expect(once.featuredMedia).toEqual({ id: once.media.nodes[0]!.id });

    // Setting the same media again (by id) keeps exactly one; a new source in its place replaces it.
    await set([{ id: once.media.nodes[0]!.id }]);
    expect((await media()).media.nodes).toHaveLength(1);
    const second = await stagedImage(png(200, 50, 2), "second.png");
    await set([{ originalSource: second.resourceUrl }]);
    const replaced = await until(media, (p) => p.media.nodes[0]?.fileStatus === "READY");
    expect(replaced.media.nodes).toEqual([
      expect.objectContaining({ image: expect.objectContaining({ width: 200, height: 50 }) }),
    ]);
    expect(replaced.media.nodes[0]!.id).not.toBe(once.media.nodes[0]!.id);

    // A variant's file joins the product's media and becomes the variant's.
    const third = await stagedImage(png(30, 30, 3), "third.png");
    expect(
      (await set([{ id: replaced.media.nodes[0]!.id }], { originalSource: third.resourceUrl })).data?.productSet
        .userErrors,
    ).toEqual([]);
    const withVariant = await until(
      media,
      (p) => p.media.nodes.length === 2 && p.media.nodes.every((m) => m.fileStatus === "READY"),
    );
    expect(withVariant.variants.nodes[0]!.media.nodes).toEqual([{ id: withVariant.media.nodes[1]!.id }]);
    expect(withVariant.variants.nodes[0]!.image?.url).toEqual(withVariant.media.nodes[1]!.image?.url);
    expect(withVariant.variants.nodes[1]!.media.nodes).toEqual([]);
    // Media turn READY after the mutation that made them, each with its own products/update: under
    // load the last of them can come after the fourth, so wait for the one that shows both images ready.
    const updates = await until(
      async () => sandbox.webhooks("products/update"),
      (l) => {
        const images = (l.at(-1) as { images?: Array<{ width: number | null }> } | undefined)?.images ?? [];
        return l.length >= 4 && images.length === 2 && images.every((image) => image.width !== null);
      },
    );
    expect(updates.at(-1)).toMatchObject({
      id: Number(product.id.split("/").pop()),
      images: [
        expect.objectContaining({ width: 200, height: 50 }),
        expect.objectContaining({
          width: 30,
          height: 30,
          variant_ids: [Number(product.variants.nodes[0]!.id.split("/").pop())],
        }),
      ],
    });
  });

  it("adds media with productCreate and productUpdate, attaches a READY one to a variant, and detaches and deletes with the Files API", async () => {
    const image = await stagedImage(png(64, 64), "new.png");
    const created = await sandbox.gql<{
      productCreate: { product: { id: string; variants: { nodes: { id: string }[] } }; userErrors: unknown[] };
    }>(
      `mutation($product: ProductCreateInput!, $media: [CreateMediaInput!]) { productCreate(product: $product, media: $media) {
        product { id variants(first: 1) { nodes { id } } } userErrors { field message } } }`,
      {
        product: { title: "With picture" },
        media: [{ originalSource: image.resourceUrl, mediaContentType: "IMAGE", alt: "hero" }],
      },
    );
    expect(created.data?.productCreate.userErrors).toEqual([]);
    const product = created.data!.productCreate.product;
    const media = async () => (await sandbox.gql<ProductMedia>(PRODUCT_MEDIA, { id: product.id })).data!.product;
    const mediaId = (await media()).media.nodes[0]!.id;
    const append = (ids: string[]) =>
      sandbox.gql<{ productVariantAppendMedia: { productVariants: unknown[] | null; userErrors: { code: string }[] } }>(
        `mutation($p: ID!, $vm: [ProductVariantAppendMediaInput!]!) { productVariantAppendMedia(productId: $p, variantMedia: $vm) {
          productVariants { id } userErrors { field message code } } }`,
        { p: product.id, vm: [{ variantId: product.variants.nodes[0]!.id, mediaIds: ids }] },
      );
    const early = await append([mediaId]);
    // Shopify attaches only processed media to variants; right after upload it is not READY yet.
    if (early.data?.productVariantAppendMedia.userErrors.length) {
      expect(early.data.productVariantAppendMedia.userErrors.map((e) => e.code)).toEqual(["NON_READY_MEDIA"]);
      await until(media, (p) => p.media.nodes[0]?.fileStatus === "READY");
      expect((await append([mediaId])).data?.productVariantAppendMedia.userErrors).toEqual([]);
    }
    expect((await append([mediaId])).data?.productVariantAppendMedia.userErrors.map((e) => e.code)).toEqual([
      "PRODUCT_VARIANT_ALREADY_HAS_MEDIA",
    ]);

    const more = await stagedImage(png(8, 8), "more.png");
    const updated = await sandbox.gql<{ productUpdate: { userErrors: unknown[] } }>(
      `mutation($product: ProductUpdateInput!, $media: [CreateMediaInput!]) { productUpdate(product: $product, media: $media) { userErrors { field message } } }`,
      { product: { id: product.id }, media: [{ originalSource: more.resourceUrl, mediaContentType: "IMAGE" }] },
    );
    expect(updated.data?.productUpdate.userErrors).toEqual([]);
    const two = (await media()).media.nodes.map((m) => m.id);
    expect(two).toHaveLength(2);

    const detached = await sandbox.gql<{ fileUpdate: { userErrors: unknown[] } }>(
      `mutation($files: [FileUpdateInput!]!) { fileUpdate(files: $files) { files { id } userErrors { field message code } } }`,
      { files: [{ id: two[0], referencesToRemove: [product.id] }] },
    );
    expect(detached.data?.fileUpdate.userErrors).toEqual([]);
    const after = await media();
    expect(after.media.nodes.map((m) => m.id)).toEqual([two[1]]);
    expect(after.variants.nodes[0]!.media.nodes).toEqual([]);

    const deleted = await sandbox.gql<{ fileDelete: { deletedFileIds: string[]; userErrors: unknown[] } }>(
      `mutation($ids: [ID!]!) { fileDelete(fileIds: $ids) { deletedFileIds userErrors { field message code } } }`,
      { ids: [two[1]] },
    );
    expect(deleted.data?.fileDelete).toEqual({ deletedFileIds: [two[1]], userErrors: [] });
    expect((await media()).media.nodes).toEqual([]);
    const gone = await sandbox.gql<{ fileDelete: { userErrors: { code: string }[] } }>(
      `mutation($ids: [ID!]!) { fileDelete(fileIds: $ids) { deletedFileIds userErrors { field message code } } }`,
      { ids: [two[1]] },
    );
    expect(gone.data?.fileDelete.userErrors.map((e) => e.code)).toEqual(["FILE_DOES_NOT_EXIST"]);
  });
  it("shows a product's first image as its featured media, and moves its updatedAt when media is added or deleted", async () => {
    const created = await sandbox.gql<{ productCreate: { product: { id: string; updatedAt: string } } }>(
      `mutation($product: ProductCreateInput!) { productCreate(product: $product) { product { id updatedAt } } }`,
      { product: { title: "Pictured later" } },
    );
    const product = created.data!.productCreate.product;
    type Featured = {
      product: {
        updatedAt: string;
        featuredMedia: { id: string; status: string; updatedAt?: string; image: { url: string } | null } | null;
      };
      products: { nodes: { id: string }[] };
    };
    const read = async (since: string) =>
      (
        await sandbox.gql<Featured>(
          `query($id: ID!, $q: String) { product(id: $id) { updatedAt featuredMedia { id status ... on MediaImage { updatedAt image { url } } } }
            products(first: 10, query: $q) { nodes { id } } }`,
          { id: product.id, q: `updated_at:>'${since}'` },
        )
      ).data!;
    expect((await read(product.updatedAt)).product.featuredMedia).toBeNull();

    const add = async (bytes: Buffer, name: string) => {
      const image = await stagedImage(bytes, name);
      const updated = await sandbox.gql<{ productUpdate: { userErrors: unknown[] } }>(
        `mutation($product: ProductUpdateInput!, $media: [CreateMediaInput!]) { productUpdate(product: $product, media: $media) { userErrors { field message } } }`,
        { product: { id: product.id }, media: [{ originalSource: image.resourceUrl, mediaContentType: "IMAGE" }] },
      );
      expect(updated.data?.productUpdate.userErrors).toEqual([]);
    };
    const first = png(20, 20, 1);
    await add(first, "first.png");
    const withOne = await until(
      () => read(product.updatedAt),
      (r) => r.product.featuredMedia?.status === "READY",
    );
    expect(Date.parse(withOne.product.updatedAt)).toBeGreaterThan(Date.parse(product.updatedAt));
    expect(withOne.products.nodes.map((n) => n.id)).toContain(product.id);
    const featured = withOne.product.featuredMedia!;
    expect(featured.updatedAt).toEqual(expect.any(String));
    const served = await fetch(featured.image!.url);
    expect(served.headers.get("content-type")).toBe("image/png");
    expect(Buffer.from(await served.arrayBuffer())).toEqual(first);

    // A second image comes after the first; the first stays featured until it is deleted.
    await add(png(10, 10, 2), "second.png");
    await until(
      () => sandbox.gql<ProductMedia>(PRODUCT_MEDIA, { id: product.id }),
      (r) => r.data!.product.media.nodes.every((m) => m.fileStatus === "READY"),
    );
    const withTwo = await read(withOne.product.updatedAt);
    expect(withTwo.product.featuredMedia?.id).toBe(featured.id);
    await sandbox.gql(`mutation($ids: [ID!]!) { fileDelete(fileIds: $ids) { deletedFileIds } }`, {
      ids: [featured.id],
    });
    const afterDelete = await read(withTwo.product.updatedAt);
    expect(afterDelete.product.featuredMedia?.id).not.toBe(featured.id);
    expect(afterDelete.product.featuredMedia?.id).toEqual(expect.any(String));
    expect(Date.parse(afterDelete.product.updatedAt)).toBeGreaterThan(Date.parse(withTwo.product.updatedAt));
    expect(afterDelete.products.nodes.map((n) => n.id)).toContain(product.id);
  });
});
