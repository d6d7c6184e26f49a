/* eslint-disable eslint-comments/disable-enable-pair */
/* eslint-disable eslint-comments/no-unlimited-disable */
/* eslint-disable */
import type * as AdminTypes from './admin.types.js';

export type BulkMutationRunMutationVariables = AdminTypes.Exact<{
  mutation: AdminTypes.Scalars['String']['input'];
  stagedUploadPath: AdminTypes.Scalars['String']['input'];
}>;


export type BulkMutationRunMutation = { bulkOperationRunMutation?: AdminTypes.Maybe<{ bulkOperation?: AdminTypes.Maybe<Pick<AdminTypes.BulkOperation, 'id' | 'status'>>, userErrors: Array<Pick<AdminTypes.BulkMutationUserError, 'field' | 'message' | 'code'>> }> };

export type BulkOperationStateQueryVariables = AdminTypes.Exact<{
  id: AdminTypes.Scalars['ID']['input'];
}>;


export type BulkOperationStateQuery = { bulkOperation?: AdminTypes.Maybe<Pick<AdminTypes.BulkOperation, 'id' | 'status' | 'errorCode' | 'objectCount' | 'url' | 'partialDataUrl'>> };

export type ProductSetBulkLineMutationVariables = AdminTypes.Exact<{
  identifier?: AdminTypes.InputMaybe<AdminTypes.ProductSetIdentifiers>;
  input: AdminTypes.ProductSetInput;
}>;


export type ProductSetBulkLineMutation = { productSet?: AdminTypes.Maybe<{ product?: AdminTypes.Maybe<(
      Pick<AdminTypes.Product, 'id' | 'handle'>
      & { variants: { nodes: Array<Pick<AdminTypes.ProductVariant, 'id' | 'sku'>> } }
    )>, userErrors: Array<Pick<AdminTypes.ProductSetUserError, 'field' | 'message' | 'code'>> }> };

export type CompaniesChangedQueryVariables = AdminTypes.Exact<{
  first: AdminTypes.Scalars['Int']['input'];
  after?: AdminTypes.InputMaybe<AdminTypes.Scalars['String']['input']>;
  query?: AdminTypes.InputMaybe<AdminTypes.Scalars['String']['input']>;
}>;


export type CompaniesChangedQuery = { companies: { nodes: Array<(
      Pick<AdminTypes.Company, 'id' | 'name' | 'externalId' | 'note' | 'updatedAt'>
      & { mainContact?: AdminTypes.Maybe<(
        Pick<AdminTypes.CompanyContact, 'id'>
        & { customer: (
          Pick<AdminTypes.Customer, 'id' | 'firstName' | 'lastName'>
          & { defaultEmailAddress?: AdminTypes.Maybe<Pick<AdminTypes.CustomerEmailAddress, 'emailAddress'>>, defaultPhoneNumber?: AdminTypes.Maybe<Pick<AdminTypes.CustomerPhoneNumber, 'phoneNumber'>> }
        ) }
      )>, locations: { nodes: Array<(
          Pick<AdminTypes.CompanyLocation, 'id' | 'name' | 'externalId' | 'phone' | 'updatedAt'>
          & { billingAddress?: AdminTypes.Maybe<Pick<AdminTypes.CompanyAddress, 'address1' | 'address2' | 'city' | 'zip' | 'province' | 'zoneCode' | 'countryCode' | 'phone' | 'recipient'>>, shippingAddress?: AdminTypes.Maybe<Pick<AdminTypes.CompanyAddress, 'address1' | 'address2' | 'city' | 'zip' | 'province' | 'zoneCode' | 'countryCode' | 'phone' | 'recipient'>>, taxSettings: Pick<AdminTypes.CompanyLocationTaxSettings, 'taxRegistrationId' | 'taxExempt'>, buyerExperienceConfiguration?: AdminTypes.Maybe<{ paymentTermsTemplate?: AdminTypes.Maybe<Pick<AdminTypes.PaymentTermsTemplate, 'id' | 'name' | 'dueInDays' | 'paymentTermsType'>> }> }
        )>, pageInfo: Pick<AdminTypes.PageInfo, 'hasNextPage' | 'endCursor'> } }
    )>, pageInfo: Pick<AdminTypes.PageInfo, 'hasNextPage' | 'endCursor'> } };

export type CompaniesByIdQueryVariables = AdminTypes.Exact<{
  ids: Array<AdminTypes.Scalars['ID']['input']> | AdminTypes.Scalars['ID']['input'];
}>;


export type CompaniesByIdQuery = { nodes: Array<AdminTypes.Maybe<(
    Pick<AdminTypes.Company, 'id' | 'name' | 'externalId' | 'note' | 'updatedAt'>
    & { mainContact?: AdminTypes.Maybe<(
      Pick<AdminTypes.CompanyContact, 'id'>
      & { customer: (
        Pick<AdminTypes.Customer, 'id' | 'firstName' | 'lastName'>
        & { defaultEmailAddress?: AdminTypes.Maybe<Pick<AdminTypes.CustomerEmailAddress, 'emailAddress'>>, defaultPhoneNumber?: AdminTypes.Maybe<Pick<AdminTypes.CustomerPhoneNumber, 'phoneNumber'>> }
      ) }
    )>, locations: { nodes: Array<(
        Pick<AdminTypes.CompanyLocation, 'id' | 'name' | 'externalId' | 'phone' | 'updatedAt'>
        & { billingAddress?: AdminTypes.Maybe<Pick<AdminTypes.CompanyAddress, 'address1' | 'address2' | 'city' | 'zip' | 'province' | 'zoneCode' | 'countryCode' | 'phone' | 'recipient'>>, shippingAddress?: AdminTypes.Maybe<Pick<AdminTypes.CompanyAddress, 'address1' | 'address2' | 'city' | 'zip' | 'province' | 'zoneCode' | 'countryCode' | 'phone' | 'recipient'>>, taxSettings: Pick<AdminTypes.CompanyLocationTaxSettings, 'taxRegistrationId' | 'taxExempt'>, buyerExperienceConfiguration?: AdminTypes.Maybe<{ paymentTermsTemplate?: AdminTypes.Maybe<Pick<AdminTypes.PaymentTermsTemplate, 'id' | 'name' | 'dueInDays' | 'paymentTermsType'>> }> }
      )>, pageInfo: Pick<AdminTypes.PageInfo, 'hasNextPage' | 'endCursor'> } }
  )>> };

export type CompanyLocationsChangedQueryVariables = AdminTypes.Exact<{
  first: AdminTypes.Scalars['Int']['input'];
  after?: AdminTypes.InputMaybe<AdminTypes.Scalars['String']['input']>;
  query?: AdminTypes.InputMaybe<AdminTypes.Scalars['String']['input']>;
}>;


export type CompanyLocationsChangedQuery = { companyLocations: { nodes: Array<(
      Pick<AdminTypes.CompanyLocation, 'id' | 'updatedAt'>
      & { company: Pick<AdminTypes.Company, 'id'> }
    )>, pageInfo: Pick<AdminTypes.PageInfo, 'hasNextPage' | 'endCursor'> } };

export type CompanyLocationsPageQueryVariables = AdminTypes.Exact<{
  companyId: AdminTypes.Scalars['ID']['input'];
  after?: AdminTypes.InputMaybe<AdminTypes.Scalars['String']['input']>;
}>;


export type CompanyLocationsPageQuery = { company?: AdminTypes.Maybe<{ locations: { nodes: Array<(
        Pick<AdminTypes.CompanyLocation, 'id' | 'name' | 'externalId' | 'phone' | 'updatedAt'>
        & { billingAddress?: AdminTypes.Maybe<Pick<AdminTypes.CompanyAddress, 'address1' | 'address2' | 'city' | 'zip' | 'province' | 'zoneCode' | 'countryCode' | 'phone' | 'recipient'>>, shippingAddress?: AdminTypes.Maybe<Pick<AdminTypes.CompanyAddress, 'address1' | 'address2' | 'city' | 'zip' | 'province' | 'zoneCode' | 'countryCode' | 'phone' | 'recipient'>>, taxSettings: Pick<AdminTypes.CompanyLocationTaxSettings, 'taxRegistrationId' | 'taxExempt'>, buyerExperienceConfiguration?: AdminTypes.Maybe<{ paymentTermsTemplate?: AdminTypes.Maybe<Pick<AdminTypes.PaymentTermsTemplate, 'id' | 'name' | 'dueInDays' | 'paymentTermsType'>> }> }
      )>, pageInfo: Pick<AdminTypes.PageInfo, 'hasNextPage' | 'endCursor'> } }> };

export type CompanyUpdateFromErpMutationVariables = AdminTypes.Exact<{
  companyId: AdminTypes.Scalars['ID']['input'];
  input: AdminTypes.CompanyInput;
}>;


export type CompanyUpdateFromErpMutation = { companyUpdate?: AdminTypes.Maybe<{ company?: AdminTypes.Maybe<Pick<AdminTypes.Company, 'id' | 'updatedAt'>>, userErrors: Array<Pick<AdminTypes.BusinessCustomerUserError, 'field' | 'message' | 'code'>> }> };

export type CompanyLocationAddressFromErpMutationVariables = AdminTypes.Exact<{
  locationId: AdminTypes.Scalars['ID']['input'];
  address: AdminTypes.CompanyAddressInput;
  addressTypes: Array<AdminTypes.CompanyAddressType> | AdminTypes.CompanyAddressType;
}>;


export type CompanyLocationAddressFromErpMutation = { companyLocationAssignAddress?: AdminTypes.Maybe<{ addresses?: AdminTypes.Maybe<Array<Pick<AdminTypes.CompanyAddress, 'id'>>>, userErrors: Array<Pick<AdminTypes.BusinessCustomerUserError, 'field' | 'message' | 'code'>> }> };

export type CompanyCreateFromErpMutationVariables = AdminTypes.Exact<{
  input: AdminTypes.CompanyCreateInput;
}>;


export type CompanyCreateFromErpMutation = { companyCreate?: AdminTypes.Maybe<{ company?: AdminTypes.Maybe<(
      Pick<AdminTypes.Company, 'id' | 'name' | 'updatedAt'>
      & { mainContact?: AdminTypes.Maybe<Pick<AdminTypes.CompanyContact, 'id'>>, contactRoles: { nodes: Array<Pick<AdminTypes.CompanyContactRole, 'id' | 'name'>> }, locations: { nodes: Array<Pick<AdminTypes.CompanyLocation, 'id' | 'name'>> } }
    )>, userErrors: Array<Pick<AdminTypes.BusinessCustomerUserError, 'field' | 'message' | 'code'>> }> };

export type CompanyContactRoleFromErpMutationVariables = AdminTypes.Exact<{
  companyContactId: AdminTypes.Scalars['ID']['input'];
  companyContactRoleId: AdminTypes.Scalars['ID']['input'];
  companyLocationId: AdminTypes.Scalars['ID']['input'];
}>;


export type CompanyContactRoleFromErpMutation = { companyContactAssignRole?: AdminTypes.Maybe<{ companyContactRoleAssignment?: AdminTypes.Maybe<Pick<AdminTypes.CompanyContactRoleAssignment, 'id'>>, userErrors: Array<Pick<AdminTypes.BusinessCustomerUserError, 'field' | 'message' | 'code'>> }> };

export type CompaniesOfLocationsQueryVariables = AdminTypes.Exact<{
  ids: Array<AdminTypes.Scalars['ID']['input']> | AdminTypes.Scalars['ID']['input'];
}>;


export type CompaniesOfLocationsQuery = { nodes: Array<AdminTypes.Maybe<(
    Pick<AdminTypes.CompanyLocation, 'id'>
    & { company: Pick<AdminTypes.Company, 'id'> }
  )>> };

export type CompanyByExternalIdQueryVariables = AdminTypes.Exact<{
  query: AdminTypes.Scalars['String']['input'];
}>;


export type CompanyByExternalIdQuery = { companies: { nodes: Array<Pick<AdminTypes.Company, 'id' | 'externalId'>> } };

export type CompanyContactFromErpMutationVariables = AdminTypes.Exact<{
  companyId: AdminTypes.Scalars['ID']['input'];
  input: AdminTypes.CompanyContactInput;
}>;


