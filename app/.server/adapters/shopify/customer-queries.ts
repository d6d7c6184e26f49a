/**
 * "Sync customers" documents. Each reads the same customer fields (the page query, the by-id
 * query, the bulk query and the mutations' answers), so one parser takes them all; repeated in
 * each document, not shared through `${…}`: codegen and the document validation test need every
 * #graphql literal to stand alone.
 */

/** Customers changed since a time, oldest change first: the incremental read (100 × ~4 points). */
export const CUSTOMERS_CHANGED_QUERY = `#graphql
  query CustomersChanged($first: Int!, $after: String, $query: String) {
    customers(first: $first, after: $after, query: $query, sortKey: UPDATED_AT) {
      nodes {
        id
        firstName
        lastName
        updatedAt
        taxExempt
        defaultEmailAddress {
          emailAddress
          marketingState
        }
        defaultPhoneNumber {
          phoneNumber
          marketingState
        }
        defaultAddress {
          id
          firstName
          lastName
          company
          address1
          address2
          city
          zip
          province
          provinceCode
          countryCodeV2
          phone
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`;

/** Customers by id: a merchant's Retry or Sync now, and the ERP → Shopify side's read before it writes. */
export const CUSTOMERS_BY_ID_QUERY = `#graphql
  query CustomersById($ids: [ID!]!) {
    nodes(ids: $ids) {
      ... on Customer {
        id
        firstName
        lastName
        updatedAt
        taxExempt
        defaultEmailAddress {
          emailAddress
          marketingState
        }
        defaultPhoneNumber {
          phoneNumber
          marketingState
        }
        defaultAddress {
          id
          firstName
          lastName
          company
          address1
          address2
          city
          zip
          province
          provinceCode
          countryCodeV2
          phone
        }
      }
    }
  }
`;

/** Every customer in one bulk operation: the first import of "all customers" (no page-by-page read). */
export const CUSTOMERS_BULK_QUERY = `#graphql
  query CustomersBulk {
    customers {
      edges {
        node {
          id
          firstName
          lastName
          updatedAt
          taxExempt
          defaultEmailAddress {
            emailAddress
            marketingState
          }
          defaultPhoneNumber {
            phoneNumber
            marketingState
          }
          defaultAddress {
            id
            firstName
            lastName
            company
            address1
            address2
            city
            zip
            province
            provinceCode
            countryCodeV2
            phone
          }
        }
      }
    }
  }
`;

export const CUSTOMER_UPDATE_MUTATION = `#graphql
  mutation CustomerUpdateFromErp($input: CustomerInput!) {
    customerUpdate(input: $input) {
      customer {
        id
        firstName
        lastName
        updatedAt
        taxExempt
        defaultEmailAddress {
          emailAddress
          marketingState
        }
        defaultPhoneNumber {
          phoneNumber
          marketingState
        }
        defaultAddress {
          id
          firstName
          lastName
          company
          address1
          address2
          city
          zip
          province
          provinceCode
          countryCodeV2
          phone
        }
      }
      userErrors {
        field
        message
      }
    }
  }
`;

export const CUSTOMER_ADDRESS_UPDATE_MUTATION = `#graphql
  mutation CustomerAddressFromErp($customerId: ID!, $addressId: ID!, $address: MailingAddressInput!) {
    customerAddressUpdate(customerId: $customerId, addressId: $addressId, address: $address, setAsDefault: true) {
      address {
        id
      }
      userErrors {
        field
        message
      }
    }
  }
`;

export const CUSTOMER_ADDRESS_CREATE_MUTATION = `#graphql
  mutation CustomerAddressNewFromErp($customerId: ID!, $address: MailingAddressInput!) {
    customerAddressCreate(customerId: $customerId, address: $address, setAsDefault: true) {
      address {
        id
      }
      userErrors {
        field
        message
      }
    }
  }
`;

export const CUSTOMER_CREATE_MUTATION = `#graphql
  mutation CustomerCreateFromErp($input: CustomerInput!) {
    customerCreate(input: $input) {
      customer {
        id
        firstName
        lastName
        updatedAt
        taxExempt
        defaultEmailAddress {
          emailAddress
          marketingState
        }
        defaultPhoneNumber {
          phoneNumber
          marketingState
        }
        defaultAddress {
          id
          firstName
          lastName
          company
          address1
          address2
          city
          zip
          province
          provinceCode
          countryCodeV2
          phone
        }
      }
      userErrors {
        field
        message
      }
    }
  }
`;

/** Finds a customer by e-mail before "Add to Shopify" creates one (a retry finds the first try's). */
export const CUSTOMER_BY_EMAIL_QUERY = `#graphql
  query CustomerByEmail($query: String!) {
    customers(first: 2, query: $query) {
      nodes {
        id
        firstName
        lastName
        updatedAt
        taxExempt
        defaultEmailAddress {
          emailAddress
          marketingState
        }
        defaultPhoneNumber {
          phoneNumber
          marketingState
        }
        defaultAddress {
          id
          firstName
          lastName
          company
          address1
          address2
          city
          zip
          province
          provinceCode
          countryCodeV2
          phone
        }
      }
    }
  }
`;
