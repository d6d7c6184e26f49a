/**
 * "Sync companies" documents. Each reads the same company fields (the page query and the by-id
 * query), so one parser takes both; repeated in each document, not shared through `${…}`: codegen
 * and the document validation test need every #graphql literal to stand alone. A company's first
 * 5 locations come with it (most have one to three; a location costs ~5 points, so 25 companies
 * stay under the 1,000-point cap of one query); the rest of a larger company's locations are read
 * by `COMPANY_LOCATIONS_PAGE_QUERY`.
 */

/** Companies changed since a time, oldest change first: the incremental read. */
export const COMPANIES_CHANGED_QUERY = `#graphql
  query CompaniesChanged($first: Int!, $after: String, $query: String) {
    companies(first: $first, after: $after, query: $query, sortKey: UPDATED_AT) {
      nodes {
        id
        name
        externalId
        note
        updatedAt
        mainContact {
          id
          customer {
            id
            firstName
            lastName
            defaultEmailAddress {
              emailAddress
            }
            defaultPhoneNumber {
              phoneNumber
            }
          }
        }
        locations(first: 5, sortKey: CREATED_AT) {
          nodes {
            id
            name
            externalId
            phone
            updatedAt
            billingAddress {
              address1
              address2
              city
              zip
              province
              zoneCode
              countryCode
              phone
              recipient
            }
            shippingAddress {
              address1
              address2
              city
              zip
              province
              zoneCode
              countryCode
              phone
              recipient
            }
            taxSettings {
              taxRegistrationId
              taxExempt
            }
            buyerExperienceConfiguration {
              paymentTermsTemplate {
                id
                name
                dueInDays
                paymentTermsType
              }
            }
          }
          pageInfo {
            hasNextPage
            endCursor
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`;

/** Companies by id: a Retry, a location changed (its company does not change its updatedAt), Sync now. */
export const COMPANIES_BY_ID_QUERY = `#graphql
  query CompaniesById($ids: [ID!]!) {
    nodes(ids: $ids) {
      ... on Company {
        id
        name
        externalId
        note
        updatedAt
        mainContact {
          id
          customer {
            id
            firstName
            lastName
            defaultEmailAddress {
              emailAddress
            }
            defaultPhoneNumber {
              phoneNumber
            }
          }
        }
        locations(first: 5, sortKey: CREATED_AT) {
          nodes {
            id
            name
            externalId
            phone
            updatedAt
            billingAddress {
              address1
              address2
              city
              zip
              province
              zoneCode
              countryCode
              phone
              recipient
            }
            shippingAddress {
              address1
              address2
              city
              zip
              province
              zoneCode
              countryCode
              phone
              recipient
            }
            taxSettings {
              taxRegistrationId
              taxExempt
            }
            buyerExperienceConfiguration {
              paymentTermsTemplate {
                id
                name
                dueInDays
                paymentTermsType
              }
            }
          }
          pageInfo {
            hasNextPage
            endCursor
          }
        }
      }
    }
  }
`;

/**
 * Locations changed since a time: a location's change (address, tax id, payment terms) leaves its
 * company's updatedAt alone, so its company is read again by id.
 */
export const COMPANY_LOCATIONS_CHANGED_QUERY = `#graphql
  query CompanyLocationsChanged($first: Int!, $after: String, $query: String) {
    companyLocations(first: $first, after: $after, query: $query, sortKey: UPDATED_AT) {
      nodes {
        id
        updatedAt
        company {
          id
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`;

/** The locations of a company beyond the first 20 that came with it. */
export const COMPANY_LOCATIONS_PAGE_QUERY = `#graphql
  query CompanyLocationsPage($companyId: ID!, $after: String) {
    company(id: $companyId) {
      locations(first: 100, after: $after, sortKey: CREATED_AT) {
        nodes {
          id
          name
          externalId
          phone
          updatedAt
          billingAddress {
            address1
            address2
            city
            zip
            province
            zoneCode
            countryCode
            phone
            recipient
          }
          shippingAddress {
            address1
            address2
            city
            zip
            province
            zoneCode
            countryCode
            phone
            recipient
          }
          taxSettings {
            taxRegistrationId
            taxExempt
          }
          buyerExperienceConfiguration {
            paymentTermsTemplate {
              id
              name
              dueInDays
              paymentTermsType
            }
          }
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
    }
  }
`;

export const COMPANY_UPDATE_MUTATION = `#graphql
  mutation CompanyUpdateFromErp($companyId: ID!, $input: CompanyInput!) {
    companyUpdate(companyId: $companyId, input: $input) {
      company {
        id
        updatedAt
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`;

export const COMPANY_LOCATION_ASSIGN_ADDRESS_MUTATION = `#graphql
  mutation CompanyLocationAddressFromErp($locationId: ID!, $address: CompanyAddressInput!, $addressTypes: [CompanyAddressType!]!) {
    companyLocationAssignAddress(locationId: $locationId, address: $address, addressTypes: $addressTypes) {
      addresses {
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

/** "Add to Shopify" (BC report 30113): a company with its main contact and one location. */
export const COMPANY_CREATE_MUTATION = `#graphql
  mutation CompanyCreateFromErp($input: CompanyCreateInput!) {
    companyCreate(input: $input) {
      company {
        id
        name
        updatedAt
        mainContact {
          id
        }
        contactRoles(first: 10) {
          nodes {
            id
            name
          }
        }
        locations(first: 1) {
          nodes {
            id
            name
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

/** The main contact's role at the new location (BC: Default Contact Permission). */
export const COMPANY_CONTACT_ASSIGN_ROLE_MUTATION = `#graphql
  mutation CompanyContactRoleFromErp($companyContactId: ID!, $companyContactRoleId: ID!, $companyLocationId: ID!) {
    companyContactAssignRole(
      companyContactId: $companyContactId
      companyContactRoleId: $companyContactRoleId
      companyLocationId: $companyLocationId
    ) {
      companyContactRoleAssignment {
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

/** The companies of these locations: a B2B order waits for its location (import "with order"). */
export const COMPANIES_OF_LOCATIONS_QUERY = `#graphql
  query CompaniesOfLocations($ids: [ID!]!) {
    nodes(ids: $ids) {
      ... on CompanyLocation {
        id
        company {
          id
        }
      }
    }
  }
`;

/** "Add to Shopify" looks first: a company made earlier from this ERP customer carries its number. */
export const COMPANY_BY_EXTERNAL_ID_QUERY = `#graphql
  query CompanyByExternalId($query: String!) {
    companies(first: 5, query: $query) {
      nodes {
        id
        externalId
      }
    }
  }
`;

/** The main contact of a company added to Shopify (companyCreate would make it Location admin). */
export const COMPANY_CONTACT_CREATE_MUTATION = `#graphql
  mutation CompanyContactFromErp($companyId: ID!, $input: CompanyContactInput!) {
    companyContactCreate(companyId: $companyId, input: $input) {
      companyContact {
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

export const COMPANY_ASSIGN_MAIN_CONTACT_MUTATION = `#graphql
  mutation CompanyMainContactFromErp($companyId: ID!, $companyContactId: ID!) {
    companyAssignMainContact(companyId: $companyId, companyContactId: $companyContactId) {
      company {
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
