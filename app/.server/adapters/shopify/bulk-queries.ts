/** Bulk operations: the operation and its state (the variables are staged with `STAGED_UPLOADS_CREATE_MUTATION`). */
export const BULK_MUTATION_RUN = `#graphql
  mutation BulkMutationRun($mutation: String!, $stagedUploadPath: String!) {
    bulkOperationRunMutation(mutation: $mutation, stagedUploadPath: $stagedUploadPath) {
      bulkOperation {
        id
        status
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`;

export const BULK_OPERATION_QUERY = `#graphql
  query BulkOperationState($id: ID!) {
    bulkOperation(id: $id) {
      id
      status
      errorCode
      objectCount
      url
      partialDataUrl
    }
  }
`;

/**
 * The per-line mutation of the first export's bulk path: a product set by handle, as the
 * incremental path sends it (so a line retried later by the incremental path upserts the same
 * product). Sent as text in `bulkOperationRunMutation`, validated with the others by codegen.
 */
export const PRODUCT_SET_BULK_LINE = `#graphql
  mutation ProductSetBulkLine($identifier: ProductSetIdentifiers, $input: ProductSetInput!) {
    productSet(identifier: $identifier, input: $input, synchronous: true) {
      product {
        id
        handle
        variants(first: 250) {
          nodes {
            id
            sku
          }
        }
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`;