export type CompanyContactFromErpMutation = { companyContactCreate?: AdminTypes.Maybe<{ companyContact?: AdminTypes.Maybe<Pick<AdminTypes.CompanyContact, 'id'>>, userErrors: Array<Pick<AdminTypes.BusinessCustomerUserError, 'field' | 'message' | 'code'>> }> };

export type CompanyMainContactFromErpMutationVariables = AdminTypes.Exact<{
  companyId: AdminTypes.Scalars['ID']['input'];
  companyContactId: AdminTypes.Scalars['ID']['input'];
}>;


export type CompanyMainContactFromErpMutation = { companyAssignMainContact?: AdminTypes.Maybe<{ company?: AdminTypes.Maybe<Pick<AdminTypes.Company, 'id'>>, userErrors: Array<Pick<AdminTypes.BusinessCustomerUserError, 'field' | 'message' | 'code'>> }> };

export type CustomersChangedQueryVariables = AdminTypes.Exact<{
  first: AdminTypes.Scalars['Int']['input'];
  after?: AdminTypes.InputMaybe<AdminTypes.Scalars['String']['input']>;
  query?: AdminTypes.InputMaybe<AdminTypes.Scalars['String']['input']>;
}>;


export type CustomersChangedQuery = { customers: { nodes: Array<(
      Pick<AdminTypes.Customer, 'id' | 'firstName' | 'lastName' | 'updatedAt' | 'taxExempt'>
      & { defaultEmailAddress?: AdminTypes.Maybe<Pick<AdminTypes.CustomerEmailAddress, 'emailAddress' | 'marketingState'>>, defaultPhoneNumber?: AdminTypes.Maybe<Pick<AdminTypes.CustomerPhoneNumber, 'phoneNumber' | 'marketingState'>>, defaultAddress?: AdminTypes.Maybe<Pick<AdminTypes.MailingAddress, 'id' | 'firstName' | 'lastName' | 'company' | 'address1' | 'address2' | 'city' | 'zip' | 'province' | 'provinceCode' | 'countryCodeV2' | 'phone'>> }
    )>, pageInfo: Pick<AdminTypes.PageInfo, 'hasNextPage' | 'endCursor'> } };

export type CustomersByIdQueryVariables = AdminTypes.Exact<{
  ids: Array<AdminTypes.Scalars['ID']['input']> | AdminTypes.Scalars['ID']['input'];
}>;


export type CustomersByIdQuery = { nodes: Array<AdminTypes.Maybe<(
    Pick<AdminTypes.Customer, 'id' | 'firstName' | 'lastName' | 'updatedAt' | 'taxExempt'>
    & { defaultEmailAddress?: AdminTypes.Maybe<Pick<AdminTypes.CustomerEmailAddress, 'emailAddress' | 'marketingState'>>, defaultPhoneNumber?: AdminTypes.Maybe<Pick<AdminTypes.CustomerPhoneNumber, 'phoneNumber' | 'marketingState'>>, defaultAddress?: AdminTypes.Maybe<Pick<AdminTypes.MailingAddress, 'id' | 'firstName' | 'lastName' | 'company' | 'address1' | 'address2' | 'city' | 'zip' | 'province' | 'provinceCode' | 'countryCodeV2' | 'phone'>> }
  )>> };

export type CustomersBulkQueryVariables = AdminTypes.Exact<{ [key: string]: never; }>;


export type CustomersBulkQuery = { customers: { edges: Array<{ node: (
        Pick<AdminTypes.Customer, 'id' | 'firstName' | 'lastName' | 'updatedAt' | 'taxExempt'>
        & { defaultEmailAddress?: AdminTypes.Maybe<Pick<AdminTypes.CustomerEmailAddress, 'emailAddress' | 'marketingState'>>, defaultPhoneNumber?: AdminTypes.Maybe<Pick<AdminTypes.CustomerPhoneNumber, 'phoneNumber' | 'marketingState'>>, defaultAddress?: AdminTypes.Maybe<Pick<AdminTypes.MailingAddress, 'id' | 'firstName' | 'lastName' | 'company' | 'address1' | 'address2' | 'city' | 'zip' | 'province' | 'provinceCode' | 'countryCodeV2' | 'phone'>> }
      ) }> } };

export type CustomerUpdateFromErpMutationVariables = AdminTypes.Exact<{
  input: AdminTypes.CustomerInput;
}>;


export type CustomerUpdateFromErpMutation = { customerUpdate?: AdminTypes.Maybe<{ customer?: AdminTypes.Maybe<(
      Pick<AdminTypes.Customer, 'id' | 'firstName' | 'lastName' | 'updatedAt' | 'taxExempt'>
      & { defaultEmailAddress?: AdminTypes.Maybe<Pick<AdminTypes.CustomerEmailAddress, 'emailAddress' | 'marketingState'>>, defaultPhoneNumber?: AdminTypes.Maybe<Pick<AdminTypes.CustomerPhoneNumber, 'phoneNumber' | 'marketingState'>>, defaultAddress?: AdminTypes.Maybe<Pick<AdminTypes.MailingAddress, 'id' | 'firstName' | 'lastName' | 'company' | 'address1' | 'address2' | 'city' | 'zip' | 'province' | 'provinceCode' | 'countryCodeV2' | 'phone'>> }
    )>, userErrors: Array<Pick<AdminTypes.UserError, 'field' | 'message'>> }> };

export type CustomerAddressFromErpMutationVariables = AdminTypes.Exact<{
  customerId: AdminTypes.Scalars['ID']['input'];
  addressId: AdminTypes.Scalars['ID']['input'];
  address: AdminTypes.MailingAddressInput;
}>;


export type CustomerAddressFromErpMutation = { customerAddressUpdate?: AdminTypes.Maybe<{ address?: AdminTypes.Maybe<Pick<AdminTypes.MailingAddress, 'id'>>, userErrors: Array<Pick<AdminTypes.UserError, 'field' | 'message'>> }> };

export type CustomerAddressNewFromErpMutationVariables = AdminTypes.Exact<{
  customerId: AdminTypes.Scalars['ID']['input'];
  address: AdminTypes.MailingAddressInput;
}>;


export type CustomerAddressNewFromErpMutation = { customerAddressCreate?: AdminTypes.Maybe<{ address?: AdminTypes.Maybe<Pick<AdminTypes.MailingAddress, 'id'>>, userErrors: Array<Pick<AdminTypes.UserError, 'field' | 'message'>> }> };

export type CustomerCreateFromErpMutationVariables = AdminTypes.Exact<{
  input: AdminTypes.CustomerInput;
}>;


export type CustomerCreateFromErpMutation = { customerCreate?: AdminTypes.Maybe<{ customer?: AdminTypes.Maybe<(
      Pick<AdminTypes.Customer, 'id' | 'firstName' | 'lastName' | 'updatedAt' | 'taxExempt'>
      & { defaultEmailAddress?: AdminTypes.Maybe<Pick<AdminTypes.CustomerEmailAddress, 'emailAddress' | 'marketingState'>>, defaultPhoneNumber?: AdminTypes.Maybe<Pick<AdminTypes.CustomerPhoneNumber, 'phoneNumber' | 'marketingState'>>, defaultAddress?: AdminTypes.Maybe<Pick<AdminTypes.MailingAddress, 'id' | 'firstName' | 'lastName' | 'company' | 'address1' | 'address2' | 'city' | 'zip' | 'province' | 'provinceCode' | 'countryCodeV2' | 'phone'>> }
    )>, userErrors: Array<Pick<AdminTypes.UserError, 'field' | 'message'>> }> };

export type CustomerByEmailQueryVariables = AdminTypes.Exact<{
  query: AdminTypes.Scalars['String']['input'];
}>;


export type CustomerByEmailQuery = { customers: { nodes: Array<(
      Pick<AdminTypes.Customer, 'id' | 'firstName' | 'lastName' | 'updatedAt' | 'taxExempt'>
      & { defaultEmailAddress?: AdminTypes.Maybe<Pick<AdminTypes.CustomerEmailAddress, 'emailAddress' | 'marketingState'>>, defaultPhoneNumber?: AdminTypes.Maybe<Pick<AdminTypes.CustomerPhoneNumber, 'phoneNumber' | 'marketingState'>>, defaultAddress?: AdminTypes.Maybe<Pick<AdminTypes.MailingAddress, 'id' | 'firstName' | 'lastName' | 'company' | 'address1' | 'address2' | 'city' | 'zip' | 'province' | 'provinceCode' | 'countryCodeV2' | 'phone'>> }
    )> } };

export type OrderFulfillmentOrdersQueryVariables = AdminTypes.Exact<{
  id: AdminTypes.Scalars['ID']['input'];
}>;


export type OrderFulfillmentOrdersQuery = { order?: AdminTypes.Maybe<(
    Pick<AdminTypes.Order, 'id' | 'name' | 'cancelledAt' | 'closed' | 'displayFinancialStatus' | 'displayFulfillmentStatus'>
    & { fulfillmentOrders: { nodes: Array<(
        Pick<AdminTypes.FulfillmentOrder, 'id' | 'status' | 'requestStatus'>
        & { assignedLocation: { location?: AdminTypes.Maybe<(
            Pick<AdminTypes.Location, 'id' | 'name'>
            & { fulfillmentService?: AdminTypes.Maybe<Pick<AdminTypes.FulfillmentService, 'handle' | 'serviceName'>> }
          )> }, lineItems: { nodes: Array<(
            Pick<AdminTypes.FulfillmentOrderLineItem, 'id' | 'remainingQuantity'>
            & { lineItem: Pick<AdminTypes.LineItem, 'id'> }
          )>, pageInfo: Pick<AdminTypes.PageInfo, 'hasNextPage' | 'endCursor'> } }
      )>, pageInfo: Pick<AdminTypes.PageInfo, 'hasNextPage'> } }
  )> };

export type FulfillmentOrderLinesQueryVariables = AdminTypes.Exact<{
  id: AdminTypes.Scalars['ID']['input'];
  after?: AdminTypes.InputMaybe<AdminTypes.Scalars['String']['input']>;
}>;


export type FulfillmentOrderLinesQuery = { fulfillmentOrder?: AdminTypes.Maybe<{ lineItems: { nodes: Array<(
        Pick<AdminTypes.FulfillmentOrderLineItem, 'id' | 'remainingQuantity'>
        & { lineItem: Pick<AdminTypes.LineItem, 'id'> }
      )>, pageInfo: Pick<AdminTypes.PageInfo, 'hasNextPage' | 'endCursor'> } }> };

export type OrderFulfillmentsQueryVariables = AdminTypes.Exact<{
  id: AdminTypes.Scalars['ID']['input'];
}>;


export type OrderFulfillmentsQuery = { order?: AdminTypes.Maybe<(
    Pick<AdminTypes.Order, 'id'>
    & { fulfillments: Array<(
      Pick<AdminTypes.Fulfillment, 'id' | 'status'>
      & { location?: AdminTypes.Maybe<Pick<AdminTypes.Location, 'id'>> }
    )> }
  )> };

export type FulfillmentLinesQueryVariables = AdminTypes.Exact<{
  id: AdminTypes.Scalars['ID']['input'];
}>;


export type FulfillmentLinesQuery = { fulfillment?: AdminTypes.Maybe<{ fulfillmentLineItems: { nodes: Array<(
        Pick<AdminTypes.FulfillmentLineItem, 'quantity'>
        & { lineItem: Pick<AdminTypes.LineItem, 'id'> }
      )> } }> };

export type ShipmentFulfillmentCreateMutationVariables = AdminTypes.Exact<{
  fulfillment: AdminTypes.FulfillmentInput;
}>;


export type ShipmentFulfillmentCreateMutation = { fulfillmentCreate?: AdminTypes.Maybe<{ fulfillment?: AdminTypes.Maybe<Pick<AdminTypes.Fulfillment, 'id' | 'status'>>, userErrors: Array<Pick<AdminTypes.UserError, 'field' | 'message'>> }> };

export type FulfillmentRequestAcceptMutationVariables = AdminTypes.Exact<{
  id: AdminTypes.Scalars['ID']['input'];
  message?: AdminTypes.InputMaybe<AdminTypes.Scalars['String']['input']>;
}>;


