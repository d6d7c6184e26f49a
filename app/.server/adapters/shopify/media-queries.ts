/**
 * The documents the picture sync sends (a staged upload, a file from it, attached to its product).
 * The staged upload target serves a bulk mutation's JSONL variables too.
 */
export const STAGED_UPLOADS_CREATE_MUTATION = `#graphql
  mutation StagedUpload($input: [StagedUploadInput!]!) {
    stagedUploadsCreate(input: $input) {
      stagedTargets {
        url
        resourceUrl
        parameters {
          name
          value
        }
      }
      userErrors {
        field
        message
      }
    }
  }
`;

export const FILE_CREATE_MUTATION = `#graphql
  mutation ProductImageCreate($files: [FileCreateInput!]!) {
    fileCreate(files: $files) {
      files {
        id
        fileStatus
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`;

export const FILE_STATUS_QUERY = `#graphql
  query ProductImageStatus($id: ID!) {
    node(id: $id) {
      ... on MediaImage {
        id
        fileStatus
        fileErrors {
          message
        }
      }
    }
  }
`;

export const FILE_UPDATE_MUTATION = `#graphql
  mutation ProductImageAttach($files: [FileUpdateInput!]!) {
    fileUpdate(files: $files) {
      files {
        id
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`;

export const FILE_DELETE_MUTATION = `#graphql
  mutation ProductImageDelete($fileIds: [ID!]!) {
    fileDelete(fileIds: $fileIds) {
      deletedFileIds
      userErrors {
        field
        message
        code
      }
    }
  }
`;

/** The media each variant shows now (a variant has one at most), before the app gives it a picture. */
export const VARIANTS_MEDIA_QUERY = `#graphql
  query VariantPictures($ids: [ID!]!) {
    nodes(ids: $ids) {
      ... on ProductVariant {
        id
        media(first: 1) {
          nodes {
            id
          }
        }
      }
    }
  }
`;

/** A product's READY media as a variant's picture; Shopify refuses a variant that already has one. */
export const VARIANT_APPEND_MEDIA_MUTATION = `#graphql
  mutation VariantPictureAttach($productId: ID!, $variantMedia: [ProductVariantAppendMediaInput!]!) {
    productVariantAppendMedia(productId: $productId, variantMedia: $variantMedia) {
      productVariants {
        id
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`;

/**
 * Shopify → ERP: products changed since the cursor with their first image (the featured media),
 * oldest change first. Fifty a page: one media each keeps the query cheap.
 */
export const PRODUCT_IMAGES_UPDATED_SINCE_QUERY = `#graphql
  query ProductImagesUpdatedSince($query: String, $after: String) {
    products(first: 50, after: $after, query: $query, sortKey: UPDATED_AT) {
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        title
        updatedAt
        featuredMedia {
          id
          status
          ... on MediaImage {
            updatedAt
            mimeType
            image {
              url
            }
          }
        }
      }
    }
  }
`;

/** The same, by id: products linked since the cursor passed them, whose image was never looked at. */
export const PRODUCT_IMAGES_BY_ID_QUERY = `#graphql
  query ProductImagesById($ids: [ID!]!) {
    nodes(ids: $ids) {
      ... on Product {
        id
        title
        updatedAt
        featuredMedia {
          id
          status
          ... on MediaImage {
            updatedAt
            mimeType
            image {
              url
            }
          }
        }
      }
    }
  }
`;
