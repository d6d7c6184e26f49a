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