export type FulfillmentRequestAcceptMutation = { fulfillmentOrderAcceptFulfillmentRequest?: AdminTypes.Maybe<{ fulfillmentOrder?: AdminTypes.Maybe<Pick<AdminTypes.FulfillmentOrder, 'id' | 'requestStatus'>>, userErrors: Array<Pick<AdminTypes.UserError, 'field' | 'message'>> }> };

export type ProcessedOrderCloseMutationVariables = AdminTypes.Exact<{
  input: AdminTypes.OrderCloseInput;
}>;


export type ProcessedOrderCloseMutation = { orderClose?: AdminTypes.Maybe<{ order?: AdminTypes.Maybe<Pick<AdminTypes.Order, 'id' | 'closed'>>, userErrors: Array<Pick<AdminTypes.UserError, 'field' | 'message'>> }> };

export type InventoryOfVariantsQueryVariables = AdminTypes.Exact<{
  ids: Array<AdminTypes.Scalars['ID']['input']> | AdminTypes.Scalars['ID']['input'];
}>;


export type InventoryOfVariantsQuery = { nodes: Array<AdminTypes.Maybe<(
    Pick<AdminTypes.ProductVariant, 'id'>
    & { inventoryItem: (
      Pick<AdminTypes.InventoryItem, 'id' | 'tracked'>
      & { inventoryLevels: { nodes: Array<(
          Pick<AdminTypes.InventoryLevel, 'updatedAt'>
          & { location: Pick<AdminTypes.Location, 'id'>, quantities: Array<Pick<AdminTypes.InventoryQuantity, 'name' | 'quantity'>> }
        )> } }
    ) }
  )>> };

export type InventorySetFromErpMutationVariables = AdminTypes.Exact<{
  input: AdminTypes.InventorySetQuantitiesInput;
  key: AdminTypes.Scalars['String']['input'];
}>;


export type InventorySetFromErpMutation = { inventorySetQuantities?: AdminTypes.Maybe<{ inventoryAdjustmentGroup?: AdminTypes.Maybe<(
      Pick<AdminTypes.InventoryAdjustmentGroup, 'id' | 'createdAt'>
      & { changes: Array<(
        Pick<AdminTypes.InventoryChange, 'name' | 'delta' | 'quantityAfterChange'>
        & { item?: AdminTypes.Maybe<Pick<AdminTypes.InventoryItem, 'id'>>, location?: AdminTypes.Maybe<Pick<AdminTypes.Location, 'id'>> }
      )> }
    )>, userErrors: Array<Pick<AdminTypes.InventorySetQuantitiesUserError, 'field' | 'message' | 'code'>> }> };

export type InventoryActivateAtLocationMutationVariables = AdminTypes.Exact<{
  inventoryItemId: AdminTypes.Scalars['ID']['input'];
  locationId: AdminTypes.Scalars['ID']['input'];
  available?: AdminTypes.InputMaybe<AdminTypes.Scalars['Int']['input']>;
  onHand?: AdminTypes.InputMaybe<AdminTypes.Scalars['Int']['input']>;
  key: AdminTypes.Scalars['String']['input'];
}>;


export type InventoryActivateAtLocationMutation = { inventoryActivate?: AdminTypes.Maybe<{ inventoryLevel?: AdminTypes.Maybe<(
      Pick<AdminTypes.InventoryLevel, 'id' | 'updatedAt'>
      & { quantities: Array<Pick<AdminTypes.InventoryQuantity, 'name' | 'quantity'>> }
    )>, userErrors: Array<Pick<AdminTypes.UserError, 'field' | 'message'>> }> };

export type BulkQueryRunMutationVariables = AdminTypes.Exact<{
  query: AdminTypes.Scalars['String']['input'];
}>;


export type BulkQueryRunMutation = { bulkOperationRunQuery?: AdminTypes.Maybe<{ bulkOperation?: AdminTypes.Maybe<Pick<AdminTypes.BulkOperation, 'id' | 'status'>>, userErrors: Array<Pick<AdminTypes.BulkOperationUserError, 'field' | 'message' | 'code'>> }> };

export type BulkInventoryLevelsQueryVariables = AdminTypes.Exact<{ [key: string]: never; }>;


export type BulkInventoryLevelsQuery = { productVariants: { edges: Array<{ node: (
        Pick<AdminTypes.ProductVariant, 'id'>
        & { inventoryItem: (
          Pick<AdminTypes.InventoryItem, 'id' | 'tracked'>
          & { inventoryLevels: { edges: Array<{ node: (
                Pick<AdminTypes.InventoryLevel, 'updatedAt'>
                & { item: Pick<AdminTypes.InventoryItem, 'id'>, location: Pick<AdminTypes.Location, 'id'>, quantities: Array<Pick<AdminTypes.InventoryQuantity, 'name' | 'quantity'>> }
              ) }> } }
        ) }
      ) }> } };

export type StagedUploadMutationVariables = AdminTypes.Exact<{
  input: Array<AdminTypes.StagedUploadInput> | AdminTypes.StagedUploadInput;
}>;


export type StagedUploadMutation = { stagedUploadsCreate?: AdminTypes.Maybe<{ stagedTargets?: AdminTypes.Maybe<Array<(
      Pick<AdminTypes.StagedMediaUploadTarget, 'url' | 'resourceUrl'>
      & { parameters: Array<Pick<AdminTypes.StagedUploadParameter, 'name' | 'value'>> }
    )>>, userErrors: Array<Pick<AdminTypes.UserError, 'field' | 'message'>> }> };

export type ProductImageCreateMutationVariables = AdminTypes.Exact<{
  files: Array<AdminTypes.FileCreateInput> | AdminTypes.FileCreateInput;
}>;


export type ProductImageCreateMutation = { fileCreate?: AdminTypes.Maybe<{ files?: AdminTypes.Maybe<Array<Pick<AdminTypes.ExternalVideo, 'id' | 'fileStatus'> | Pick<AdminTypes.GenericFile, 'id' | 'fileStatus'> | Pick<AdminTypes.MediaImage, 'id' | 'fileStatus'> | Pick<AdminTypes.Model3d, 'id' | 'fileStatus'> | Pick<AdminTypes.Video, 'id' | 'fileStatus'>>>, userErrors: Array<Pick<AdminTypes.FilesUserError, 'field' | 'message' | 'code'>> }> };

export type ProductImageStatusQueryVariables = AdminTypes.Exact<{
  id: AdminTypes.Scalars['ID']['input'];
}>;


export type ProductImageStatusQuery = { node?: AdminTypes.Maybe<(
    Pick<AdminTypes.MediaImage, 'id' | 'fileStatus'>
    & { fileErrors: Array<Pick<AdminTypes.FileError, 'message'>> }
  )> };

export type ProductImageAttachMutationVariables = AdminTypes.Exact<{
  files: Array<AdminTypes.FileUpdateInput> | AdminTypes.FileUpdateInput;
}>;


export type ProductImageAttachMutation = { fileUpdate?: AdminTypes.Maybe<{ files?: AdminTypes.Maybe<Array<Pick<AdminTypes.ExternalVideo, 'id'> | Pick<AdminTypes.GenericFile, 'id'> | Pick<AdminTypes.MediaImage, 'id'> | Pick<AdminTypes.Model3d, 'id'> | Pick<AdminTypes.Video, 'id'>>>, userErrors: Array<Pick<AdminTypes.FilesUserError, 'field' | 'message' | 'code'>> }> };

export type ProductImageDeleteMutationVariables = AdminTypes.Exact<{
  fileIds: Array<AdminTypes.Scalars['ID']['input']> | AdminTypes.Scalars['ID']['input'];
}>;


export type ProductImageDeleteMutation = { fileDelete?: AdminTypes.Maybe<(
    Pick<AdminTypes.FileDeletePayload, 'deletedFileIds'>
    & { userErrors: Array<Pick<AdminTypes.FilesUserError, 'field' | 'message' | 'code'>> }
  )> };

export type VariantPicturesQueryVariables = AdminTypes.Exact<{
  ids: Array<AdminTypes.Scalars['ID']['input']> | AdminTypes.Scalars['ID']['input'];
}>;


export type VariantPicturesQuery = { nodes: Array<AdminTypes.Maybe<(
    Pick<AdminTypes.ProductVariant, 'id'>
    & { media: { nodes: Array<Pick<AdminTypes.ExternalVideo, 'id'> | Pick<AdminTypes.MediaImage, 'id'> | Pick<AdminTypes.Model3d, 'id'> | Pick<AdminTypes.Video, 'id'>> } }
  )>> };

export type VariantPictureAttachMutationVariables = AdminTypes.Exact<{
  productId: AdminTypes.Scalars['ID']['input'];
  variantMedia: Array<AdminTypes.ProductVariantAppendMediaInput> | AdminTypes.ProductVariantAppendMediaInput;
}>;


export type VariantPictureAttachMutation = { productVariantAppendMedia?: AdminTypes.Maybe<{ productVariants?: AdminTypes.Maybe<Array<Pick<AdminTypes.ProductVariant, 'id'>>>, userErrors: Array<Pick<AdminTypes.MediaUserError, 'field' | 'message' | 'code'>> }> };

export type ProductImagesUpdatedSinceQueryVariables = AdminTypes.Exact<{
  query?: AdminTypes.InputMaybe<AdminTypes.Scalars['String']['input']>;
  after?: AdminTypes.InputMaybe<AdminTypes.Scalars['String']['input']>;
}>;


export type ProductImagesUpdatedSinceQuery = { products: { pageInfo: Pick<AdminTypes.PageInfo, 'hasNextPage' | 'endCursor'>, nodes: Array<(
      Pick<AdminTypes.Product, 'id' | 'title' | 'updatedAt'>
      & { featuredMedia?: AdminTypes.Maybe<Pick<AdminTypes.ExternalVideo, 'id' | 'status'> | (
        Pick<AdminTypes.MediaImage, 'updatedAt' | 'mimeType' | 'id' | 'status'>
        & { image?: AdminTypes.Maybe<Pick<AdminTypes.Image, 'url'>> }
      ) | Pick<AdminTypes.Model3d, 'id' | 'status'> | Pick<AdminTypes.Video, 'id' | 'status'>> }
    )> } };

export type ProductImagesByIdQueryVariables = AdminTypes.Exact<{
  ids: Array<AdminTypes.Scalars['ID']['input']> | AdminTypes.Scalars['ID']['input'];
}>;


export type ProductImagesByIdQuery = { nodes: Array<AdminTypes.Maybe<(
    Pick<AdminTypes.Product, 'id' | 'title' | 'updatedAt'>
    & { featuredMedia?: AdminTypes.Maybe<Pick<AdminTypes.ExternalVideo, 'id' | 'status'> | (
      Pick<AdminTypes.MediaImage, 'updatedAt' | 'mimeType' | 'id' | 'status'>
      & { image?: AdminTypes.Maybe<Pick<AdminTypes.Image, 'url'>> }
    ) | Pick<AdminTypes.Model3d, 'id' | 'status'> | Pick<AdminTypes.Video, 'id' | 'status'>> }
  )>> };

export type OrderForImportQueryVariables = AdminTypes.Exact<{
  id: AdminTypes.Scalars['ID']['input'];
}>;


