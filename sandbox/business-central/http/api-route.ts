import type { IncomingMessage, ServerResponse } from "node:http";

import { z } from "zod";

import { readBody } from "../../common/http-request.ts";
import { badRequest, BcError, methodNotAllowed, noResource, recordNotFound } from "../bc-error.ts";
import { pageCollection } from "../odata/collection.ts";
import { parseQueryOptions } from "../odata/query-options.ts";
import type { CompanyData } from "../store/company-data.ts";
import type { BaseRow } from "../store/row-types.ts";
import { projectRow } from "./api-pages.ts";
import { CUSTOM_SETS, type EntitySetDef, STANDARD_SETS } from "./entity-sets.ts";
import { sendJson, sendNoContent } from "./http-util.ts";
import { checkIfMatch } from "./if-match.ts";
import { handlePicture } from "./picture-route.ts";
import { type ChildIndex, recordName, serializeRow } from "./serialize.ts";

export interface ApiTarget {
  /** `${origin}/v2.0/{tenant}/{env}/api/...` up to and including the version segment. */
  root: string;
  companies: Map<string, CompanyData>;
  custom: boolean;
  /** Path after the root, e.g. "companies(…)/items". */
  rest: string;
  url: URL;
  now: () => number;
}

const MAX_PAGE = 20_000;
const SEGMENT = /^([A-Za-z][A-Za-z0-9.]*)(?:\((?:id=)?'?([^')]*)'?\))?$/;
const GUID = /^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$/;

function parseSegments(rest: string, url: URL): { name: string; key?: string }[] {
  return rest
    .split("/")
    .filter((s) => s !== "")
    .map((raw) => {
      const m = SEGMENT.exec(decodeURIComponent(raw));
      if (!m) throw noResource(url.href);
      if (m[2] !== undefined && !GUID.test(m[2])) throw badRequest("Bad Request - Error in query syntax.");
      return m[2] === undefined ? { name: m[1]! } : { name: m[1]!, key: m[2].toLowerCase() };
    });
}

function pageSize(req: IncomingMessage): { size: number; applied?: string } {
  const prefer = String(req.headers.prefer ?? "");
  const m = /odata\.maxpagesize=(\d+)/.exec(prefer);
  if (!m) return { size: MAX_PAGE };
  const size = Math.min(Number(m[1]), MAX_PAGE);
  return { size: Math.max(1, size), applied: `odata.maxpagesize=${size}` };
}

async function jsonBody(req: IncomingMessage): Promise<unknown> {
  const raw = await readBody(req);
  try {
    return raw === "" ? {} : (JSON.parse(raw) as unknown);
  } catch {
    throw badRequest("Invalid Request Body");
  }
}

/** zod → BC's wording for an unknown property or a value of the wrong type. */
function toBcError(error: z.ZodError, entityType: string): BcError {
  const issue = error.issues[0];
  if (issue?.code === "unrecognized_keys") {
    return badRequest(
      `The property '${issue.keys[0] ?? ""}' does not exist on type 'Microsoft.NAV.${entityType}'. Make sure to only use property names that are defined by the type or mark the type as open type.`,
    );
  }
  return badRequest(`Invalid Request Body: ${issue?.path.join(".") ?? ""} ${issue?.message ?? ""}`.trim());
}

export async function handleApi(req: IncomingMessage, res: ServerResponse, target: ApiTarget): Promise<void> {
  const method = req.method ?? "GET";
  const segments = parseSegments(target.rest, target.url);
  const options = parseQueryOptions(target.url.searchParams);
  const [companySeg, setSeg, navSeg, childSeg, ...extra] = segments;
  if (!companySeg || companySeg.name !== "companies" || extra.length > 0) throw noResource(target.url.href);
  const ctxUrl = `${target.root}/$metadata#companies`;
  if (!companySeg.key) {
    if (setSeg || method !== "GET") throw setSeg ? noResource(target.url.href) : methodNotAllowed(method, "companies");
    const rows = [...target.companies.values()].map((c) => c.info);
    const page = pageCollection(rows, options, { entityType: "company", defaultOrder: ["name"], pageSize: MAX_PAGE });
    sendJson(res, 200, { "@odata.context": ctxUrl, value: page.rows });
    return;
  }
  const data = target.companies.get(companySeg.key);
  // Guess: BC's wording for an unknown company id.
  if (!data) throw new BcError(404, "Internal_CompanyNotFound", `Cannot find the company with id '${companySeg.key}'.`);
  if (!setSeg) {
    if (method !== "GET") throw methodNotAllowed(method, "companies");
    sendJson(res, 200, { "@odata.context": `${ctxUrl}/$entity`, ...data.info });
    return;
  }
  const sets = target.custom ? CUSTOM_SETS : STANDARD_SETS;
  let def = sets[setSeg.name];
  if (!def) throw noResource(target.url.href);
  const ctx = { data, now: target.now };
  let contextPath = `${ctxUrl}(${data.info.id})/${setSeg.name}`;
  let parentFilter: ((row: BaseRow) => boolean) | undefined;
  let parentId: string | undefined;
  let key = setSeg.key;
  if (setSeg.key) {
    const parent = def.resolve ? def.resolve(data, setSeg.key) : def.table(data).get(setSeg.key);
    if (!parent) throw recordNotFound(recordName(def.entityType), `SystemId='${setSeg.key}'`);
    if (navSeg?.name.startsWith("Microsoft.NAV.")) {
      const action = def.actions?.[navSeg.name];
      if (!action || childSeg) throw noResource(target.url.href);
      if (method !== "POST") throw methodNotAllowed(method, navSeg.name);
      const body = await jsonBody(req);
      try {
        action(ctx, parent, body);
      } catch (error) {
        if (error instanceof z.ZodError) throw toBcError(error, navSeg.name.slice("Microsoft.NAV.".length));
        throw error;
      }
      sendNoContent(res);
      return;
    }
    if (navSeg?.name === "picture" && def.picture) {
      const pictureUrl = `${target.root}/companies(${data.info.id})/${setSeg.name}(${parent.id})/picture`;
      // `picture({id})` names the one picture there is: its key is the parent's id.
      if (navSeg.key !== undefined && navSeg.key !== parent.id) {
        throw recordNotFound("Picture Entity", `Id='${navSeg.key}'`);
      }
      await handlePicture(req, res, {
        data,
        parentType: def.picture,
        parent,
        pictureUrl,
        contextPath: `${contextPath}(${parent.id})/picture`,
        property: childSeg?.name,
        url: target.url,
      });
      return;
    }
    if (navSeg) {
      const nav = def.navigation?.[navSeg.name];
      const childDef = nav ? sets[nav[0]] : undefined;
      if (!nav || !childDef) throw noResource(target.url.href);
      parentId = parent.id;
      parentFilter = (row) => (row as unknown as Record<string, unknown>)[nav[1]] === parent.id;
      def = childDef;
      contextPath = `${contextPath}(${parent.id})/${navSeg.name}`;
      // salesOrders({id})/salesOrderLines({lineId}): the key sits on the navigation segment itself.
      key = navSeg.key;
      if (childSeg) throw noResource(target.url.href);
    }
  }
  await handleEntitySet(req, res, { def, sets, ctx, key, parentId, parentFilter, contextPath, options, target });
}

