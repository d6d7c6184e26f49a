import type { AdminQueryOptions, GraphqlVariables, ShopifyAdmin } from "./admin-port.ts";

/** The part of a Relay connection pagination needs; select `nodes` or `edges { node }`. */
export interface Connection<TNode> {
  nodes?: readonly TNode[] | null;
  edges?: readonly { node: TNode }[] | null;
  pageInfo: { hasNextPage: boolean; endCursor?: string | null };
}

export interface PaginateOptions<TData, TNode> extends AdminQueryOptions {
  /** Picks the connection out of one page's data. */
  connection: (data: TData) => Connection<TNode>;
  /** The document's cursor variable. Default "after". */
  cursorVariable?: string;
  /** Resume from a saved cursor (checkpoint). */
  startAfter?: string | null;
  /** Stop after this many pages even if there are more. Default: no limit. */
  maxPages?: number;
}

export interface Page<TNode> {
  nodes: TNode[];
  /** Where the next page starts; save it as the checkpoint once the page is applied. */
  endCursor: string | null;
  hasNextPage: boolean;
  pageNumber: number;
}

/**
 * Walks a connection page by page through any ShopifyAdmin (so fakes paginate too). A page is
 * yielded before the next one is requested, so a caller that checkpoints `endCursor` after
 * applying a page never skips records when it stops half way.
 */
export async function* paginate<TData, TNode, TVars extends GraphqlVariables = GraphqlVariables>(
  admin: ShopifyAdmin,
  document: string,
  variables: TVars,
  options: PaginateOptions<TData, TNode>,
): AsyncGenerator<Page<TNode>, void, undefined> {
  const {
    connection,
    cursorVariable = "after",
    startAfter = null,
    maxPages = Number.POSITIVE_INFINITY,
    ...queryOptions
  } = options;
  let cursor: string | null = startAfter;
  for (let pageNumber = 1; pageNumber <= maxPages; pageNumber += 1) {
    const data = await admin.query<TData>(document, { ...variables, [cursorVariable]: cursor }, queryOptions);
    const page = connection(data);
    const nodes = page.nodes ? [...page.nodes] : (page.edges ?? []).map((edge) => edge.node);
    const endCursor = page.pageInfo.endCursor ?? null;
    const hasNextPage = page.pageInfo.hasNextPage && endCursor !== null;
    yield { nodes, endCursor, hasNextPage, pageNumber };
    if (!hasNextPage) return;
    cursor = endCursor;
  }
}
