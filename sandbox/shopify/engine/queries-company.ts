import type { Lazy } from "./field-resolver.ts";
import { PAYMENT_TERMS_TEMPLATES, paymentTermsTemplateView } from "./payment-terms.ts";
import { count, listConnection, nodeOfType } from "./query-root.ts";
import { companyLocationSpec, companySpec } from "./search-specs-company.ts";
import { companyLocationView, companyView } from "./views-company.ts";

/** B2B root query fields. */
export const companyQueries: Record<string, Lazy<unknown>> = {
  company: (args, { state }) => nodeOfType(state, args.id, "Company"),
  companyLocation: (args, { state }) => nodeOfType(state, args.id, "CompanyLocation"),
  companyContact: (args, { state }) => nodeOfType(state, args.id, "CompanyContact"),
  companyContactRole: (args, { state }) => nodeOfType(state, args.id, "CompanyContactRole"),
  // ORDER_COUNT and TOTAL_SPENT order by id in the sandbox (like an unknown key): no test needs them yet.
  companies: (args, ctx) =>
    listConnection(
      ctx.state.companies.values(),
      companySpec(),
      (r) => companyView(ctx.state, r),
      args,
      ctx,
      "companies",
    ),
  companyLocations: (args, ctx) =>
    listConnection(
      ctx.state.companyLocations.values(),
      companyLocationSpec(),
      (r) => companyLocationView(ctx.state, r),
      args,
      ctx,
      "companyLocations",
    ),
  // The 2026-10 schema gives companiesCount no query argument.
  companiesCount: (args, { state }) => count(state.companies.size, args.limit),
  paymentTermsTemplates: (args) =>
    PAYMENT_TERMS_TEMPLATES.filter((t) => !args.paymentTermsType || t.paymentTermsType === args.paymentTermsType).map(
      paymentTermsTemplateView,
    ),
};