async function handleEntitySet(
  req: IncomingMessage,
  res: ServerResponse,
  p: {
    def: EntitySetDef;
    sets: Record<string, EntitySetDef>;
    ctx: { data: CompanyData; now: () => number };
    key: string | undefined;
    parentId: string | undefined;
    parentFilter: ((row: BaseRow) => boolean) | undefined;
    contextPath: string;
    options: ReturnType<typeof parseQueryOptions>;
    target: ApiTarget;
  },
): Promise<void> {
  const { def, sets, ctx, options } = p;
  const method = req.method ?? "GET";
  const table = def.table(ctx.data);
  // Rows are projected onto the API page first, so $filter, $orderby and $select see what BC shows.
  const project = (row: BaseRow) => projectRow(def.page, ctx.data, row);
  const companyUrl = `${p.target.root}/companies(${ctx.data.info.id})`;
  // One index of expanded children per answer: built on the first row that expands them.
  const index: ChildIndex = new Map();
  const serialize = (row: BaseRow) => serializeRow(ctx.data, sets, def, row, options, companyUrl, index);
  const entity = (row: BaseRow) => ({ "@odata.context": `${p.contextPath}/$entity`, ...serialize(project(row)) });
  const etagHeader = (row: BaseRow): Record<string, string> => ({ ETag: table.etag(row.id) ?? "" });
  try {
    if (!p.key) {
      if (method === "GET") {
        def.checkList?.(options, p.parentId);
        const inScope = (row: BaseRow) => (!def.scope || def.scope(row)) && (!p.parentFilter || p.parentFilter(row));
        const rows = (def.scope || p.parentFilter ? table.filter(inScope) : table.all()).map(project);
        const { size, applied } = pageSize(req);
        const page = pageCollection(rows, options, {
          entityType: def.entityType,
          defaultOrder: def.defaultOrder,
          pageSize: size,
          ...(def.keyField ? { keyField: def.keyField } : {}),
        });
        const body: Record<string, unknown> = { "@odata.context": p.contextPath };
        if (page.count !== undefined) body["@odata.count"] = page.count;
        body.value = page.rows.map(serialize);
        if (page.next) {
          const next = new URL(p.target.url.href);
          next.searchParams.delete("$skip");
          next.searchParams.set("$skiptoken", page.next);
          body["@odata.nextLink"] = next.href;
        }
        sendJson(res, 200, body, applied ? { "Preference-Applied": applied } : {});
        return;
      }
      if (method !== "POST" || !def.create) throw methodNotAllowed(method, def.entityType);
      const created = def.create(ctx, await jsonBody(req), p.parentId);
      if (!created) throw new Error("create returned nothing");
      sendJson(res, 201, entity(created), etagHeader(created));
      return;
    }
    const row = table.get(p.key);
    if (!row || (p.parentFilter && !p.parentFilter(row)) || (def.scope && !def.scope(row))) {
      throw recordNotFound(recordName(def.entityType), `SystemId='${p.key}'`);
    }
    if (method === "GET") {
      sendJson(res, 200, entity(row), etagHeader(row));
    } else if (method === "PATCH") {
      if (!def.patch) throw methodNotAllowed(method, def.entityType);
      checkIfMatch(req, table.etag(row.id));
      def.patch(ctx, row, await jsonBody(req));
      const updated = table.get(row.id) ?? row;
      sendJson(res, 200, entity(updated), etagHeader(updated));
    } else if (method === "DELETE") {
      if (!def.remove) throw methodNotAllowed(method, def.entityType);
      checkIfMatch(req, table.etag(row.id));
      def.remove(ctx, row);
      sendNoContent(res);
    } else throw methodNotAllowed(method, def.entityType);
  } catch (error) {
    if (error instanceof z.ZodError) throw toBcError(error, def.entityType);
    throw error;
  }
}