export type OrderForImportQuery = { order?: AdminTypes.Maybe<(
    Pick<AdminTypes.Order, 'id' | 'name' | 'createdAt' | 'updatedAt' | 'processedAt' | 'cancelledAt' | 'closed' | 'test' | 'email' | 'phone' | 'currencyCode' | 'presentmentCurrencyCode' | 'taxesIncluded' | 'displayFinancialStatus' | 'displayFulfillmentStatus' | 'sourceName' | 'tags' | 'note' | 'discountCodes'>
    & { app?: AdminTypes.Maybe<Pick<AdminTypes.OrderApp, 'name'>>, retailLocation?: AdminTypes.Maybe<Pick<AdminTypes.Location, 'id'>>, risk: (
      Pick<AdminTypes.OrderRiskSummary, 'recommendation'>
      & { assessments: Array<Pick<AdminTypes.OrderRiskAssessment, 'riskLevel'>> }
    ), customAttributes: Array<Pick<AdminTypes.Attribute, 'key' | 'value'>>, purchasingEntity?: AdminTypes.Maybe<{ __typename: 'Customer' } | (
      { __typename: 'PurchasingCompany' }
      & { company: Pick<AdminTypes.Company, 'id' | 'name'>, location: Pick<AdminTypes.CompanyLocation, 'id' | 'name'> }
    )>, customer?: AdminTypes.Maybe<(
      Pick<AdminTypes.Customer, 'id' | 'firstName' | 'lastName'>
      & { defaultEmailAddress?: AdminTypes.Maybe<Pick<AdminTypes.CustomerEmailAddress, 'emailAddress'>>, defaultPhoneNumber?: AdminTypes.Maybe<Pick<AdminTypes.CustomerPhoneNumber, 'phoneNumber'>> }
    )>, billingAddress?: AdminTypes.Maybe<Pick<AdminTypes.MailingAddress, 'firstName' | 'lastName' | 'company' | 'address1' | 'address2' | 'city' | 'zip' | 'provinceCode' | 'countryCodeV2' | 'phone'>>, shippingAddress?: AdminTypes.Maybe<Pick<AdminTypes.MailingAddress, 'firstName' | 'lastName' | 'company' | 'address1' | 'address2' | 'city' | 'zip' | 'provinceCode' | 'countryCodeV2' | 'phone'>>, currentSubtotalPriceSet: { shopMoney: Pick<AdminTypes.MoneyV2, 'amount'>, presentmentMoney: Pick<AdminTypes.MoneyV2, 'amount'> }, currentTotalTaxSet: { shopMoney: Pick<AdminTypes.MoneyV2, 'amount'>, presentmentMoney: Pick<AdminTypes.MoneyV2, 'amount'> }, currentTotalDiscountsSet: { shopMoney: Pick<AdminTypes.MoneyV2, 'amount'>, presentmentMoney: Pick<AdminTypes.MoneyV2, 'amount'> }, currentShippingPriceSet: { shopMoney: Pick<AdminTypes.MoneyV2, 'amount'>, presentmentMoney: Pick<AdminTypes.MoneyV2, 'amount'> }, currentTotalPriceSet: { shopMoney: Pick<AdminTypes.MoneyV2, 'amount'>, presentmentMoney: Pick<AdminTypes.MoneyV2, 'amount'> }, shippingLines: { nodes: Array<(
        Pick<AdminTypes.ShippingLine, 'title' | 'code'>
        & { originalPriceSet: { shopMoney: Pick<AdminTypes.MoneyV2, 'amount'>, presentmentMoney: Pick<AdminTypes.MoneyV2, 'amount'> }, currentDiscountedPriceSet: { shopMoney: Pick<AdminTypes.MoneyV2, 'amount'>, presentmentMoney: Pick<AdminTypes.MoneyV2, 'amount'> }, discountAllocations: Array<{ allocatedAmountSet: { shopMoney: Pick<AdminTypes.MoneyV2, 'amount'>, presentmentMoney: Pick<AdminTypes.MoneyV2, 'amount'> } }>, taxLines: Array<(
          Pick<AdminTypes.TaxLine, 'title' | 'rate'>
          & { priceSet: { shopMoney: Pick<AdminTypes.MoneyV2, 'amount'>, presentmentMoney: Pick<AdminTypes.MoneyV2, 'amount'> } }
        )> }
      )> }, transactions: Array<(
      Pick<AdminTypes.OrderTransaction, 'id' | 'kind' | 'status' | 'gateway' | 'processedAt'>
      & { amountSet: { shopMoney: Pick<AdminTypes.MoneyV2, 'amount'>, presentmentMoney: Pick<AdminTypes.MoneyV2, 'amount'> } }
    )>, lineItems: { pageInfo: Pick<AdminTypes.PageInfo, 'hasNextPage' | 'endCursor'>, nodes: Array<(
        Pick<AdminTypes.LineItem, 'id' | 'sku' | 'title' | 'variantTitle' | 'quantity' | 'currentQuantity' | 'requiresShipping' | 'isGiftCard'>
        & { variant?: AdminTypes.Maybe<Pick<AdminTypes.ProductVariant, 'id' | 'barcode'>>, product?: AdminTypes.Maybe<Pick<AdminTypes.Product, 'id'>>, originalUnitPriceSet: { shopMoney: Pick<AdminTypes.MoneyV2, 'amount'>, presentmentMoney: Pick<AdminTypes.MoneyV2, 'amount'> }, discountAllocations: Array<{ allocatedAmountSet: { shopMoney: Pick<AdminTypes.MoneyV2, 'amount'>, presentmentMoney: Pick<AdminTypes.MoneyV2, 'amount'> } }>, taxLines: Array<(
          Pick<AdminTypes.TaxLine, 'title' | 'rate'>
          & { priceSet: { shopMoney: Pick<AdminTypes.MoneyV2, 'amount'>, presentmentMoney: Pick<AdminTypes.MoneyV2, 'amount'> } }
        )> }
      )> } }
  )> };

export type OrderLineItemsQueryVariables = AdminTypes.Exact<{
  id: AdminTypes.Scalars['ID']['input'];
  after?: AdminTypes.InputMaybe<AdminTypes.Scalars['String']['input']>;
}>;


export type OrderLineItemsQuery = { order?: AdminTypes.Maybe<{ lineItems: { pageInfo: Pick<AdminTypes.PageInfo, 'hasNextPage' | 'endCursor'>, nodes: Array<(
        Pick<AdminTypes.LineItem, 'id' | 'sku' | 'title' | 'variantTitle' | 'quantity' | 'currentQuantity' | 'requiresShipping' | 'isGiftCard'>
        & { variant?: AdminTypes.Maybe<Pick<AdminTypes.ProductVariant, 'id' | 'barcode'>>, product?: AdminTypes.Maybe<Pick<AdminTypes.Product, 'id'>>, originalUnitPriceSet: { shopMoney: Pick<AdminTypes.MoneyV2, 'amount'>, presentmentMoney: Pick<AdminTypes.MoneyV2, 'amount'> }, discountAllocations: Array<{ allocatedAmountSet: { shopMoney: Pick<AdminTypes.MoneyV2, 'amount'>, presentmentMoney: Pick<AdminTypes.MoneyV2, 'amount'> } }>, taxLines: Array<(
          Pick<AdminTypes.TaxLine, 'title' | 'rate'>
          & { priceSet: { shopMoney: Pick<AdminTypes.MoneyV2, 'amount'>, presentmentMoney: Pick<AdminTypes.MoneyV2, 'amount'> } }
        )> }
      )> } }> };

export type OrdersUpdatedSinceQueryVariables = AdminTypes.Exact<{
  query: AdminTypes.Scalars['String']['input'];
  after?: AdminTypes.InputMaybe<AdminTypes.Scalars['String']['input']>;
}>;


export type OrdersUpdatedSinceQuery = { orders: { pageInfo: Pick<AdminTypes.PageInfo, 'hasNextPage' | 'endCursor'>, nodes: Array<Pick<AdminTypes.Order, 'id' | 'updatedAt'>> } };

export type OrderLineLocationsQueryVariables = AdminTypes.Exact<{
  id: AdminTypes.Scalars['ID']['input'];
}>;


export type OrderLineLocationsQuery = { order?: AdminTypes.Maybe<{ fulfillmentOrders: { nodes: Array<{ assignedLocation: { location?: AdminTypes.Maybe<Pick<AdminTypes.Location, 'id'>> }, lineItems: { nodes: Array<{ lineItem: Pick<AdminTypes.LineItem, 'id'> }> } }> } }> };

export type OrdersWithTransactionsQueryVariables = AdminTypes.Exact<{
  first: AdminTypes.Scalars['Int']['input'];
  after?: AdminTypes.InputMaybe<AdminTypes.Scalars['String']['input']>;
  query?: AdminTypes.InputMaybe<AdminTypes.Scalars['String']['input']>;
}>;


export type OrdersWithTransactionsQuery = { orders: { nodes: Array<(
      Pick<AdminTypes.Order, 'id' | 'updatedAt'>
      & { transactions: Array<(
        Pick<AdminTypes.OrderTransaction, 'id' | 'kind' | 'status' | 'gateway' | 'processedAt'>
        & { paymentDetails?: AdminTypes.Maybe<Pick<AdminTypes.CardPaymentDetails, 'company'>>, amountSet: { shopMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'>, presentmentMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'> } }
      )> }
    )>, pageInfo: Pick<AdminTypes.PageInfo, 'hasNextPage' | 'endCursor'> } };

export type PayoutsQueryVariables = AdminTypes.Exact<{
  first: AdminTypes.Scalars['Int']['input'];
  after?: AdminTypes.InputMaybe<AdminTypes.Scalars['String']['input']>;
  query?: AdminTypes.InputMaybe<AdminTypes.Scalars['String']['input']>;
}>;


export type PayoutsQuery = { shopifyPaymentsAccount?: AdminTypes.Maybe<{ payouts: { nodes: Array<(
        Pick<AdminTypes.ShopifyPaymentsPayout, 'id' | 'legacyResourceId' | 'status' | 'issuedAt' | 'transactionType'>
        & { net: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'> }
      )>, pageInfo: Pick<AdminTypes.PageInfo, 'hasNextPage' | 'endCursor'> } }> };

export type PayoutTransactionsQueryVariables = AdminTypes.Exact<{
  first: AdminTypes.Scalars['Int']['input'];
  after?: AdminTypes.InputMaybe<AdminTypes.Scalars['String']['input']>;
  query?: AdminTypes.InputMaybe<AdminTypes.Scalars['String']['input']>;
}>;


export type PayoutTransactionsQuery = { shopifyPaymentsAccount?: AdminTypes.Maybe<{ balanceTransactions: { nodes: Array<(
        Pick<AdminTypes.ShopifyPaymentsBalanceTransaction, 'id' | 'type' | 'transactionDate' | 'sourceOrderTransactionId'>
        & { amount: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'>, fee: Pick<AdminTypes.MoneyV2, 'amount'>, net: Pick<AdminTypes.MoneyV2, 'amount'>, associatedOrder?: AdminTypes.Maybe<Pick<AdminTypes.ShopifyPaymentsAssociatedOrder, 'id' | 'name'>>, associatedPayout: Pick<AdminTypes.ShopifyPaymentsBalanceTransactionAssociatedPayout, 'id'> }
      )>, pageInfo: Pick<AdminTypes.PageInfo, 'hasNextPage' | 'endCursor'> } }> };

export type ProductSetFromErpMutationVariables = AdminTypes.Exact<{
  identifier?: AdminTypes.InputMaybe<AdminTypes.ProductSetIdentifiers>;
  input: AdminTypes.ProductSetInput;
  synchronous: AdminTypes.Scalars['Boolean']['input'];
}>;


export type ProductSetFromErpMutation = { productSet?: AdminTypes.Maybe<{ product?: AdminTypes.Maybe<(
      Pick<AdminTypes.Product, 'id' | 'handle'>
      & { variants: { nodes: Array<Pick<AdminTypes.ProductVariant, 'id' | 'sku'>> } }
    )>, productSetOperation?: AdminTypes.Maybe<Pick<AdminTypes.ProductSetOperation, 'id' | 'status'>>, userErrors: Array<Pick<AdminTypes.ProductSetUserError, 'field' | 'message' | 'code'>> }> };

export type ProductSetOperationStateQueryVariables = AdminTypes.Exact<{
  id: AdminTypes.Scalars['ID']['input'];
}>;


export type ProductSetOperationStateQuery = { productOperation?: AdminTypes.Maybe<(
    Pick<AdminTypes.ProductBundleOperation, 'status'>
    & { product?: AdminTypes.Maybe<(
      Pick<AdminTypes.Product, 'id' | 'handle'>
      & { variants: { nodes: Array<Pick<AdminTypes.ProductVariant, 'id' | 'sku'>> } }
    )> }
  ) | (
    Pick<AdminTypes.ProductDeleteOperation, 'status'>
    & { product?: AdminTypes.Maybe<(
      Pick<AdminTypes.Product, 'id' | 'handle'>
      & { variants: { nodes: Array<Pick<AdminTypes.ProductVariant, 'id' | 'sku'>> } }
    )> }
  ) | (
    Pick<AdminTypes.ProductDuplicateOperation, 'status'>
    & { product?: AdminTypes.Maybe<(
      Pick<AdminTypes.Product, 'id' | 'handle'>
      & { variants: { nodes: Array<Pick<AdminTypes.ProductVariant, 'id' | 'sku'>> } }
    )> }
  ) | (
    Pick<AdminTypes.ProductSetOperation, 'status'>
    & { userErrors: Array<Pick<AdminTypes.ProductSetUserError, 'field' | 'message' | 'code'>>, product?: AdminTypes.Maybe<(
      Pick<AdminTypes.Product, 'id' | 'handle'>
      & { variants: { nodes: Array<Pick<AdminTypes.ProductVariant, 'id' | 'sku'>> } }
    )> }
  )> };

export type ProductUpdateFromErpMutationVariables = AdminTypes.Exact<{
  product: AdminTypes.ProductUpdateInput;
}>;


export type ProductUpdateFromErpMutation = { productUpdate?: AdminTypes.Maybe<{ product?: AdminTypes.Maybe<Pick<AdminTypes.Product, 'id'>>, userErrors: Array<Pick<AdminTypes.UserError, 'field' | 'message'>> }> };

export type VariantsUpdateFromErpMutationVariables = AdminTypes.Exact<{
  productId: AdminTypes.Scalars['ID']['input'];
  variants: Array<AdminTypes.ProductVariantsBulkInput> | AdminTypes.ProductVariantsBulkInput;
}>;


export type VariantsUpdateFromErpMutation = { productVariantsBulkUpdate?: AdminTypes.Maybe<{ productVariants?: AdminTypes.Maybe<Array<Pick<AdminTypes.ProductVariant, 'id' | 'sku'>>>, userErrors: Array<Pick<AdminTypes.ProductVariantsBulkUpdateUserError, 'field' | 'message' | 'code'>> }> };

export type VariantsDeleteFromErpMutationVariables = AdminTypes.Exact<{
  productId: AdminTypes.Scalars['ID']['input'];
  variantsIds: Array<AdminTypes.Scalars['ID']['input']> | AdminTypes.Scalars['ID']['input'];
}>;


export type VariantsDeleteFromErpMutation = { productVariantsBulkDelete?: AdminTypes.Maybe<{ userErrors: Array<Pick<AdminTypes.ProductVariantsBulkDeleteUserError, 'field' | 'message' | 'code'>> }> };

export type VariantsCreateFromErpMutationVariables = AdminTypes.Exact<{
  productId: AdminTypes.Scalars['ID']['input'];
  variants: Array<AdminTypes.ProductVariantsBulkInput> | AdminTypes.ProductVariantsBulkInput;
}>;


export type VariantsCreateFromErpMutation = { productVariantsBulkCreate?: AdminTypes.Maybe<{ productVariants?: AdminTypes.Maybe<Array<Pick<AdminTypes.ProductVariant, 'id' | 'sku'>>>, userErrors: Array<Pick<AdminTypes.ProductVariantsBulkCreateUserError, 'field' | 'message' | 'code'>> }> };

export type VariantsBySkuQueryVariables = AdminTypes.Exact<{
  query: AdminTypes.Scalars['String']['input'];
  after?: AdminTypes.InputMaybe<AdminTypes.Scalars['String']['input']>;
}>;


export type VariantsBySkuQuery = { productVariants: { nodes: Array<(
      Pick<AdminTypes.ProductVariant, 'id' | 'sku'>
      & { product: Pick<AdminTypes.Product, 'id'> }
    )>, pageInfo: Pick<AdminTypes.PageInfo, 'hasNextPage' | 'endCursor'> } };

export type ProductsByHandleQueryVariables = AdminTypes.Exact<{
  query: AdminTypes.Scalars['String']['input'];
}>;


export type ProductsByHandleQuery = { products: { nodes: Array<Pick<AdminTypes.Product, 'id' | 'handle'>> } };

export type VariantAllowanceQueryVariables = AdminTypes.Exact<{ [key: string]: never; }>;


export type VariantAllowanceQuery = { shop: { plan: Pick<AdminTypes.ShopPlan, 'shopifyPlus'> }, productVariantsCount?: AdminTypes.Maybe<Pick<AdminTypes.Count, 'count' | 'precision'>> };

export type ProductsUpdatedSinceQueryVariables = AdminTypes.Exact<{
  query?: AdminTypes.InputMaybe<AdminTypes.Scalars['String']['input']>;
  after?: AdminTypes.InputMaybe<AdminTypes.Scalars['String']['input']>;
}>;


export type ProductsUpdatedSinceQuery = { products: { pageInfo: Pick<AdminTypes.PageInfo, 'hasNextPage' | 'endCursor'>, nodes: Array<(
      Pick<AdminTypes.Product, 'id' | 'title' | 'handle' | 'vendor' | 'productType' | 'status' | 'updatedAt'>
      & { variants: { pageInfo: Pick<AdminTypes.PageInfo, 'hasNextPage' | 'endCursor'>, nodes: Array<Pick<AdminTypes.ProductVariant, 'id' | 'title' | 'sku' | 'barcode' | 'price' | 'requiresComponents'>> } }
    )> } };

export type ProductsForImportByIdQueryVariables = AdminTypes.Exact<{
  ids: Array<AdminTypes.Scalars['ID']['input']> | AdminTypes.Scalars['ID']['input'];
}>;


export type ProductsForImportByIdQuery = { nodes: Array<AdminTypes.Maybe<(
    Pick<AdminTypes.Product, 'id' | 'title' | 'handle' | 'vendor' | 'productType' | 'status' | 'updatedAt'>
    & { variants: { pageInfo: Pick<AdminTypes.PageInfo, 'hasNextPage' | 'endCursor'>, nodes: Array<Pick<AdminTypes.ProductVariant, 'id' | 'title' | 'sku' | 'barcode' | 'price' | 'requiresComponents'>> } }
  )>> };

export type ProductVariantsAfterQueryVariables = AdminTypes.Exact<{
  id: AdminTypes.Scalars['ID']['input'];
  after?: AdminTypes.InputMaybe<AdminTypes.Scalars['String']['input']>;
}>;


export type ProductVariantsAfterQuery = { product?: AdminTypes.Maybe<{ variants: { pageInfo: Pick<AdminTypes.PageInfo, 'hasNextPage' | 'endCursor'>, nodes: Array<Pick<AdminTypes.ProductVariant, 'id' | 'title' | 'sku' | 'barcode' | 'price' | 'requiresComponents'>> } }> };

export type VariantForNewItemQueryVariables = AdminTypes.Exact<{
  id: AdminTypes.Scalars['ID']['input'];
}>;


export type VariantForNewItemQuery = { productVariant?: AdminTypes.Maybe<(
    Pick<AdminTypes.ProductVariant, 'title' | 'sku' | 'barcode' | 'price'>
    & { product: Pick<AdminTypes.Product, 'id' | 'title'> }
  )> };

export type RefundForCreditMemoQueryVariables = AdminTypes.Exact<{
  id: AdminTypes.Scalars['ID']['input'];
}>;


export type RefundForCreditMemoQuery = { refund?: AdminTypes.Maybe<(
    Pick<AdminTypes.Refund, 'id' | 'legacyResourceId' | 'createdAt'>
    & { refundLineItems: { nodes: Array<(
        Pick<AdminTypes.RefundLineItem, 'quantity' | 'restockType'>
        & { lineItem: Pick<AdminTypes.LineItem, 'id'>, location?: AdminTypes.Maybe<Pick<AdminTypes.Location, 'id'>>, subtotalSet: { shopMoney: Pick<AdminTypes.MoneyV2, 'amount'>, presentmentMoney: Pick<AdminTypes.MoneyV2, 'amount'> }, totalTaxSet: { shopMoney: Pick<AdminTypes.MoneyV2, 'amount'>, presentmentMoney: Pick<AdminTypes.MoneyV2, 'amount'> } }
      )>, pageInfo: Pick<AdminTypes.PageInfo, 'hasNextPage'> }, refundShippingLines: { nodes: Array<{ subtotalAmountSet: { shopMoney: Pick<AdminTypes.MoneyV2, 'amount'>, presentmentMoney: Pick<AdminTypes.MoneyV2, 'amount'> }, taxAmountSet: { shopMoney: Pick<AdminTypes.MoneyV2, 'amount'>, presentmentMoney: Pick<AdminTypes.MoneyV2, 'amount'> } }> }, transactions: { nodes: Array<(
        Pick<AdminTypes.OrderTransaction, 'kind' | 'status'>
        & { amountSet: { shopMoney: Pick<AdminTypes.MoneyV2, 'amount'>, presentmentMoney: Pick<AdminTypes.MoneyV2, 'amount'> } }
      )> } }
  )> };

export type OrdersWithRefundsQueryVariables = AdminTypes.Exact<{
  first: AdminTypes.Scalars['Int']['input'];
  after?: AdminTypes.InputMaybe<AdminTypes.Scalars['String']['input']>;
  query?: AdminTypes.InputMaybe<AdminTypes.Scalars['String']['input']>;
}>;


export type OrdersWithRefundsQuery = { orders: { nodes: Array<(
      Pick<AdminTypes.Order, 'id' | 'updatedAt'>
      & { refunds: Array<Pick<AdminTypes.Refund, 'id'>>, returns: { nodes: Array<(
          Pick<AdminTypes.Return, 'id' | 'name' | 'status' | 'totalQuantity'>
          & { decline?: AdminTypes.Maybe<Pick<AdminTypes.ReturnDecline, 'reason'>> }
        )> } }
    )>, pageInfo: Pick<AdminTypes.PageInfo, 'hasNextPage' | 'endCursor'> } };

export type ShopInfoQueryVariables = AdminTypes.Exact<{ [key: string]: never; }>;


export type ShopInfoQuery = { shop: (
    Pick<AdminTypes.Shop, 'name' | 'myshopifyDomain' | 'currencyCode' | 'ianaTimezone'>
    & { plan: Pick<AdminTypes.ShopPlan, 'publicDisplayName' | 'partnerDevelopment' | 'shopifyPlus'> }
  ) };

export type StoreLocationsQueryVariables = AdminTypes.Exact<{
  after?: AdminTypes.InputMaybe<AdminTypes.Scalars['String']['input']>;
}>;


export type StoreLocationsQuery = { locations: { nodes: Array<(
      Pick<AdminTypes.Location, 'id' | 'legacyResourceId' | 'name' | 'isActive'>
      & { fulfillmentService?: AdminTypes.Maybe<Pick<AdminTypes.FulfillmentService, 'serviceName'>> }
    )>, pageInfo: Pick<AdminTypes.PageInfo, 'hasNextPage' | 'endCursor'> } };

export type OrderErpDocumentNumberSetMutationVariables = AdminTypes.Exact<{
  metafields: Array<AdminTypes.MetafieldsSetInput> | AdminTypes.MetafieldsSetInput;
}>;


export type OrderErpDocumentNumberSetMutation = { metafieldsSet?: AdminTypes.Maybe<{ metafields?: AdminTypes.Maybe<Array<Pick<AdminTypes.Metafield, 'id' | 'namespace' | 'key' | 'value'>>>, userErrors: Array<Pick<AdminTypes.MetafieldsSetUserError, 'field' | 'message' | 'code'>> }> };

interface GeneratedQueryTypes {
  "#graphql\n  query BulkOperationState($id: ID!) {\n    bulkOperation(id: $id) {\n      id\n      status\n      errorCode\n      objectCount\n      url\n      partialDataUrl\n    }\n  }\n": {return: BulkOperationStateQuery, variables: BulkOperationStateQueryVariables},
  "#graphql\n  query CompaniesChanged($first: Int!, $after: String, $query: String) {\n    companies(first: $first, after: $after, query: $query, sortKey: UPDATED_AT) {\n      nodes {\n        id\n        name\n        externalId\n        note\n        updatedAt\n        mainContact {\n          id\n          customer {\n            id\n            firstName\n            lastName\n            defaultEmailAddress {\n              emailAddress\n            }\n            defaultPhoneNumber {\n              phoneNumber\n            }\n          }\n        }\n        locations(first: 5, sortKey: CREATED_AT) {\n          nodes {\n            id\n            name\n            externalId\n            phone\n            updatedAt\n            billingAddress {\n              address1\n              address2\n              city\n              zip\n              province\n              zoneCode\n              countryCode\n              phone\n              recipient\n            }\n            shippingAddress {\n              address1\n              address2\n              city\n              zip\n              province\n              zoneCode\n              countryCode\n              phone\n              recipient\n            }\n            taxSettings {\n              taxRegistrationId\n              taxExempt\n            }\n            buyerExperienceConfiguration {\n              paymentTermsTemplate {\n                id\n                name\n                dueInDays\n                paymentTermsType\n              }\n            }\n          }\n          pageInfo {\n            hasNextPage\n            endCursor\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": {return: CompaniesChangedQuery, variables: CompaniesChangedQueryVariables},
  "#graphql\n  query CompaniesById($ids: [ID!]!) {\n    nodes(ids: $ids) {\n      ... on Company {\n        id\n        name\n        externalId\n        note\n        updatedAt\n        mainContact {\n          id\n          customer {\n            id\n            firstName\n            lastName\n            defaultEmailAddress {\n              emailAddress\n            }\n            defaultPhoneNumber {\n              phoneNumber\n            }\n          }\n        }\n        locations(first: 5, sortKey: CREATED_AT) {\n          nodes {\n            id\n            name\n            externalId\n            phone\n            updatedAt\n            billingAddress {\n              address1\n              address2\n              city\n              zip\n              province\n              zoneCode\n              countryCode\n              phone\n              recipient\n            }\n            shippingAddress {\n              address1\n              address2\n              city\n              zip\n              province\n              zoneCode\n              countryCode\n              phone\n              recipient\n            }\n            taxSettings {\n              taxRegistrationId\n              taxExempt\n            }\n            buyerExperienceConfiguration {\n              paymentTermsTemplate {\n                id\n                name\n                dueInDays\n                paymentTermsType\n              }\n            }\n          }\n          pageInfo {\n            hasNextPage\n            endCursor\n          }\n        }\n      }\n    }\n  }\n": {return: CompaniesByIdQuery, variables: CompaniesByIdQueryVariables},
  "#graphql\n  query CompanyLocationsChanged($first: Int!, $after: String, $query: String) {\n    companyLocations(first: $first, after: $after, query: $query, sortKey: UPDATED_AT) {\n      nodes {\n        id\n        updatedAt\n        company {\n          id\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": {return: CompanyLocationsChangedQuery, variables: CompanyLocationsChangedQueryVariables},
  "#graphql\n  query CompanyLocationsPage($companyId: ID!, $after: String) {\n    company(id: $companyId) {\n      locations(first: 100, after: $after, sortKey: CREATED_AT) {\n        nodes {\n          id\n          name\n          externalId\n          phone\n          updatedAt\n          billingAddress {\n            address1\n            address2\n            city\n            zip\n            province\n            zoneCode\n            countryCode\n            phone\n            recipient\n          }\n          shippingAddress {\n            address1\n            address2\n            city\n            zip\n            province\n            zoneCode\n            countryCode\n            phone\n            recipient\n          }\n          taxSettings {\n            taxRegistrationId\n            taxExempt\n          }\n          buyerExperienceConfiguration {\n            paymentTermsTemplate {\n              id\n              name\n              dueInDays\n              paymentTermsType\n            }\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n": {return: CompanyLocationsPageQuery, variables: CompanyLocationsPageQueryVariables},
  "#graphql\n  query CompaniesOfLocations($ids: [ID!]!) {\n    nodes(ids: $ids) {\n      ... on CompanyLocation {\n        id\n        company {\n          id\n        }\n      }\n    }\n  }\n": {return: CompaniesOfLocationsQuery, variables: CompaniesOfLocationsQueryVariables},
  "#graphql\n  query CompanyByExternalId($query: String!) {\n    companies(first: 5, query: $query) {\n      nodes {\n        id\n        externalId\n      }\n    }\n  }\n": {return: CompanyByExternalIdQuery, variables: CompanyByExternalIdQueryVariables},
  "#graphql\n  query CustomersChanged($first: Int!, $after: String, $query: String) {\n    customers(first: $first, after: $after, query: $query, sortKey: UPDATED_AT) {\n      nodes {\n        id\n        firstName\n        lastName\n        updatedAt\n        taxExempt\n        defaultEmailAddress {\n          emailAddress\n          marketingState\n        }\n        defaultPhoneNumber {\n          phoneNumber\n          marketingState\n        }\n        defaultAddress {\n          id\n          firstName\n          lastName\n          company\n          address1\n          address2\n          city\n          zip\n          province\n          provinceCode\n          countryCodeV2\n          phone\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": {return: CustomersChangedQuery, variables: CustomersChangedQueryVariables},
  "#graphql\n  query CustomersById($ids: [ID!]!) {\n    nodes(ids: $ids) {\n      ... on Customer {\n        id\n        firstName\n        lastName\n        updatedAt\n        taxExempt\n        defaultEmailAddress {\n          emailAddress\n          marketingState\n        }\n        defaultPhoneNumber {\n          phoneNumber\n          marketingState\n        }\n        defaultAddress {\n          id\n          firstName\n          lastName\n          company\n          address1\n          address2\n          city\n          zip\n          province\n          provinceCode\n          countryCodeV2\n          phone\n        }\n      }\n    }\n  }\n": {return: CustomersByIdQuery, variables: CustomersByIdQueryVariables},
  "#graphql\n  query CustomersBulk {\n    customers {\n      edges {\n        node {\n          id\n          firstName\n          lastName\n          updatedAt\n          taxExempt\n          defaultEmailAddress {\n            emailAddress\n            marketingState\n          }\n          defaultPhoneNumber {\n            phoneNumber\n            marketingState\n          }\n          defaultAddress {\n            id\n            firstName\n            lastName\n            company\n            address1\n            address2\n            city\n            zip\n            province\n            provinceCode\n            countryCodeV2\n            phone\n          }\n        }\n      }\n    }\n  }\n": {return: CustomersBulkQuery, variables: CustomersBulkQueryVariables},
  "#graphql\n  query CustomerByEmail($query: String!) {\n    customers(first: 2, query: $query) {\n      nodes {\n        id\n        firstName\n        lastName\n        updatedAt\n        taxExempt\n        defaultEmailAddress {\n          emailAddress\n          marketingState\n        }\n        defaultPhoneNumber {\n          phoneNumber\n          marketingState\n        }\n        defaultAddress {\n          id\n          firstName\n          lastName\n          company\n          address1\n          address2\n          city\n          zip\n          province\n          provinceCode\n          countryCodeV2\n          phone\n        }\n      }\n    }\n  }\n": {return: CustomerByEmailQuery, variables: CustomerByEmailQueryVariables},
  "#graphql\n  query OrderFulfillmentOrders($id: ID!) {\n    order(id: $id) {\n      id\n      name\n      cancelledAt\n      closed\n      displayFinancialStatus\n      displayFulfillmentStatus\n      fulfillmentOrders(first: 10) {\n        nodes {\n          id\n          status\n          requestStatus\n          assignedLocation {\n            location {\n              id\n              name\n              fulfillmentService {\n                handle\n                serviceName\n              }\n            }\n          }\n          lineItems(first: 40) {\n            nodes {\n              id\n              remainingQuantity\n              lineItem {\n                id\n              }\n            }\n            pageInfo {\n              hasNextPage\n              endCursor\n            }\n          }\n        }\n        pageInfo {\n          hasNextPage\n        }\n      }\n    }\n  }\n": {return: OrderFulfillmentOrdersQuery, variables: OrderFulfillmentOrdersQueryVariables},
  "#graphql\n  query FulfillmentOrderLines($id: ID!, $after: String) {\n    fulfillmentOrder(id: $id) {\n      lineItems(first: 100, after: $after) {\n        nodes {\n          id\n          remainingQuantity\n          lineItem {\n            id\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n": {return: FulfillmentOrderLinesQuery, variables: FulfillmentOrderLinesQueryVariables},
  "#graphql\n  query OrderFulfillments($id: ID!) {\n    order(id: $id) {\n      id\n      fulfillments(first: 250) {\n        id\n        status\n        location {\n          id\n        }\n      }\n    }\n  }\n": {return: OrderFulfillmentsQuery, variables: OrderFulfillmentsQueryVariables},
  "#graphql\n  query FulfillmentLines($id: ID!) {\n    fulfillment(id: $id) {\n      fulfillmentLineItems(first: 250) {\n        nodes {\n          quantity\n          lineItem {\n            id\n          }\n        }\n      }\n    }\n  }\n": {return: FulfillmentLinesQuery, variables: FulfillmentLinesQueryVariables},
  "#graphql\n  query InventoryOfVariants($ids: [ID!]!) {\n    nodes(ids: $ids) {\n      ... on ProductVariant {\n        id\n        inventoryItem {\n          id\n          tracked\n          inventoryLevels(first: 20) {\n            nodes {\n              location {\n                id\n              }\n              quantities(names: [\"available\", \"on_hand\"]) {\n                name\n                quantity\n              }\n              updatedAt\n            }\n          }\n        }\n      }\n    }\n  }\n": {return: InventoryOfVariantsQuery, variables: InventoryOfVariantsQueryVariables},
  "#graphql\n  query BulkInventoryLevels {\n    productVariants {\n      edges {\n        node {\n          id\n          inventoryItem {\n            id\n            tracked\n            inventoryLevels {\n              edges {\n                node {\n                  item {\n                    id\n                  }\n                  location {\n                    id\n                  }\n                  quantities(names: [\"available\", \"on_hand\"]) {\n                    name\n                    quantity\n                  }\n                  updatedAt\n                }\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n": {return: BulkInventoryLevelsQuery, variables: BulkInventoryLevelsQueryVariables},
  "#graphql\n  query ProductImageStatus($id: ID!) {\n    node(id: $id) {\n      ... on MediaImage {\n        id\n        fileStatus\n        fileErrors {\n          message\n        }\n      }\n    }\n  }\n": {return: ProductImageStatusQuery, variables: ProductImageStatusQueryVariables},
  "#graphql\n  query VariantPictures($ids: [ID!]!) {\n    nodes(ids: $ids) {\n      ... on ProductVariant {\n        id\n        media(first: 1) {\n          nodes {\n            id\n          }\n        }\n      }\n    }\n  }\n": {return: VariantPicturesQuery, variables: VariantPicturesQueryVariables},
  "#graphql\n  query ProductImagesUpdatedSince($query: String, $after: String) {\n    products(first: 50, after: $after, query: $query, sortKey: UPDATED_AT) {\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        title\n        updatedAt\n        featuredMedia {\n          id\n          status\n          ... on MediaImage {\n            updatedAt\n            mimeType\n            image {\n              url\n            }\n          }\n        }\n      }\n    }\n  }\n": {return: ProductImagesUpdatedSinceQuery, variables: ProductImagesUpdatedSinceQueryVariables},
  "#graphql\n  query ProductImagesById($ids: [ID!]!) {\n    nodes(ids: $ids) {\n      ... on Product {\n        id\n        title\n        updatedAt\n        featuredMedia {\n          id\n          status\n          ... on MediaImage {\n            updatedAt\n            mimeType\n            image {\n              url\n            }\n          }\n        }\n      }\n    }\n  }\n": {return: ProductImagesByIdQuery, variables: ProductImagesByIdQueryVariables},
  "#graphql\n  query OrderForImport($id: ID!) {\n    order(id: $id) {\n      id\n      name\n      createdAt\n      updatedAt\n      processedAt\n      cancelledAt\n      closed\n      test\n      email\n      phone\n      currencyCode\n      presentmentCurrencyCode\n      taxesIncluded\n      displayFinancialStatus\n      displayFulfillmentStatus\n      sourceName\n      app {\n        name\n      }\n      retailLocation {\n        id\n      }\n      risk {\n        recommendation\n        assessments {\n          riskLevel\n        }\n      }\n      tags\n      note\n      customAttributes {\n        key\n        value\n      }\n      purchasingEntity {\n        __typename\n        ... on PurchasingCompany {\n          company {\n            id\n            name\n          }\n          location {\n            id\n            name\n          }\n        }\n      }\n      customer {\n        id\n        firstName\n        lastName\n        defaultEmailAddress {\n          emailAddress\n        }\n        defaultPhoneNumber {\n          phoneNumber\n        }\n      }\n      billingAddress {\n        firstName\n        lastName\n        company\n        address1\n        address2\n        city\n        zip\n        provinceCode\n        countryCodeV2\n        phone\n      }\n      shippingAddress {\n        firstName\n        lastName\n        company\n        address1\n        address2\n        city\n        zip\n        provinceCode\n        countryCodeV2\n        phone\n      }\n      discountCodes\n      currentSubtotalPriceSet {\n        shopMoney {\n          amount\n        }\n        presentmentMoney {\n          amount\n        }\n      }\n      currentTotalTaxSet {\n        shopMoney {\n          amount\n        }\n        presentmentMoney {\n          amount\n        }\n      }\n      currentTotalDiscountsSet {\n        shopMoney {\n          amount\n        }\n        presentmentMoney {\n          amount\n        }\n      }\n      currentShippingPriceSet {\n        shopMoney {\n          amount\n        }\n        presentmentMoney {\n          amount\n        }\n      }\n      currentTotalPriceSet {\n        shopMoney {\n          amount\n        }\n        presentmentMoney {\n          amount\n        }\n      }\n      shippingLines(first: 5, includeRemovals: false) {\n        nodes {\n          title\n          code\n          originalPriceSet {\n            shopMoney {\n              amount\n            }\n            presentmentMoney {\n              amount\n            }\n          }\n          currentDiscountedPriceSet {\n            shopMoney {\n              amount\n            }\n            presentmentMoney {\n              amount\n            }\n          }\n          discountAllocations {\n            allocatedAmountSet {\n              shopMoney {\n                amount\n              }\n              presentmentMoney {\n                amount\n              }\n            }\n          }\n          taxLines {\n            title\n            rate\n            priceSet {\n              shopMoney {\n                amount\n              }\n              presentmentMoney {\n                amount\n              }\n            }\n          }\n        }\n      }\n      transactions(first: 20) {\n        id\n        kind\n        status\n        gateway\n        processedAt\n        amountSet {\n          shopMoney {\n            amount\n          }\n          presentmentMoney {\n            amount\n          }\n        }\n      }\n      lineItems(first: 25) {\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        nodes {\n          id\n          sku\n          title\n          variantTitle\n          quantity\n          currentQuantity\n          requiresShipping\n          isGiftCard\n          variant {\n            id\n            barcode\n          }\n          product {\n            id\n          }\n          originalUnitPriceSet {\n            shopMoney {\n              amount\n            }\n            presentmentMoney {\n              amount\n            }\n          }\n          discountAllocations {\n            allocatedAmountSet {\n              shopMoney {\n                amount\n              }\n              presentmentMoney {\n                amount\n              }\n            }\n          }\n          taxLines {\n            title\n            rate\n            priceSet {\n              shopMoney {\n                amount\n              }\n              presentmentMoney {\n                amount\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n": {return: OrderForImportQuery, variables: OrderForImportQueryVariables},
  "#graphql\n  query OrderLineItems($id: ID!, $after: String) {\n    order(id: $id) {\n      lineItems(first: 25, after: $after) {\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        nodes {\n          id\n          sku\n          title\n          variantTitle\n          quantity\n          currentQuantity\n          requiresShipping\n          isGiftCard\n          variant {\n            id\n            barcode\n          }\n          product {\n            id\n          }\n          originalUnitPriceSet {\n            shopMoney {\n              amount\n            }\n            presentmentMoney {\n              amount\n            }\n          }\n          discountAllocations {\n            allocatedAmountSet {\n              shopMoney {\n                amount\n              }\n              presentmentMoney {\n                amount\n              }\n            }\n          }\n          taxLines {\n            title\n            rate\n            priceSet {\n              shopMoney {\n                amount\n              }\n              presentmentMoney {\n                amount\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n": {return: OrderLineItemsQuery, variables: OrderLineItemsQueryVariables},
  "#graphql\n  query OrdersUpdatedSince($query: String!, $after: String) {\n    orders(first: 100, after: $after, query: $query, sortKey: UPDATED_AT) {\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        updatedAt\n      }\n    }\n  }\n": {return: OrdersUpdatedSinceQuery, variables: OrdersUpdatedSinceQueryVariables},
  "#graphql\n  query OrderLineLocations($id: ID!) {\n    order(id: $id) {\n      fulfillmentOrders(first: 5) {\n        nodes {\n          assignedLocation {\n            location {\n              id\n            }\n          }\n          lineItems(first: 25) {\n            nodes {\n              lineItem {\n                id\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n": {return: OrderLineLocationsQuery, variables: OrderLineLocationsQueryVariables},
  "#graphql\n  query OrdersWithTransactions($first: Int!, $after: String, $query: String) {\n    orders(first: $first, after: $after, query: $query, sortKey: UPDATED_AT) {\n      nodes {\n        id\n        updatedAt\n        transactions(first: 20) {\n          id\n          kind\n          status\n          gateway\n          processedAt\n          paymentDetails {\n            ... on CardPaymentDetails {\n              company\n            }\n          }\n          amountSet {\n            shopMoney {\n              amount\n              currencyCode\n            }\n            presentmentMoney {\n              amount\n              currencyCode\n            }\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": {return: OrdersWithTransactionsQuery, variables: OrdersWithTransactionsQueryVariables},
  "#graphql\n  query Payouts($first: Int!, $after: String, $query: String) {\n    shopifyPaymentsAccount {\n      payouts(first: $first, after: $after, query: $query, sortKey: ID) {\n        nodes {\n          id\n          legacyResourceId\n          status\n          issuedAt\n          transactionType\n          net {\n            amount\n            currencyCode\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n": {return: PayoutsQuery, variables: PayoutsQueryVariables},
  "#graphql\n  query PayoutTransactions($first: Int!, $after: String, $query: String) {\n    shopifyPaymentsAccount {\n      balanceTransactions(first: $first, after: $after, query: $query, sortKey: ID) {\n        nodes {\n          id\n          type\n          transactionDate\n          sourceOrderTransactionId\n          amount {\n            amount\n            currencyCode\n          }\n          fee {\n            amount\n          }\n          net {\n            amount\n          }\n          associatedOrder {\n            id\n            name\n          }\n          associatedPayout {\n            id\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n": {return: PayoutTransactionsQuery, variables: PayoutTransactionsQueryVariables},
  "#graphql\n  query ProductSetOperationState($id: ID!) {\n    productOperation(id: $id) {\n      status\n      product {\n        id\n        handle\n        variants(first: 250) {\n          nodes {\n            id\n            sku\n          }\n        }\n      }\n      ... on ProductSetOperation {\n        userErrors {\n          field\n          message\n          code\n        }\n      }\n    }\n  }\n": {return: ProductSetOperationStateQuery, variables: ProductSetOperationStateQueryVariables},
  "#graphql\n  query VariantsBySku($query: String!, $after: String) {\n    productVariants(first: 100, query: $query, after: $after) {\n      nodes {\n        id\n        sku\n        product {\n          id\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": {return: VariantsBySkuQuery, variables: VariantsBySkuQueryVariables},
  "#graphql\n  query ProductsByHandle($query: String!) {\n    products(first: 50, query: $query) {\n      nodes {\n        id\n        handle\n      }\n    }\n  }\n": {return: ProductsByHandleQuery, variables: ProductsByHandleQueryVariables},
  "#graphql\n  query VariantAllowance {\n    shop {\n      plan {\n        shopifyPlus\n      }\n    }\n    productVariantsCount(limit: 50001) {\n      count\n      precision\n    }\n  }\n": {return: VariantAllowanceQuery, variables: VariantAllowanceQueryVariables},
  "#graphql\n  query ProductsUpdatedSince($query: String, $after: String) {\n    products(first: 8, after: $after, query: $query, sortKey: UPDATED_AT) {\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        title\n        handle\n        vendor\n        productType\n        status\n        updatedAt\n        variants(first: 100) {\n          pageInfo {\n            hasNextPage\n            endCursor\n          }\n          nodes {\n            id\n            title\n            sku\n            barcode\n            price\n            requiresComponents\n          }\n        }\n      }\n    }\n  }\n": {return: ProductsUpdatedSinceQuery, variables: ProductsUpdatedSinceQueryVariables},
  "#graphql\n  query ProductsForImportById($ids: [ID!]!) {\n    nodes(ids: $ids) {\n      ... on Product {\n        id\n        title\n        handle\n        vendor\n        productType\n        status\n        updatedAt\n        variants(first: 100) {\n          pageInfo {\n            hasNextPage\n            endCursor\n          }\n          nodes {\n            id\n            title\n            sku\n            barcode\n            price\n            requiresComponents\n          }\n        }\n      }\n    }\n  }\n": {return: ProductsForImportByIdQuery, variables: ProductsForImportByIdQueryVariables},
  "#graphql\n  query ProductVariantsAfter($id: ID!, $after: String) {\n    product(id: $id) {\n      variants(first: 250, after: $after) {\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        nodes {\n          id\n          title\n          sku\n          barcode\n          price\n          requiresComponents\n        }\n      }\n    }\n  }\n": {return: ProductVariantsAfterQuery, variables: ProductVariantsAfterQueryVariables},
  "#graphql\n  query VariantForNewItem($id: ID!) {\n    productVariant(id: $id) {\n      title\n      sku\n      barcode\n      price\n      product {\n        id\n        title\n      }\n    }\n  }\n": {return: VariantForNewItemQuery, variables: VariantForNewItemQueryVariables},
  "#graphql\n  query RefundForCreditMemo($id: ID!) {\n    refund(id: $id) {\n      id\n      legacyResourceId\n      createdAt\n      refundLineItems(first: 50) {\n        nodes {\n          lineItem {\n            id\n          }\n          quantity\n          restockType\n          location {\n            id\n          }\n          subtotalSet {\n            shopMoney {\n              amount\n            }\n            presentmentMoney {\n              amount\n            }\n          }\n          totalTaxSet {\n            shopMoney {\n              amount\n            }\n            presentmentMoney {\n              amount\n            }\n          }\n        }\n        pageInfo {\n          hasNextPage\n        }\n      }\n      refundShippingLines(first: 10) {\n        nodes {\n          subtotalAmountSet {\n            shopMoney {\n              amount\n            }\n            presentmentMoney {\n              amount\n            }\n          }\n          taxAmountSet {\n            shopMoney {\n              amount\n            }\n            presentmentMoney {\n              amount\n            }\n          }\n        }\n      }\n      transactions(first: 20) {\n        nodes {\n          kind\n          status\n          amountSet {\n            shopMoney {\n              amount\n            }\n            presentmentMoney {\n              amount\n            }\n          }\n        }\n      }\n    }\n  }\n": {return: RefundForCreditMemoQuery, variables: RefundForCreditMemoQueryVariables},
  "#graphql\n  query OrdersWithRefunds($first: Int!, $after: String, $query: String) {\n    orders(first: $first, after: $after, query: $query, sortKey: UPDATED_AT) {\n      nodes {\n        id\n        updatedAt\n        refunds(first: 20) {\n          id\n        }\n        returns(first: 10) {\n          nodes {\n            id\n            name\n            status\n            totalQuantity\n            decline {\n              reason\n            }\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": {return: OrdersWithRefundsQuery, variables: OrdersWithRefundsQueryVariables},
  "#graphql\n  query ShopInfo {\n    shop {\n      name\n      myshopifyDomain\n      currencyCode\n      ianaTimezone\n      plan {\n        publicDisplayName\n        partnerDevelopment\n        shopifyPlus\n      }\n    }\n  }\n": {return: ShopInfoQuery, variables: ShopInfoQueryVariables},
  "#graphql\n  query StoreLocations($after: String) {\n    locations(first: 250, after: $after, includeInactive: true, includeLegacy: true) {\n      nodes {\n        id\n        legacyResourceId\n        name\n        isActive\n        fulfillmentService {\n          serviceName\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": {return: StoreLocationsQuery, variables: StoreLocationsQueryVariables},
}

interface GeneratedMutationTypes {
  "#graphql\n  mutation BulkMutationRun($mutation: String!, $stagedUploadPath: String!) {\n    bulkOperationRunMutation(mutation: $mutation, stagedUploadPath: $stagedUploadPath) {\n      bulkOperation {\n        id\n        status\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n": {return: BulkMutationRunMutation, variables: BulkMutationRunMutationVariables},
  "#graphql\n  mutation ProductSetBulkLine($identifier: ProductSetIdentifiers, $input: ProductSetInput!) {\n    productSet(identifier: $identifier, input: $input, synchronous: true) {\n      product {\n        id\n        handle\n        variants(first: 250) {\n          nodes {\n            id\n            sku\n          }\n        }\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n": {return: ProductSetBulkLineMutation, variables: ProductSetBulkLineMutationVariables},
  "#graphql\n  mutation CompanyUpdateFromErp($companyId: ID!, $input: CompanyInput!) {\n    companyUpdate(companyId: $companyId, input: $input) {\n      company {\n        id\n        updatedAt\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n": {return: CompanyUpdateFromErpMutation, variables: CompanyUpdateFromErpMutationVariables},
  "#graphql\n  mutation CompanyLocationAddressFromErp($locationId: ID!, $address: CompanyAddressInput!, $addressTypes: [CompanyAddressType!]!) {\n    companyLocationAssignAddress(locationId: $locationId, address: $address, addressTypes: $addressTypes) {\n      addresses {\n        id\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n": {return: CompanyLocationAddressFromErpMutation, variables: CompanyLocationAddressFromErpMutationVariables},
  "#graphql\n  mutation CompanyCreateFromErp($input: CompanyCreateInput!) {\n    companyCreate(input: $input) {\n      company {\n        id\n        name\n        updatedAt\n        mainContact {\n          id\n        }\n        contactRoles(first: 10) {\n          nodes {\n            id\n            name\n          }\n        }\n        locations(first: 1) {\n          nodes {\n            id\n            name\n          }\n        }\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n": {return: CompanyCreateFromErpMutation, variables: CompanyCreateFromErpMutationVariables},
  "#graphql\n  mutation CompanyContactRoleFromErp($companyContactId: ID!, $companyContactRoleId: ID!, $companyLocationId: ID!) {\n    companyContactAssignRole(\n      companyContactId: $companyContactId\n      companyContactRoleId: $companyContactRoleId\n      companyLocationId: $companyLocationId\n    ) {\n      companyContactRoleAssignment {\n        id\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n": {return: CompanyContactRoleFromErpMutation, variables: CompanyContactRoleFromErpMutationVariables},
  "#graphql\n  mutation CompanyContactFromErp($companyId: ID!, $input: CompanyContactInput!) {\n    companyContactCreate(companyId: $companyId, input: $input) {\n      companyContact {\n        id\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n": {return: CompanyContactFromErpMutation, variables: CompanyContactFromErpMutationVariables},
  "#graphql\n  mutation CompanyMainContactFromErp($companyId: ID!, $companyContactId: ID!) {\n    companyAssignMainContact(companyId: $companyId, companyContactId: $companyContactId) {\n      company {\n        id\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n": {return: CompanyMainContactFromErpMutation, variables: CompanyMainContactFromErpMutationVariables},
  "#graphql\n  mutation CustomerUpdateFromErp($input: CustomerInput!) {\n    customerUpdate(input: $input) {\n      customer {\n        id\n        firstName\n        lastName\n        updatedAt\n        taxExempt\n        defaultEmailAddress {\n          emailAddress\n          marketingState\n        }\n        defaultPhoneNumber {\n          phoneNumber\n          marketingState\n        }\n        defaultAddress {\n          id\n          firstName\n          lastName\n          company\n          address1\n          address2\n          city\n          zip\n          province\n          provinceCode\n          countryCodeV2\n          phone\n        }\n      }\n      userErrors {\n        field\n        message\n      }\n    }\n  }\n": {return: CustomerUpdateFromErpMutation, variables: CustomerUpdateFromErpMutationVariables},
  "#graphql\n  mutation CustomerAddressFromErp($customerId: ID!, $addressId: ID!, $address: MailingAddressInput!) {\n    customerAddressUpdate(customerId: $customerId, addressId: $addressId, address: $address, setAsDefault: true) {\n      address {\n        id\n      }\n      userErrors {\n        field\n        message\n      }\n    }\n  }\n": {return: CustomerAddressFromErpMutation, variables: CustomerAddressFromErpMutationVariables},
  "#graphql\n  mutation CustomerAddressNewFromErp($customerId: ID!, $address: MailingAddressInput!) {\n    customerAddressCreate(customerId: $customerId, address: $address, setAsDefault: true) {\n      address {\n        id\n      }\n      userErrors {\n        field\n        message\n      }\n    }\n  }\n": {return: CustomerAddressNewFromErpMutation, variables: CustomerAddressNewFromErpMutationVariables},
  "#graphql\n  mutation CustomerCreateFromErp($input: CustomerInput!) {\n    customerCreate(input: $input) {\n      customer {\n        id\n        firstName\n        lastName\n        updatedAt\n        taxExempt\n        defaultEmailAddress {\n          emailAddress\n          marketingState\n        }\n        defaultPhoneNumber {\n          phoneNumber\n          marketingState\n        }\n        defaultAddress {\n          id\n          firstName\n          lastName\n          company\n          address1\n          address2\n          city\n          zip\n          province\n          provinceCode\n          countryCodeV2\n          phone\n        }\n      }\n      userErrors {\n        field\n        message\n      }\n    }\n  }\n": {return: CustomerCreateFromErpMutation, variables: CustomerCreateFromErpMutationVariables},
  "#graphql\n  mutation ShipmentFulfillmentCreate($fulfillment: FulfillmentInput!) {\n    fulfillmentCreate(fulfillment: $fulfillment) {\n      fulfillment {\n        id\n        status\n      }\n      userErrors {\n        field\n        message\n      }\n    }\n  }\n": {return: ShipmentFulfillmentCreateMutation, variables: ShipmentFulfillmentCreateMutationVariables},
  "#graphql\n  mutation FulfillmentRequestAccept($id: ID!, $message: String) {\n    fulfillmentOrderAcceptFulfillmentRequest(id: $id, message: $message) {\n      fulfillmentOrder {\n        id\n        requestStatus\n      }\n      userErrors {\n        field\n        message\n      }\n    }\n  }\n": {return: FulfillmentRequestAcceptMutation, variables: FulfillmentRequestAcceptMutationVariables},
  "#graphql\n  mutation ProcessedOrderClose($input: OrderCloseInput!) {\n    orderClose(input: $input) {\n      order {\n        id\n        closed\n      }\n      userErrors {\n        field\n        message\n      }\n    }\n  }\n": {return: ProcessedOrderCloseMutation, variables: ProcessedOrderCloseMutationVariables},
  "#graphql\n  mutation InventorySetFromErp($input: InventorySetQuantitiesInput!, $key: String!) {\n    inventorySetQuantities(input: $input) @idempotent(key: $key) {\n      inventoryAdjustmentGroup {\n        id\n        createdAt\n        changes(quantityNames: [\"available\", \"on_hand\"]) {\n          name\n          delta\n          quantityAfterChange\n          item {\n            id\n          }\n          location {\n            id\n          }\n        }\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n": {return: InventorySetFromErpMutation, variables: InventorySetFromErpMutationVariables},
  "#graphql\n  mutation InventoryActivateAtLocation(\n    $inventoryItemId: ID!\n    $locationId: ID!\n    $available: Int\n    $onHand: Int\n    $key: String!\n  ) {\n    inventoryActivate(inventoryItemId: $inventoryItemId, locationId: $locationId, available: $available, onHand: $onHand)\n      @idempotent(key: $key) {\n      inventoryLevel {\n        id\n        quantities(names: [\"available\", \"on_hand\"]) {\n          name\n          quantity\n        }\n        updatedAt\n      }\n      userErrors {\n        field\n        message\n      }\n    }\n  }\n": {return: InventoryActivateAtLocationMutation, variables: InventoryActivateAtLocationMutationVariables},
  "#graphql\n  mutation BulkQueryRun($query: String!) {\n    bulkOperationRunQuery(query: $query, groupObjects: false) {\n      bulkOperation {\n        id\n        status\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n": {return: BulkQueryRunMutation, variables: BulkQueryRunMutationVariables},
  "#graphql\n  mutation StagedUpload($input: [StagedUploadInput!]!) {\n    stagedUploadsCreate(input: $input) {\n      stagedTargets {\n        url\n        resourceUrl\n        parameters {\n          name\n          value\n        }\n      }\n      userErrors {\n        field\n        message\n      }\n    }\n  }\n": {return: StagedUploadMutation, variables: StagedUploadMutationVariables},
  "#graphql\n  mutation ProductImageCreate($files: [FileCreateInput!]!) {\n    fileCreate(files: $files) {\n      files {\n        id\n        fileStatus\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n": {return: ProductImageCreateMutation, variables: ProductImageCreateMutationVariables},
  "#graphql\n  mutation ProductImageAttach($files: [FileUpdateInput!]!) {\n    fileUpdate(files: $files) {\n      files {\n        id\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n": {return: ProductImageAttachMutation, variables: ProductImageAttachMutationVariables},
  "#graphql\n  mutation ProductImageDelete($fileIds: [ID!]!) {\n    fileDelete(fileIds: $fileIds) {\n      deletedFileIds\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n": {return: ProductImageDeleteMutation, variables: ProductImageDeleteMutationVariables},
  "#graphql\n  mutation VariantPictureAttach($productId: ID!, $variantMedia: [ProductVariantAppendMediaInput!]!) {\n    productVariantAppendMedia(productId: $productId, variantMedia: $variantMedia) {\n      productVariants {\n        id\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n": {return: VariantPictureAttachMutation, variables: VariantPictureAttachMutationVariables},
  "#graphql\n  mutation ProductSetFromErp($identifier: ProductSetIdentifiers, $input: ProductSetInput!, $synchronous: Boolean!) {\n    productSet(identifier: $identifier, input: $input, synchronous: $synchronous) {\n      product {\n        id\n        handle\n        variants(first: 250) {\n          nodes {\n            id\n            sku\n          }\n        }\n      }\n      productSetOperation {\n        id\n        status\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n": {return: ProductSetFromErpMutation, variables: ProductSetFromErpMutationVariables},
  "#graphql\n  mutation ProductUpdateFromErp($product: ProductUpdateInput!) {\n    productUpdate(product: $product) {\n      product {\n        id\n      }\n      userErrors {\n        field\n        message\n      }\n    }\n  }\n": {return: ProductUpdateFromErpMutation, variables: ProductUpdateFromErpMutationVariables},
  "#graphql\n  mutation VariantsUpdateFromErp($productId: ID!, $variants: [ProductVariantsBulkInput!]!) {\n    productVariantsBulkUpdate(productId: $productId, variants: $variants) {\n      productVariants {\n        id\n        sku\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n": {return: VariantsUpdateFromErpMutation, variables: VariantsUpdateFromErpMutationVariables},
  "#graphql\n  mutation VariantsDeleteFromErp($productId: ID!, $variantsIds: [ID!]!) {\n    productVariantsBulkDelete(productId: $productId, variantsIds: $variantsIds) {\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n": {return: VariantsDeleteFromErpMutation, variables: VariantsDeleteFromErpMutationVariables},
  "#graphql\n  mutation VariantsCreateFromErp($productId: ID!, $variants: [ProductVariantsBulkInput!]!) {\n    productVariantsBulkCreate(productId: $productId, variants: $variants, strategy: REMOVE_STANDALONE_VARIANT) {\n      productVariants {\n        id\n        sku\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n": {return: VariantsCreateFromErpMutation, variables: VariantsCreateFromErpMutationVariables},
  "#graphql\n  mutation OrderErpDocumentNumberSet($metafields: [MetafieldsSetInput!]!) {\n    metafieldsSet(metafields: $metafields) {\n      metafields {\n        id\n        namespace\n        key\n        value\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n": {return: OrderErpDocumentNumberSetMutation, variables: OrderErpDocumentNumberSetMutationVariables},
}
declare module '@shopify/admin-api-client' {
  type InputMaybe<T> = AdminTypes.InputMaybe<T>;
  interface AdminQueries extends GeneratedQueryTypes {}
  interface AdminMutations extends GeneratedMutationTypes {}
}
